package app

import (
	"context"
	"io"
	"log/slog"
	"os"
	"testing"

	"github.com/chromedp/chromedp"

	"aula/internal/browsertest"
)

// The setup the center's end-to-end tests share: a center opened in a data folder, served on a
// free port, a staff member logged in through the browser, a folder for screenshots.

// openCenter opens a center with cfg (its log discarded), closed when the test ends.
func openCenter(t testing.TB, cfg Config) *Main {
	t.Helper()
	m, err := Open(cfg, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { m.Close() })
	return m
}

// serveCenter starts serving m and returns its base URL and the stop to defer (it waits for the
// server to end, before the store closes).
func serveCenter(t testing.TB, m *Main) (base string, stop func()) {
	t.Helper()
	stop = serve(t, m)
	return "http://" + m.Addr(), stop
}

// serve listens and runs m until the returned stop is called (which waits for the end).
func serve(t testing.TB, m *Main) (stop func()) {
	t.Helper()
	if err := m.Listen(); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error)
	go func() { done <- m.Run(ctx) }()
	return func() { cancel(); <-done }
}

// browserLogin logs user in with password through the login form and waits for the dashboard.
func browserLogin(b *browsertest.Browser, base, user, password string) {
	b.Do(chromedp.Navigate(base+"/login"), chromedp.WaitVisible(chromedp.CSS("#username")),
		chromedp.SendKeys(chromedp.CSS("#username"), user), chromedp.SendKeys(chromedp.CSS("#password"), password),
		chromedp.Click(chromedp.CSS("button.primary")), chromedp.WaitVisible(chromedp.CSS(".totals")))
}

// screenshots is where a test keeps its screenshots: AULA_SHOTS, else a folder dropped after it.
func screenshots(t testing.TB) string {
	if d := os.Getenv("AULA_SHOTS"); d != "" {
		return d
	}
	return t.TempDir()
}

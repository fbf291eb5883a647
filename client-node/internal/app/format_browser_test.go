package app

import (
	"context"
	"io"
	"log/slog"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"aula/client-node/internal/store"
	"aula/internal/browsertest"
)

// An officer opens the sync page of an enrolled station whose clock runs 3 minutes ahead of the
// center's: the difference is a sentence in words, and the last sync a date dd/mm/aaaa with the
// time in the station's zone (Caracas), never an ISO time stamp nor a number of seconds.
// Screenshots at 1024×768 and 390×844.
func TestBrowserSyncPageReadsRight(t *testing.T) {
	b := browsertest.Start(t)
	dir := t.TempDir()
	prepareData(t, dir)
	m, err := Open(Config{Addr: "127.0.0.1:0", Data: dir}, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	// What a sync leaves (the node is not enrolled for real: the page reads only these).
	last := time.Date(2026, 12, 1, 18, 5, 0, 0, time.UTC) // 14:05 in Caracas
	if err := m.Store.SetMetas(context.Background(), map[string]string{store.MetaNodeID: "0193a8e0-0000-7000-8000-0000000000aa", store.MetaStationCode: "CCS-01",
		store.MetaStationName: "Caracas Centro", store.MetaLastSuccess: last.Format(time.RFC3339), store.MetaClockOffset: "180"}); err != nil {
		t.Fatal(err)
	}
	if err := m.Listen(); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error)
	go func() { done <- m.Run(ctx) }()
	defer func() { cancel(); <-done }()
	base := "http://" + m.Addr()

	b.Do(chromedp.Navigate(base+"/login"), chromedp.WaitVisible(chromedp.CSS("#badge")),
		chromedp.SendKeys(chromedp.CSS("#badge"), "pnb-1"), chromedp.SendKeys(chromedp.CSS("#pin"), "1234"),
		chromedp.Click(chromedp.CSS("form button.primary")), chromedp.WaitVisible(chromedp.CSS("ul.cards")),
		chromedp.Navigate(base+"/sync"), chromedp.WaitVisible(chromedp.CSS("main .card")))
	text := b.Text("main .card")
	for _, want := range []string{"El reloj de esta estación va 3 minutos adelantado", "01/12/2026 14:05"} {
		if !strings.Contains(text, want) {
			t.Errorf("sync page lacks %q:\n%s", want, text)
		}
	}
	if bad := regexp.MustCompile(`\d{4}-\d{2}-\d{2}|segundos|\d{6,}`).FindString(text); bad != "" {
		t.Errorf("sync page shows %q:\n%s", bad, text)
	}
	b.Screenshot(browsertest.ShotsDir(), "node-sync-1024.png")
	b.Do(chromedp.EmulateViewport(390, 844), chromedp.Reload(), chromedp.WaitVisible(chromedp.CSS("main .card")))
	b.Screenshot(browsertest.ShotsDir(), "node-sync-390.png")
	b.Do(chromedp.Navigate(base+"/sync?lang=en"), chromedp.WaitVisible(chromedp.CSS("main .card")))
	if text := b.Text("main .card"); !strings.Contains(text, "This station's clock is 3 minutes fast") || !strings.Contains(text, "1 Dec 2026 14:05") {
		t.Errorf("English sync page:\n%s", text)
	}
	if errs := b.ConsoleErrors(); len(errs) > 0 {
		t.Errorf("console errors:\n%s", strings.Join(errs, "\n"))
	}
}

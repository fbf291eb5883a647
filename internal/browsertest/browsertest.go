// Package browsertest drives Debian's Chromium (headless) for end-to-end UI tests. It is the only
// importer of chromedp. Tests skip with a clear message when no browser is installed, and fail
// instead when AULA_BROWSER_TESTS=1 (CI installs Chromium and sets it).
package browsertest

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// Browser is a headless Chromium tab with the console messages it logged.
type Browser struct {
	Ctx context.Context
	t   *testing.T

	mu       sync.Mutex
	messages []chromedp.ConsoleMessage
}

// findChromium returns the browser binary, or "".
func findChromium() string {
	if p := os.Getenv("AULA_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "headless-shell"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// Start opens a headless tab of 1024x768 (the smallest screen Aula supports) for the test.
func Start(t *testing.T) *Browser {
	t.Helper()
	path := findChromium()
	if path == "" {
		if os.Getenv("AULA_BROWSER_TESTS") == "1" {
			t.Fatal("AULA_BROWSER_TESTS=1 but no Chromium was found: install Debian's chromium package (.ci/run does)")
		}
		t.Skip("browser test skipped: no Chromium found (apt-get install chromium, or set AULA_CHROMIUM); CI runs it with AULA_BROWSER_TESTS=1")
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("no-first-run", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1024, 768),
	)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(allocCtx)
	ctx, cancelTimeout := context.WithTimeout(ctx, 90*time.Second)
	b := &Browser{Ctx: ctx, t: t}
	if err := chromedp.Do(ctx); err != nil {
		cancelTimeout()
		cancelCtx()
		cancelAlloc()
		t.Fatalf("start Chromium %s: %v", path, err)
	}
	msgs := chromedp.Console(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		for m, err := range msgs {
			if err != nil {
				return
			}
			b.mu.Lock()
			b.messages = append(b.messages, m)
			b.mu.Unlock()
		}
	}()
	t.Cleanup(func() {
		cancelTimeout()
		cancelCtx()
		cancelAlloc()
		<-done
	})
	return b
}

// Do runs actions, failing the test on error.
func (b *Browser) Do(steps ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	if err := chromedp.Do(b.Ctx, steps...); err != nil {
		b.t.Fatalf("browser: %v", err)
	}
}

// Text returns the text of the first element matching a CSS selector.
func (b *Browser) Text(css string) string {
	b.t.Helper()
	s, err := chromedp.Run(b.Ctx, chromedp.Text(chromedp.CSS(css)))
	if err != nil {
		b.t.Fatalf("browser: text of %s: %v", css, err)
	}
	return s
}

// Screenshot saves what the 1024x768 window shows as a PNG under dir (created) and returns its
// path.
func (b *Browser) Screenshot(dir, name string) string {
	b.t.Helper()
	png, err := chromedp.Run(b.Ctx, chromedp.CaptureScreenshot())
	if err != nil {
		b.t.Fatalf("browser: screenshot: %v", err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		b.t.Fatal(err)
	}
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, png, 0o644); err != nil {
		b.t.Fatal(err)
	}
	return p
}

// ConsoleErrors returns the console errors and uncaught exceptions seen so far (a CSP violation
// or a missing asset shows up here).
func (b *Browser) ConsoleErrors() []string {
	time.Sleep(200 * time.Millisecond) // let the last events arrive
	b.mu.Lock()
	defer b.mu.Unlock()
	var out []string
	for _, m := range b.messages {
		if m.Type == chromedp.ConsoleError || m.Type == chromedp.ConsoleException || strings.EqualFold(string(m.Type), "error") {
			out = append(out, m.URL+": "+m.Text)
		}
	}
	return out
}

// ShotsDir is where a test saves its screenshots: $AULA_SHOTS when set (a folder a person looks
// at, e.g. /tmp/shots21/branch), else the package's testdata/screens.
func ShotsDir() string {
	if d := os.Getenv("AULA_SHOTS"); d != "" {
		return d
	}
	return "testdata/screens"
}

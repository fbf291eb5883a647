package app

import (
	"context"
	"crypto/ed25519"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/chromedp/chromedp"

	"aula/client-node/internal/nodetest"
	"aula/client-node/internal/store"
	"aula/internal/browsertest"
)

// Issue 21: the station node as an officer at a shared terminal expects it. Each test here drives
// Chromium through one group of the issue: the login page's messages, the session that ends on
// screen too, and the officer's path through a course. Screenshots go to $AULA_SHOTS (when set) at
// 1024x768 and 390x844.

// officerNode runs a node with the sample course (plus extra courses, each a set of files that
// replace the sample's), changed by configure before it serves, and returns its address.
func officerNode(t *testing.T, configure func(*Main), extra ...map[string]string) (*Main, string) {
	t.Helper()
	dir := t.TempDir()
	prepareData(t, dir)
	if len(extra) > 0 {
		st, err := store.Open(dir)
		if err != nil {
			t.Fatal(err)
		}
		_, key, _ := ed25519.GenerateKey(nil)
		for _, files := range extra {
			nodetest.Install(t, st, sampleWith(t, files), key)
		}
		st.Close()
	}
	m, err := Open(Config{Addr: "127.0.0.1:0", Data: dir}, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { m.Close() })
	if err := m.Listen(); err != nil {
		t.Fatal(err)
	}
	if configure != nil {
		configure(m)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error)
	go func() { done <- m.Run(ctx) }()
	t.Cleanup(func() { cancel(); <-done })
	return m, "http://" + m.Addr()
}

// sampleWith is the sample course with some files replaced.
func sampleWith(t *testing.T, files map[string]string) fstest.MapFS {
	t.Helper()
	out := fstest.MapFS{}
	root := nodetest.SampleDir()
	err := filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(root, p)
		out[filepath.ToSlash(rel)] = &fstest.MapFile{Data: data}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	for name, data := range files {
		out[name] = &fstest.MapFile{Data: []byte(data)}
	}
	return out
}

// at waits until the browser shows path, loaded.
func at(path string) chromedp.Action[chromedp.Void] {
	return waitJS(fmt.Sprintf(`location.pathname === %q && document.readyState === "complete"`, path))
}

// loginAs fills the login form on screen, sends it and waits for the answer.
func loginAs(badge, pin string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		return chromedp.Do(ctx,
			chromedp.WaitVisible(chromedp.CSS("#badge")),
			waitJS(`(document.querySelector("#badge").value = "", document.querySelector("#pin").value = "", window.aulaOld = true)`),
			chromedp.SendKeys(chromedp.CSS("#badge"), badge),
			chromedp.SendKeys(chromedp.CSS("#pin"), pin),
			chromedp.Click(chromedp.CSS("form[action='/login'] button.primary")),
			waitJS(`!window.aulaOld && document.readyState === "complete"`), // the answer, not the form sent
		)
	})
}

// has reports whether an element matching css is on the page.
func has(b *browsertest.Browser, css string) bool {
	ok, err := chromedp.Run(b.Ctx, chromedp.Evaluate[bool](fmt.Sprintf(`document.querySelector(%q) !== null`, css)))
	return err == nil && ok
}

// shoot saves the page at 1024x768 and at 390x844 (a phone) under $AULA_SHOTS, and reports
// whether the phone layout scrolls sideways.
func shoot(t *testing.T, b *browsertest.Browser, name string) {
	t.Helper()
	dir := os.Getenv("AULA_SHOTS")
	if dir != "" {
		b.Screenshot(dir, name+"-1024.png")
	}
	b.Do(chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile))
	defer b.Do(chromedp.EmulateViewport(1024, 768))
	wide, err := chromedp.Run(b.Ctx, chromedp.Evaluate[int](`document.documentElement.scrollWidth`))
	if err != nil {
		t.Fatal(err)
	}
	if wide > 390 {
		t.Errorf("%s: the phone layout scrolls sideways (%d px wide at 390)", name, wide)
	}
	if dir != "" {
		b.Screenshot(dir, name+"-390.png")
	}
}

// text returns the text of the whole page.
func text(b *browsertest.Browser) string { return b.Text("body") }

// pageErrors are the console errors other than the statuses the pages answer on purpose (401 to
// a login form, 404 to a missing page, 409 and 429 with their messages).
func pageErrors(b *browsertest.Browser) []string {
	var out []string
	for _, e := range b.ConsoleErrors() {
		if !strings.Contains(e, "Failed to load resource: the server responded with a status of 4") {
			out = append(out, e)
		}
	}
	return out
}

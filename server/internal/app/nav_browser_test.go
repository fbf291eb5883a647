package app

import (
	"context"
	"fmt"
	"testing"

	"github.com/chromedp/chromedp"

	"aula/internal/browsertest"
	"aula/server/internal/store"
	"aula/sync/auth"
)

// headerSpread is how far apart, in pixels, the tops of the header's parts and of its links are:
// near 0 when the header is one line.
const headerSpread = `(() => { const tops = [...document.querySelectorAll("header.top > *, header.top nav a")]
  .map(e => e.getBoundingClientRect().top); return Math.max(...tops) - Math.min(...tops); })()`

// In a real browser, for every role at 1024x768 and 1280x800, in Spanish and English: the header
// (brand, sections, language, user, log out) is one line, and the page of the current section
// shows the section's pages under it. Screenshots in $AULA_SHOTS (or testdata/screens).
func TestBrowserNavigationOneLine(t *testing.T) {
	m := openCenter(t, Config{Addr: "127.0.0.1:0", Data: t.TempDir()})
	bg := context.Background()
	h, _ := auth.HashSecret("una clave segura")
	if _, err := m.Store.CreateAgency(bg, "CPNB", "Cuerpo de Policía Nacional Bolivariana", "admin"); err != nil {
		t.Fatal(err)
	}
	roles := [][3]string{{"administradora", store.RoleAdmin, ""}, {"coordinador", store.RoleCoordinator, "CPNB"},
		{"formador", store.RoleTrainer, ""}, {"auditora", store.RoleAuditor, ""}}
	for _, u := range roles {
		if _, err := m.Store.CreateStaffIn(bg, u[0], u[1], u[2], h); err != nil {
			t.Fatal(err)
		}
	}
	base, stop := serveCenter(t, m)
	defer stop()
	shots := browsertest.ShotsDir()
	// The page each role is shown on: one with a sub-navigation it may open.
	pages := map[string]string{store.RoleAdmin: "/staff", store.RoleCoordinator: "/officers", store.RoleTrainer: "/drafts", store.RoleAuditor: "/certificates"}
	// A browser per role: each has its own time budget on a loaded machine.
	for _, u := range roles {
		t.Run(u[1], func(t *testing.T) {
			b := browsertest.Start(t)
			browserLogin(b, base, u[0], "una clave segura")
			for _, lang := range []string{"en", "es"} {
				for _, size := range [][2]int{{1024, 768}, {1280, 800}} {
					b.Do(chromedp.EmulateViewport(int64(size[0]), int64(size[1])), chromedp.Navigate(base+pages[u[1]]+"?lang="+lang),
						chromedp.WaitVisible(chromedp.CSS("nav.subnav")))
					spread, err := chromedp.Run(b.Ctx, chromedp.Evaluate[float64](headerSpread))
					if err != nil {
						t.Fatal(err)
					}
					if spread > 12 {
						t.Errorf("%s at %dx%d (%s): the header's parts are %.0f px apart, want one line", u[1], size[0], size[1], lang, spread)
					}
					if lang == "es" || u[1] == store.RoleAdmin {
						b.Screenshot(shots, fmt.Sprintf("nav-%s-%dx%d-%s.png", u[1], size[0], size[1], lang))
					}
				}
			}
			if errs := b.ConsoleErrors(); len(errs) > 0 {
				t.Errorf("console errors: %v", errs)
			}
		})
	}
}

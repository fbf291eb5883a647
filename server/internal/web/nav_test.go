package web_test

import (
	"net/http"
	"regexp"
	"slices"
	"testing"

	"aula/internal/pgtest"
)

var (
	topNav = regexp.MustCompile(`(?s)<nav aria-label="Navegación principal">(.*?)</nav>`)
	subNav = regexp.MustCompile(`(?s)<nav class="subnav"[^>]*>(.*?)</nav>`)
	navRef = regexp.MustCompile(`href="([^"]+)"`)
)

// navPages are the pages the navigation may link to: each with who may open it.
var navPages = map[string][]string{
	"/": anyStaff, "/compliance": anyStaff, "/requirements": anyStaff, "/workshops": anyStaff, "/courses": anyStaff,
	"/drafts": courseWrite, "/stations": orgRead, "/agencies": anyStaff, "/officers": orgRead, "/attempts": orgRead,
	"/certificates": orgRead, "/approvals": adminRead, "/staff": adminRead, "/sync/rejects": orgRead,
}

// TestNavigationByRole: for every role the header holds at most five sections (one line at
// 1024 px), the sub-navigation of the current section lists its pages, every link opens for
// that role, and every page of the navigation the role may open is reachable from it.
func TestNavigationByRole(t *testing.T) {
	t.Parallel()
	pgtest.Dialects(t, func(t *testing.T) {
		e, _ := programmeEnv(t)
		browsers := map[string]*browser{"admin": loggedIn(e, adminUser, adminPass), "trainer": loggedIn(e, trainerUser, trainerPass),
			"coordinator": loggedIn(e, "coord", adminPass), "auditor": loggedIn(e, "auditora", adminPass)}
		for role, b := range browsers {
			top := links(t, role+" /", topNav, b.get("/").Body.String())
			if len(top) > 5 || len(top) < 3 {
				t.Errorf("%s: %d top-level links %v, want 3 to 5", role, len(top), top)
			}
			reached := map[string]bool{}
			for _, href := range top {
				reached[href] = true
				rec := b.get(href)
				if rec.Code != http.StatusOK {
					t.Errorf("%s: top link %s answers %d", role, href, rec.Code)
					continue
				}
				for _, sub := range links(t, role+" "+href, subNav, rec.Body.String()) {
					reached[sub] = true
				}
			}
			for href := range reached {
				if code := b.get(href).Code; code != http.StatusOK {
					t.Errorf("%s: the navigation links %s, which answers %d", role, href, code)
				}
			}
			for href, who := range navPages {
				if slices.Contains(who, role) != reached[href] {
					t.Errorf("%s: page %s may be opened: %v, linked from the navigation: %v", role, href, slices.Contains(who, role), reached[href])
				}
			}
		}
		// The sub-navigation marks the page shown, also on a page under it.
		page := browsers["admin"].get("/officers/PNB-1001").Body.String()
		mustContain(t, "officer page", page, `<a href="/officers" aria-current="page">Funcionarios</a>`, `<a href="/stations">Estaciones</a>`)
	})
}

// links returns the hrefs inside the first match of nav in body (none when it is absent).
func links(t *testing.T, what string, nav *regexp.Regexp, body string) []string {
	t.Helper()
	m := nav.FindStringSubmatch(body)
	if m == nil {
		return nil
	}
	var out []string
	for _, r := range navRef.FindAllStringSubmatch(m[1], -1) {
		out = append(out, r[1])
	}
	return out
}

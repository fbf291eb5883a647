package app

import (
	"context"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"aula/internal/e2e"
	"aula/internal/pgtest"
)

var csrfField = regexp.MustCompile(`name="_csrf" value="([^"]+)"`)

// staffPost logs in to the center's staff pages (a cookie session, as a browser) and returns a
// function that posts a form of the officer page, CSRF token included, and returns the page.
func staffPost(t *testing.T, c *e2e.Center) func(path string, form url.Values) string {
	t.Helper()
	jar, _ := cookiejar.New(nil)
	client := &http.Client{Jar: jar}
	get := func(path string) string {
		resp, err := client.Get(c.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return string(b)
	}
	post := func(path string, form url.Values) string {
		page := get("/login")
		if strings.HasPrefix(path, "/officers/") {
			page = get(path[:strings.LastIndex(path, "/")])
		}
		m := csrfField.FindStringSubmatch(page)
		if m == nil {
			t.Fatalf("no CSRF token on the page before %s", path)
		}
		form.Set("_csrf", m[1])
		resp, err := client.PostForm(c.URL+path, form)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("POST %s: %d\n%s", path, resp.StatusCode, b)
		}
		return string(b)
	}
	post("/login", url.Values{"username": {"admin"}, "password": {"una clave larga"}})
	return post
}

// The officer page's actions at the center reach the node with its next sync: an unlock clears a
// locked-out officer's failed tries, a new PIN logs in (the old one no longer does), and a
// deactivated officer can no longer log in.
func TestCenterOfficerActionsReachTheNode(t *testing.T) {
	pgtest.Dialects(t, func(t *testing.T) {
		c, n := enrolled(t)
		base := nodeWeb(t, n).URL
		login := func(badge, pin string) int {
			code, _ := call(t, "POST", base+"/api/v1/session", "", `{"badge":"`+badge+`","pin":"`+pin+`"}`)
			return code
		}
		for range 5 {
			login("PNB-1", "1111")
		}
		if code := login("PNB-1", "4821"); code == http.StatusOK {
			t.Fatal("five wrong PINs did not lock PNB-1 out")
		}
		post := staffPost(t, c)
		ctx := context.Background()

		post("/officers/PNB-1/unlock", url.Values{})
		if err := n.Round(ctx); err != nil {
			t.Fatal(err)
		}
		if code := login("PNB-1", "4821"); code != http.StatusOK {
			t.Errorf("after the center's unlock and a sync, PNB-1's PIN gives %d, want 200", code)
		}

		page := post("/officers/PNB-1/pin", url.Values{"confirm": {"yes"}})
		m := regexp.MustCompile(`id="new-pin">(\d{6})<`).FindStringSubmatch(page)
		if m == nil {
			t.Fatalf("no new PIN on the page:\n%s", page)
		}
		if err := n.Round(ctx); err != nil {
			t.Fatal(err)
		}
		if code := login("PNB-1", m[1]); code != http.StatusOK {
			t.Errorf("the new PIN %s gives %d on the node after a sync, want 200", m[1], code)
		}
		if code := login("PNB-1", "4821"); code == http.StatusOK {
			t.Error("the old PIN still logs in after the reset")
		}

		post("/officers/PNB-2/active", url.Values{"active": {"0"}, "confirm": {"yes"}})
		if err := n.Round(ctx); err != nil {
			t.Fatal(err)
		}
		if code := login("PNB-2", "7395"); code == http.StatusOK {
			t.Error("a deactivated officer still logs in on the node")
		}
	})
}

package app

import (
	"bytes"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"aula/internal/pgtest"
)

// TestLessonPreviewIsWhatOfficersRead renders one lesson through both apps (the center's course
// preview and the node's lesson page, both calling courses/lesson) and checks the article is the
// same but for each app's own routes, and that its image is the same file at both.
func TestLessonPreviewIsWhatOfficersRead(t *testing.T) {
	pgtest.Dialects(t, func(t *testing.T) {
		c, n := enrolled(t)
		node := nodeWeb(t, n)
		staff := formLogin(t, c.URL, url.Values{"username": {"admin"}, "password": {"una clave larga"}})
		officer := formLogin(t, node.URL, url.Values{"badge": {"PNB-1"}, "pin": {"4821"}})

		article := regexp.MustCompile(`(?s)<article class="lesson" id="lesson-01-bienvenida".*?</article>`)
		center := article.FindString(page(t, staff, c.URL+"/courses/curso-de-prueba/1"))
		station := article.FindString(page(t, officer, node.URL+"/courses/curso-de-prueba/lessons/01-bienvenida"))
		if center == "" || station == "" {
			t.Fatalf("lesson article missing: center %q, node %q", center, station)
		}
		// Each app's routes: the center's preview keeps every lesson on one page.
		centerRoutes := strings.NewReplacer(`"/courses/curso-de-prueba/1/files/media/`, `"MEDIA/`, `href="#lesson-`, `href="LESSON/`)
		nodeRoutes := strings.NewReplacer(`"/media/curso-de-prueba/1/`, `"MEDIA/`, `href="/courses/curso-de-prueba/lessons/`, `href="LESSON/`)
		if a, b := centerRoutes.Replace(center), nodeRoutes.Replace(station); a != b {
			t.Fatalf("the preview differs from the officer's lesson:\ncenter: %s\nnode:   %s", a, b)
		}
		for _, want := range []string{`<img src="MEDIA/esquema.svg" alt="Un esquema sencillo">`, `<a href="LESSON/02-repaso">`, `<a href="#bienvenida">`} {
			if !strings.Contains(nodeRoutes.Replace(station), want) {
				t.Errorf("lesson lacks %s:\n%s", want, station)
			}
		}
		img := regexp.MustCompile(`<img src="([^"]+)"`)
		fromCenter := page(t, staff, c.URL+img.FindStringSubmatch(center)[1])
		fromNode := page(t, officer, node.URL+img.FindStringSubmatch(station)[1])
		if fromCenter != fromNode || !strings.Contains(fromNode, "<svg") {
			t.Errorf("the image differs: center %d bytes, node %d bytes", len(fromCenter), len(fromNode))
		}
	})
}

// formLogin logs in through an app's login form and returns a client that keeps the session.
func formLogin(t *testing.T, base string, form url.Values) *http.Client {
	t.Helper()
	jar, _ := cookiejar.New(nil)
	cl := &http.Client{Jar: jar}
	page(t, cl, base+"/login")
	u, _ := url.Parse(base)
	for _, ck := range jar.Cookies(u) {
		if ck.Name == "_csrf" {
			form.Set("_csrf", ck.Value)
		}
	}
	resp, err := cl.PostForm(base+"/login", form)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.Request.URL.Path != "/" {
		t.Fatalf("login at %s ended at %s (%d)", base, resp.Request.URL.Path, resp.StatusCode)
	}
	return cl
}

// page gets a URL and fails the test unless it answers 200.
func page(t *testing.T, cl *http.Client, u string) string {
	t.Helper()
	resp, err := cl.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var body bytes.Buffer
	_, _ = io.Copy(&body, resp.Body)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %d\n%s", u, resp.StatusCode, body.String())
	}
	return body.String()
}

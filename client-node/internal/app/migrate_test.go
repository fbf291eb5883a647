package app

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"regexp"
	"strings"
	"testing"

	"aula/internal/e2e"
	"aula/internal/pgtest"
)

// A center that ran on SQLite (two stations with their nodes, officers, a course, attempts and
// the certificates its stations issued, workshop certificates, a revocation) moved to PostgreSQL
// by migrate-store answers every API and page as it did: the JSON of attempts, completions and
// certificates byte for byte, and the staff pages. Then a node keeps syncing with it.
func TestMigrateStoreServesTheSame(t *testing.T) {
	pgtest.Require(t)
	t.Parallel()
	ctx := context.Background()
	c, n := enrolled(t)
	other := enrollStation(t, c, "VAL-02")
	csv := t.TempDir() + "/officers.csv"
	if err := os.WriteFile(csv, []byte("badge,given_names,family_names,rank,station_code,pin\nPNB-3,Ana Sofía,Márquez Ávila,Comisaria,VAL-02,5173\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	e2e.Must(t, "", c.Bin, "officer", "import", "--data", c.Data, "--csv", csv)
	if err := other.Round(ctx); err != nil {
		t.Fatal(err)
	}
	ts := nodeWeb(t, n)
	passQuiz(t, n, ts.URL, "curso-de-prueba")
	passQuizAs(t, n, ts.URL, "curso-de-prueba", "PNB-2", "7395")
	passQuizAs(t, other, nodeWeb(t, other).URL, "curso-de-prueba", "PNB-3", "5173")
	tok := adminToken(t, c)
	var workshop []struct{ ID, Code string }
	for _, badge := range []string{"PNB-2", "PNB-3"} {
		code, body := call(t, "POST", c.URL+"/api/v1/certificates", tok, `{"badge":"`+badge+`","title":"Taller de primeros auxilios","hours":8,"date":"2026-03-02"}`)
		var w struct{ ID, Code string }
		if json.Unmarshal(body, &w); code != http.StatusCreated {
			t.Fatalf("workshop certificate: %d %s", code, body)
		}
		workshop = append(workshop, w)
	}
	if code, body := call(t, "POST", c.URL+"/api/v1/certificates/"+workshop[0].ID+"/revoke", tok, `{"reason":"emitido por error"}`); code != 200 {
		t.Fatalf("revoke: %d %s", code, body)
	}
	for _, node := range []interface{ Round(context.Context) error }{n, other, n} {
		if err := node.Round(ctx); err != nil {
			t.Fatal(err)
		}
	}

	c.Stop()
	db := pgtest.NewDatabase(t)
	out := e2e.Must(t, "", c.Bin, "migrate-store", "--from", c.Data, "--to", db)
	for _, want := range []*regexp.Regexp{regexp.MustCompile(`(?m)^attempts +3 +3 +[0-9a-f]{64}$`), regexp.MustCompile(`(?m)^certificates +5 +5 +[0-9a-f]{64}$`),
		regexp.MustCompile(`(?m)^officers +3 +3 `), regexp.MustCompile(`(?m)^nodes +2 +2 `)} {
		if !want.MatchString(out) {
			t.Errorf("migrate-store's report lacks %s:\n%s", want, out)
		}
	}
	if _, errs, code := e2e.Run(t, "", c.Bin, "migrate-store", "--from", c.Data, "--to", db); code != 1 || !strings.Contains(errs, "attempts") && !strings.Contains(errs, "no está vacía") {
		t.Errorf("a second migrate-store into the same database: exit %d, %s; want 1, not empty", code, errs)
	}
	t.Logf("aula-server migrate-store:\n%s", out)
	c.Start()
	pg := e2e.StartOn(t, c.Data, db)

	pgTok := adminToken(t, pg)
	for _, path := range []string{"/api/v1/attempts", "/api/v1/completions", "/api/v1/certificates", "/api/v1/officers",
		"/api/v1/officers/PNB-1", "/api/v1/stations", "/api/v1/courses", "/api/v1/courses/curso-de-prueba/1", "/api/v1/nodes",
		"/api/v1/staff", "/api/v1/verify/" + workshop[0].Code, "/api/v1/verify/" + workshop[1].Code} {
		s, sb := call(t, "GET", c.URL+path, tok, "")
		p, pb := call(t, "GET", pg.URL+path, pgTok, "")
		if strings.HasPrefix(path, "/api/v1/certificates") && strings.Count(string(sb), `"code"`) != 5 {
			t.Errorf("GET %s on SQLite: want 5 certificates, got %s", path, sb)
		}
		if s != 200 || p != s || string(pb) != string(sb) {
			t.Errorf("GET %s: SQLite %d %s\nPostgreSQL %d %s", path, s, sb, p, pb)
		}
	}
	sqlitePages, pgPages := staffPages(t, c), staffPages(t, pg)
	for _, path := range []string{"/officers", "/officers/PNB-1", "/stations", "/courses", "/attempts", "/completions",
		"/certificates", "/sync/rejects", "/verify/" + workshop[1].Code} {
		if s, p := sqlitePages(path), pgPages(path); s != p {
			t.Errorf("page %s differs between SQLite and PostgreSQL:\n%s", path, firstDifference(s, p))
		}
	}

	// The station keeps working with the center on PostgreSQL: its new attempt arrives once.
	n.Server = pg.URL
	passQuizAs(t, n, ts.URL, "curso-de-prueba", "PNB-2", "7395")
	if err := n.Round(ctx); err != nil {
		t.Fatal(err)
	}
	var attempts []struct{ ID string }
	_, body := call(t, "GET", pg.URL+"/api/v1/attempts", pgTok, "")
	if json.Unmarshal(body, &attempts); len(attempts) != 4 {
		t.Errorf("the center on PostgreSQL holds %d attempts after the node's next sync, want 4: %s", len(attempts), body)
	}
}

// volatile is what differs between two servers' copies of one page: the session's CSRF token.
var volatile = regexp.MustCompile(`name="_csrf" value="[^"]+"|content="[A-Za-z0-9_-]{20,}"`)

// staffPages logs in to a center's staff pages and returns a function that fetches one, its
// CSRF token blanked.
func staffPages(t *testing.T, c *e2e.Center) func(path string) string {
	t.Helper()
	jar, _ := cookiejar.New(nil)
	client := &http.Client{Jar: jar}
	raw := func(path string) string {
		resp, err := client.Get(c.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		if resp.StatusCode != 200 {
			t.Fatalf("GET %s: %d", path, resp.StatusCode)
		}
		return string(b)
	}
	m := csrfField.FindStringSubmatch(raw("/login"))
	if m == nil {
		t.Fatal("no CSRF token on the login page")
	}
	resp, err := client.PostForm(c.URL+"/login", url.Values{"username": {"admin"}, "password": {"una clave larga"}, "_csrf": {m[1]}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return func(path string) string { return volatile.ReplaceAllString(raw(path), "") }
}

// firstDifference shows where two pages part, with some context.
func firstDifference(a, b string) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	from := max(0, i-200)
	return "SQLite:     …" + a[from:min(len(a), i+200)] + "\nPostgreSQL: …" + b[from:min(len(b), i+200)]
}

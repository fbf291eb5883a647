package app

import (
	"aula/sync/jws"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"aula/client-node/internal/store"
	"aula/client-node/internal/syncer"
	"aula/client-node/internal/web"
	"aula/courses"
	"aula/courses/coursepkg"
	"aula/internal/e2e"
	"aula/internal/pgtest"
)

// enrolled starts a center (a real aula-server process) and enrolls and syncs a node store.
func enrolled(t *testing.T) (*e2e.Center, *syncer.Node) {
	t.Helper()
	c := e2e.NewCenter(t)
	dir := t.TempDir()
	st, err := store.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if _, _, err := syncer.Enroll(context.Background(), st, dir, c.URL, c.Token, http.DefaultClient); err != nil {
		t.Fatal(err)
	}
	n, err := syncer.Open(context.Background(), st, dir, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	if err := n.Round(context.Background()); err != nil {
		t.Fatal(err)
	}
	return c, n
}

// adminToken logs in to the center's API as the test administrator.
func adminToken(t *testing.T, c *e2e.Center) string {
	t.Helper()
	code, body := call(t, "POST", c.URL+"/api/v1/auth/login", "", `{"username":"admin","password":"una clave larga"}`)
	var login struct{ Token string }
	if json.Unmarshal(body, &login); code != 200 {
		t.Fatalf("center login: %d %s", code, body)
	}
	return login.Token
}

// nodeWeb serves the node's officers' API for a node enrolled with a center.
func nodeWeb(t *testing.T, n *syncer.Node) *httptest.Server {
	t.Helper()
	srv := &web.Server{Store: n.Store, Log: slog.New(slog.NewTextHandler(io.Discard, nil)), Now: n.Store.Now, Sync: n}
	h, err := srv.Handler()
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(h)
	t.Cleanup(ts.Close)
	return ts
}

func call(t *testing.T, method, url, token, body string) (int, []byte) {
	t.Helper()
	req, _ := http.NewRequest(method, url, strings.NewReader(body))
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, b
}

// passQuiz logs PNB-1 in on the node and passes the course's quiz with every answer right,
// returning the submit answer.
func passQuiz(t *testing.T, n *syncer.Node, base, courseID string) map[string]any {
	t.Helper()
	return passQuizAs(t, n, base, courseID, "PNB-1", "4821")
}

// passQuizAs is passQuiz for another officer of the node's station.
func passQuizAs(t *testing.T, n *syncer.Node, base, courseID, badge, pin string) map[string]any {
	t.Helper()
	code, body := call(t, "POST", base+"/api/v1/session", "", `{"badge":"`+badge+`","pin":"`+pin+`"}`)
	if code != 200 {
		t.Fatalf("login: %d %s", code, body)
	}
	var login struct{ Token string }
	json.Unmarshal(body, &login)
	code, body = call(t, "POST", base+"/api/v1/courses/"+courseID+"/attempts", login.Token, "")
	if code != 201 {
		t.Fatalf("start: %d %s", code, body)
	}
	var att struct {
		AttemptID string `json:"attempt_id"`
	}
	json.Unmarshal(body, &att)
	b, _ := json.Marshal(map[string]any{"responses": rightAnswers(n, att.AttemptID, courseID)})
	code, body = call(t, "POST", base+"/api/v1/attempts/"+att.AttemptID+"/submit", login.Token, string(b))
	if code != 200 {
		t.Fatalf("submit: %d %s", code, body)
	}
	var out map[string]any
	json.Unmarshal(body, &out)
	out["_token"] = login.Token
	return out
}

// rightAnswers are the right responses to an attempt's paper.
func rightAnswers(n *syncer.Node, attemptID, courseID string) map[string]any {
	a, _ := n.Store.FindAttempt(context.Background(), attemptID)
	v, _ := n.Store.FindVersion(context.Background(), courseID, a.CourseVersion)
	files, _ := n.Store.VersionFiles(context.Background(), v.ID)
	pkg, _ := coursepkg.ReadFiles(files, "x")
	quiz := pkg.Course.Quiz
	return e2e.RightResponses(quiz, courses.BuildPaper(quiz, courses.AttemptSeed(a.ID, a.Secret)))
}

// A node issues a certificate when an officer passes; it syncs to the center, verifies there;
// the center revokes it and the node shows it revoked after one sync.
func TestCertificateIssuedAtStationRevokedFromCenter(t *testing.T) {
	t.Parallel()
	pgtest.Dialects(t, func(t *testing.T) {
		c, n := enrolled(t)
		ts := nodeWeb(t, n)
		res := passQuiz(t, n, ts.URL, "curso-de-prueba")
		if res["passed"] != true || res["certificate_id"] == nil {
			t.Fatalf("submit answer %v: want passed with a certificate", res)
		}
		certID := res["certificate_id"].(string)
		cert, err := n.Store.FindCertificate(context.Background(), certID)
		if err != nil {
			t.Fatal(err)
		}
		code, pdf := call(t, "GET", ts.URL+"/api/v1/certificates/"+certID+"/pdf", res["_token"].(string), "")
		if code != 200 || !strings.HasPrefix(string(pdf), "%PDF") {
			t.Fatalf("PDF on the node: %d", code)
		}
		code, body := call(t, "GET", ts.URL+"/api/v1/verify/"+strings.ToLower(cert.Claims.Code), "", "")
		if code != 200 || !strings.Contains(string(body), `"status":"valid"`) || strings.Contains(string(body), "PNB-1") {
			t.Fatalf("node verify: %d %s", code, body)
		}

		// The course list warns 30 days before the certificate expires, and asks for
		// recertification after.
		for _, tc := range []struct {
			days int
			want string
		}{{0, "passed"}, {350, "expires_soon"}, {400, "recert_due"}} {
			n.Store.SetClock(func() time.Time { return time.Now().UTC().AddDate(0, 0, tc.days) })
			_, login := call(t, "POST", ts.URL+"/api/v1/session", "", `{"badge":"PNB-1","pin":"4821"}`) // the old session went idle
			var l struct{ Token string }
			json.Unmarshal(login, &l)
			_, body := call(t, "GET", ts.URL+"/api/v1/courses", l.Token, "")
			if !strings.Contains(string(body), `"status":"`+tc.want+`"`) {
				t.Errorf("after %d days the course list says %s, want %s", tc.days, body, tc.want)
			}
		}
		n.Store.SetClock(func() time.Time { return time.Now().UTC() })

		if err := n.Round(context.Background()); err != nil {
			t.Fatal(err)
		}
		code, body = call(t, "GET", c.URL+"/api/v1/verify/"+cert.Claims.Code, "", "")
		if code != 200 || !strings.Contains(string(body), `"status":"valid"`) || !strings.Contains(string(body), "CCS-01") {
			t.Fatalf("center verify after sync: %d %s", code, body)
		}
		code, body = call(t, "POST", c.URL+"/api/v1/certificates/"+certID+"/revoke", adminToken(t, c), `{"reason":"suplantación comprobada"}`)
		if code != 200 {
			t.Fatalf("revoke: %d %s", code, body)
		}
		if err := n.Round(context.Background()); err != nil {
			t.Fatal(err)
		}
		code, body = call(t, "GET", ts.URL+"/api/v1/verify/"+cert.Claims.Code, "", "")
		if !strings.Contains(string(body), `"status":"revoked"`) {
			t.Fatalf("node verify after one sync: %d %s", code, body)
		}

		// A certificate the node signs after the center revoked the node is refused by the center
		// (its link carries the token), while the first one, confirmed before, reads as revoked.
		res2 := passQuiz(t, n, ts.URL, "curso-de-prueba")
		cert2, _ := n.Store.FindCertificate(context.Background(), res2["certificate_id"].(string))
		if code, body := call(t, "POST", c.URL+"/api/v1/nodes/"+n.NodeID+"/revoke", adminToken(t, c), ""); code != 200 {
			t.Fatalf("revoke node: %d %s", code, body)
		}
		if page := verifyHTML(t, c.URL, cert2.Claims.Code, cert2.Token); !strings.Contains(page, "Rechazado por el centro") {
			t.Errorf("the center accepted a token from a revoked node")
		}
		if page := verifyHTML(t, c.URL, cert.Claims.Code, cert.Token); strings.Contains(page, "Rechazado") || !strings.Contains(page, "Revocado") {
			t.Errorf("the first certificate (confirmed before the node was revoked) should read as revoked, not refused")
		}
	})
}

// A course whose certificates need approval: the passed attempt waits in the center's queue;
// once approved, the certificate (signed by the center) reaches the node at the next sync.
// A workshop certificate issued by hand reaches it too.
func TestApprovalAndWorkshopCertificatesReachTheStation(t *testing.T) {
	t.Parallel()
	pgtest.Dialects(t, func(t *testing.T) {
		c, n := enrolled(t)
		dir := filepath.Join(t.TempDir(), "aprobacion")
		if err := os.CopyFS(dir, os.DirFS(filepath.Join(e2e.Root(), "courses", "testdata", "sample"))); err != nil {
			t.Fatal(err)
		}
		yaml, _ := os.ReadFile(filepath.Join(dir, "course.yaml"))
		y := strings.Replace(string(yaml), "id: curso-de-prueba", "id: curso-con-aprobacion", 1)
		y = strings.Replace(y, "issue: automatic", "issue: approval", 1)
		os.WriteFile(filepath.Join(dir, "course.yaml"), []byte(y), 0o644)
		c.Must(t, "", "course", "publish", "--data", c.Data, dir)
		if err := n.Round(context.Background()); err != nil {
			t.Fatal(err)
		}
		ts := nodeWeb(t, n)
		res := passQuiz(t, n, ts.URL, "curso-con-aprobacion")
		if res["passed"] != true || res["certificate_id"] != nil {
			t.Fatalf("an approval course issued a certificate at the station: %v", res)
		}
		if err := n.Round(context.Background()); err != nil {
			t.Fatal(err)
		}
		admin := adminToken(t, c)
		code, body := call(t, "GET", c.URL+"/api/v1/approvals", admin, "")
		var queue []struct {
			AttemptID string `json:"attempt_id"`
		}
		json.Unmarshal(body, &queue)
		if code != 200 || len(queue) != 1 {
			t.Fatalf("approval queue: %d %s", code, body)
		}
		code, body = call(t, "POST", c.URL+"/api/v1/approvals", admin, `{"approve":["`+queue[0].AttemptID+`"]}`)
		if code != 200 {
			t.Fatalf("approve: %d %s", code, body)
		}
		if code, body = call(t, "POST", c.URL+"/api/v1/approvals", admin, `{"approve":["`+queue[0].AttemptID+`"]}`); code != 409 {
			t.Errorf("approving twice: %d %s", code, body)
		}
		code, body = call(t, "POST", c.URL+"/api/v1/certificates", admin, `{"badge":"PNB-1","title":"Taller de primeros auxilios","hours":8,"date":"2026-11-20"}`)
		if code != 201 {
			t.Fatalf("workshop certificate: %d %s", code, body)
		}
		if err := n.Round(context.Background()); err != nil {
			t.Fatal(err)
		}
		certs, err := n.Store.CertificatesOf(context.Background(), "PNB-1")
		if err != nil || len(certs) != 2 {
			t.Fatalf("the station holds %d certificates for PNB-1, want 2 (approval and workshop): %v", len(certs), err)
		}
		for _, ct := range certs {
			if ct.Origin != "center" || ct.Claims.Issuer != "Aula" {
				t.Errorf("certificate %+v", ct)
			}
		}
		// Each came down with its Open Badges credential, signed with the center key, which the
		// officer downloads at the station.
		token := apiLogin(t, ts.URL, "PNB-1", "4821")
		for _, ct := range certs {
			var vc struct{ Sub, Jti string }
			if err := jws.Verify(n.CenterKey, ct.OB3, &vc); err != nil || !strings.HasPrefix(vc.Sub, "urn:aula:officer:") || strings.Contains(ct.OB3, "PNB-1") {
				t.Errorf("certificate %s: Open Badges credential %q (%v)", ct.Claims.Code, vc, err)
			}
			code, body := call(t, "GET", ts.URL+"/api/v1/certificates/"+ct.Claims.ID+"/ob3", token, "")
			if code != 200 || string(body) != ct.OB3 {
				t.Errorf("download of %s's credential at the station: %d %.200s", ct.Claims.Code, code, body)
			}
		}
	})
}

package app

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"aula/client-node/internal/store"
	"aula/client-node/internal/syncer"
	"aula/courses"
	"aula/internal/e2e"
	"aula/internal/pgtest"
	"aula/sync/certificate"
)

// verifyJSON asks a verify endpoint (center or node) about a code, with the token when given.
func verifyJSON(t *testing.T, base, code, token string) map[string]any {
	t.Helper()
	u := base + "/api/v1/verify/" + code
	if token != "" {
		u += "?t=" + token
	}
	status, body := call(t, "GET", u, "", "")
	var out map[string]any
	if status != 200 || json.Unmarshal(body, &out) != nil {
		t.Fatalf("GET %s: %d %s", u, status, body)
	}
	return out
}

// verifyHTML fetches a verify page (center or node).
func verifyHTML(t *testing.T, base, code, token string) string {
	t.Helper()
	u := base + "/verify/" + code
	if token != "" {
		u += "?t=" + token
	}
	status, body := call(t, "GET", u, "", "")
	if status != 200 {
		t.Fatalf("GET %s: %d", u, status)
	}
	return string(body)
}

// expect checks a verification answer: its status, level (or refusal) and station.
func expect(t *testing.T, where string, got map[string]any, status, level, refused string) {
	t.Helper()
	if got["status"] != status || (level != "" && got["level"] != level) || (level == "" && got["level"] != nil) ||
		(refused != "" && got["refused"] != refused) || (refused == "" && got["refused"] != nil) {
		t.Errorf("%s: %v; want status %s, level %q, refused %q", where, got, status, level, refused)
	}
	if level == certificate.Provisional && got["station"] != "CCS-01" {
		t.Errorf("%s: a provisional certificate must name its station: %v", where, got)
	}
}

// enrollStation registers another station at a running center and enrolls a node for it.
func enrollStation(t *testing.T, c *e2e.Center, code string) *syncer.Node {
	t.Helper()
	out := c.Must(t, "", "station", "add", "--data", c.Data, "--code", code, "--name", "Estación "+code)
	lines := strings.Split(strings.TrimSpace(out), "\n")
	dir := t.TempDir()
	st, err := store.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if _, _, err := syncer.Enroll(context.Background(), st, dir, c.URL, lines[len(lines)-1], http.DefaultClient); err != nil {
		t.Fatal(err)
	}
	n, err := syncer.Open(context.Background(), st, dir, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	if err := n.Round(context.Background()); err != nil {
		t.Fatal(err)
	}
	return n
}

// A certificate issued offline at a station is provisional everywhere (naming the station) until
// the center has checked it against the attempt it re-scored, then confirmed; a token a real
// enrolled node key signed with invented claims is refused (or, when nothing the verifier holds
// contradicts it, only provisional) on the center's and the node's verify pages, HTML and JSON;
// once the center revokes a node, another station refuses its tokens after its next sync.
func TestStationCertificatesCannotLie(t *testing.T) {
	t.Parallel()
	pgtest.Dialects(t, func(t *testing.T) {
		c, n := enrolled(t)
		other := enrollStation(t, c, "MCB-02")
		ts, otherTS := nodeWeb(t, n), nodeWeb(t, other)
		res := passQuiz(t, n, ts.URL, "curso-de-prueba")
		cert, err := n.Store.FindCertificate(context.Background(), res["certificate_id"].(string))
		if err != nil {
			t.Fatal(err)
		}
		code, tok := cert.Claims.Code, cert.Token

		// Before the station syncs: the center knows it only from the token in the link.
		expect(t, "center, no token", verifyJSON(t, c.URL, code, ""), "unknown", "", "")
		expect(t, "center, token", verifyJSON(t, c.URL, code, tok), "valid", certificate.Provisional, "")
		if page := verifyHTML(t, c.URL, code, tok); !strings.Contains(page, "pendiente de confirmación por el centro") || !strings.Contains(page, "CCS-01") ||
			strings.Contains(page, "No hay ningún certificado con este código") {
			t.Errorf("the center's page does not show a provisional certificate of CCS-01:\n%s", page)
		}
		expect(t, "issuing node", verifyJSON(t, ts.URL, code, ""), "valid", certificate.Provisional, "")
		expect(t, "other node, token", verifyJSON(t, otherTS.URL, code, tok), "valid", certificate.Provisional, "")
		if page := verifyHTML(t, ts.URL, code, ""); !strings.Contains(page, "pendiente de confirmación por el centro") {
			t.Errorf("the node's page does not say provisional:\n%s", page)
		}

		// Invented claims, signed with the station's real key and endorsement.
		today := time.Now().UTC()
		score := 100.0
		invented := certificate.Claims{ID: courses.NewID(), Code: certificate.NewCode(), Name: "Juan Inventado", Badge: "PNB-1",
			CourseID: "curso-de-prueba", Version: 1, Title: courses.Text{"es": "Curso de prueba", "en": "Test course"}, Hours: 40, Score: &score,
			IssuedOn: today.Format(time.DateOnly), ExpiresOn: today.AddDate(5, 0, 0).Format(time.DateOnly), Issuer: n.Station, NodeID: n.NodeID}
		lie := certificate.SignByNode(invented, n.Key, n.Endorsement, n.EndorsementSig)
		for name, base := range map[string]string{"center": c.URL, "issuing node": ts.URL, "other node": otherTS.URL} {
			expect(t, name+", invented claims", verifyJSON(t, base, invented.Code, lie), "unknown", "", certificate.RefusedFacts)
			if page := verifyHTML(t, base, invented.Code, lie); !strings.Contains(page, "Rechazado") || strings.Contains(page, "Juan Inventado") ||
				strings.Contains(page, "Válido") {
				t.Errorf("%s: the page of a token with invented claims:\n%s", name, page)
			}
		}
		// Claims nobody can contradict before the station syncs (no attempt behind them) are at most
		// provisional, never confirmed.
		plausible := invented
		plausible.ID, plausible.Code, plausible.Name, plausible.Hours = courses.NewID(), certificate.NewCode(), "María José Pérez Rojas", 1
		plausible.ExpiresOn = today.AddDate(0, 12, 0).Format(time.DateOnly)
		guess := certificate.SignByNode(plausible, n.Key, n.Endorsement, n.EndorsementSig)
		for name, base := range map[string]string{"center": c.URL, "issuing node": ts.URL, "other node": otherTS.URL} {
			expect(t, name+", unbacked claims", verifyJSON(t, base, plausible.Code, guess), "valid", certificate.Provisional, "")
		}

		// The station syncs: the center checks the certificate against the attempt, countersigns it,
		// and the countersignature comes down: confirmed everywhere, the PDF says so.
		if err := n.Round(context.Background()); err != nil {
			t.Fatal(err)
		}
		expect(t, "center after sync", verifyJSON(t, c.URL, code, ""), "valid", certificate.Confirmed, "")
		expect(t, "node after sync", verifyJSON(t, ts.URL, code, ""), "valid", certificate.Confirmed, "")
		if page := verifyHTML(t, c.URL, code, ""); !strings.Contains(page, "confirmado por el centro") || !strings.Contains(page, "CCS-01") {
			t.Errorf("the center's page after sync:\n%s", page)
		}
		if got, _ := n.Store.FindCertificate(context.Background(), cert.Claims.ID); got == nil || !certificate.CenterSigned(got.Token) {
			t.Errorf("the station does not hold the center's countersignature")
		}

		// The center revokes the issuing node; the other station hears of it at its next sync.
		second := passQuiz(t, n, ts.URL, "curso-de-prueba")
		cert2, _ := n.Store.FindCertificate(context.Background(), second["certificate_id"].(string))
		expect(t, "other node before revocation", verifyJSON(t, otherTS.URL, cert2.Claims.Code, cert2.Token), "valid", certificate.Provisional, "")
		if status, body := call(t, "POST", c.URL+"/api/v1/nodes/"+n.NodeID+"/revoke", adminToken(t, c), ""); status != 200 {
			t.Fatalf("revoke node: %d %s", status, body)
		}
		if err := other.Round(context.Background()); err != nil {
			t.Fatal(err)
		}
		for name, base := range map[string]string{"center": c.URL, "other node": otherTS.URL} {
			expect(t, name+" after revocation", verifyJSON(t, base, cert2.Claims.Code, cert2.Token), "unknown", "", certificate.RefusedRevokedNode)
		}
		// What the center confirmed before stays confirmed.
		expect(t, "confirmed before revocation", verifyJSON(t, c.URL, code, ""), "valid", certificate.Confirmed, "")
	})
}

// A node signs a certificate only for an officer active on its station's roster: one moved to
// another station while his attempt was open gets his result, and no certificate from here.
func TestNoCertificateForAnOfficerOffTheRoster(t *testing.T) {
	t.Parallel()
	pgtest.Dialects(t, func(t *testing.T) {
		c, n := enrolled(t)
		c.Must(t, "", "station", "add", "--data", c.Data, "--code", "MCB-02", "--name", "Maracaibo")
		ts := nodeWeb(t, n)
		status, body := call(t, "POST", ts.URL+"/api/v1/session", "", `{"badge":"PNB-1","pin":"4821"}`)
		var login struct{ Token string }
		if json.Unmarshal(body, &login); status != 200 {
			t.Fatalf("login: %d %s", status, body)
		}
		status, body = call(t, "POST", ts.URL+"/api/v1/courses/curso-de-prueba/attempts", login.Token, "")
		var att struct {
			AttemptID string `json:"attempt_id"`
		}
		if json.Unmarshal(body, &att); status != 201 {
			t.Fatalf("start: %d %s", status, body)
		}
		csv := filepath.Join(t.TempDir(), "moved.csv")
		os.WriteFile(csv, []byte("badge,given_names,family_names,rank,station_code,pin\nPNB-1,María José,Pérez Rojas,Oficial,MCB-02,4821\n"), 0o600)
		c.Must(t, "", "officer", "import", "--data", c.Data, "--csv", csv)
		if err := n.Round(context.Background()); err != nil {
			t.Fatal(err)
		}
		b, _ := json.Marshal(map[string]any{"responses": rightAnswers(n, att.AttemptID, "curso-de-prueba")})
		status, body = call(t, "POST", ts.URL+"/api/v1/attempts/"+att.AttemptID+"/submit", login.Token, string(b))
		if cert, err := n.Store.CertificateForAttempt(context.Background(), att.AttemptID); err != nil || cert != nil {
			t.Errorf("the node signed a certificate for an officer no longer on its roster (submit: %d %s): %+v %v", status, body, cert, err)
		}
	})
}

package web_test

import (
	"archive/zip"
	"bytes"
	"context"
	"crypto/ed25519"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"aula/courses"
	"aula/internal/pgtest"
	"aula/server/internal/cli"
	"aula/server/internal/evidence"
	"aula/server/internal/web"
	"aula/sync/auditchain"
	"aula/sync/auth"
	"aula/sync/certificate"
)

// An officer's evidence bundle holds his records, certificates with their signatures, the audit
// entries about him (the export included) with the signed chain; aula-server evidence verify
// accepts it (exit 0) and refuses it with one byte changed (exit 1).
func TestEvidenceBundleVerifiesOfflineAndRefusesAChangedByte(t *testing.T) {
	pgtest.Dialects(t, func(t *testing.T) {
		e := newEnv(t)
		admin := e.adminToken()
		e.seedResults(admin)
		claims := certificate.Claims{ID: "C1", Code: "VALID00001", Name: "María Pérez", Badge: "PNB-1001", CourseID: sampleCourse, Version: 1,
			Title: courses.Text{"es": "Uso progresivo de la fuerza"}, Hours: 8, IssuedOn: e.clock.Now().Format(time.DateOnly), Issuer: "Aula"}
		e.exec(e.db(), `UPDATE certificates SET token = ? WHERE id = 'C1'`, certificate.SignByCenter(claims, e.server.Key))
		stationEvents := chainedEvents(2)
		stationEvents[1].Badge = "PNB-1001" // the second chained event is about him
		stationEvents[1].Hash = auditchain.Link(stationEvents[1].Prev, stationEvents[1].Entry())
		if _, err := e.store.AddNodeEvents(context.Background(), "nodo-a", stationEvents); err != nil {
			t.Fatal(err)
		}
		if rec := e.api(http.MethodPost, "/api/v1/certificates/C1/revoke", admin, map[string]string{"reason": "Error de registro"}); rec.Code != 200 {
			t.Fatalf("revoke: %d %s", rec.Code, rec.Body)
		}
		rec := e.api(http.MethodGet, "/api/v1/officers/PNB-1001/evidence", admin, nil)
		if rec.Code != 200 || rec.Header().Get("Content-Type") != "application/zip" {
			t.Fatalf("evidence: %d %q %s", rec.Code, rec.Header().Get("Content-Type"), rec.Body)
		}
		data := rec.Body.Bytes()
		r, err := evidence.Verify(data, e.server.Key.Public().(ed25519.PublicKey))
		if err != nil {
			t.Fatal(err)
		}
		files := unzip(t, data)
		for _, name := range []string{"transcript.json", "transcript.pdf", "attempts/A1.json", "attempts/A3.json", "certificates.json", "workshops.json",
			"audit/entries.json", "audit/chain.json", "audit/head.json", "README.txt", "manifest.json", "manifest.sig", "center-key.pem"} {
			if _, ok := files[name]; !ok {
				t.Errorf("no %s in the bundle", name)
			}
		}
		var evs []map[string]any
		if err := json.Unmarshal(files[web.StationEventsFile], &evs); err != nil || len(evs) != 1 || evs[0]["s"] != float64(2) || evs[0]["intact"] != true {
			t.Errorf("station events in the bundle: %v %s", err, files[web.StationEventsFile])
		}
		if !bytes.HasPrefix(files["transcript.pdf"], []byte("%PDF")) {
			t.Error("transcript.pdf is not a PDF")
		}
		mustContain(t, "README", string(files["README.txt"]), auth.Fingerprint(e.server.Key.Public().(ed25519.PublicKey)), "aula-server evidence verify", "Compárela")
		var entries []map[string]any
		json.Unmarshal(files["audit/entries.json"], &entries)
		actions := []string{}
		for _, en := range entries {
			actions = append(actions, en["action"].(string))
		}
		if !strings.Contains(strings.Join(actions, " "), "certificate.revoke") || actions[len(actions)-1] != "evidence.export" || r.AuditEntries != len(entries) {
			t.Errorf("audit entries about the officer: %v", actions)
		}
		var certs []evidence.CertRecord
		json.Unmarshal(files["certificates.json"], &certs)
		if len(certs) != 1 || certs[0].Token == "" || certs[0].OB3 == "" || certs[0].Status != "revoked" {
			t.Errorf("certificates %+v", certs)
		}
		var attempt map[string]any
		json.Unmarshal(files["attempts/A3.json"], &attempt)
		if attempt["score_rescored_by_center"] != 90.0 || attempt["passed"] != true {
			t.Errorf("attempt A3 %v", attempt)
		}

		dir := t.TempDir()
		path := filepath.Join(dir, "evidencia.zip")
		os.WriteFile(path, data, 0o644)
		var out, errb bytes.Buffer
		if code := cli.RunWithInput([]string{"evidence", "verify", "--in", path, "--key", filepath.Join(e.dir, "center.key")}, nil, &out, &errb); code != 0 {
			t.Fatalf("evidence verify: exit %d %s%s", code, out.String(), errb.String())
		}
		mustContain(t, "evidence verify", out.String(), "evidencia íntegra", "PNB-1001")
		for _, i := range []int{0, len(data) / 3, len(data) / 2, len(data) - 1} {
			changed := bytes.Clone(data)
			changed[i] ^= 0x20
			os.WriteFile(path, changed, 0o644)
			out.Reset()
			errb.Reset()
			if code := cli.RunWithInput([]string{"evidence", "verify", "--in", path}, nil, &out, &errb); code != 1 || !strings.Contains(errb.String(), "NO está íntegra") {
				t.Errorf("byte %d changed: exit %d %s%s", i, code, out.String(), errb.String())
			}
		}
	})
}

func unzip(t *testing.T, data []byte) map[string][]byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]byte{}
	for _, f := range zr.File {
		rc, _ := f.Open()
		out[f.Name], _ = io.ReadAll(rc)
		rc.Close()
	}
	return out
}

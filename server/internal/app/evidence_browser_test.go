package app

import (
	"archive/zip"
	"bytes"
	"crypto/ed25519"
	"database/sql"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"aula/courses"
	"aula/internal/browsertest"
	"aula/server/internal/evidence"
	"aula/sync/certificate"
)

// The auditor's page in a browser (chain intact, filters, CSV link, the Open Badges link on the
// certificates page), and an evidence bundle of real attempts: the papers rebuilt from their
// seeds, verified offline. AULA_SHOTS=DIR keeps the screenshots.
func TestBrowserAuditPageAndEvidenceBundle(t *testing.T) {
	b := browsertest.Start(t)
	data := t.TempDir()
	m := openCenter(t, Config{Addr: "127.0.0.1:0", Data: data})
	if err := m.PublishStarterCourses(); err != nil {
		t.Fatal(err)
	}
	title := seedStaffPages(t, m, data)
	db, err := sql.Open("sqlite", filepath.Join(data, "aula-server.db"))
	if err != nil {
		t.Fatal(err)
	}
	token := certificate.SignByCenter(certificate.Claims{ID: "C1", Code: "VALID00001", Name: "María José Pérez Rojas", Badge: "PNB-1001",
		CourseID: "uso-de-la-fuerza", Version: 1, Title: courses.Text{"es": title}, Hours: 8, IssuedOn: time.Now().Format(time.DateOnly), Issuer: "Aula"}, m.Key)
	if _, err := db.Exec(`UPDATE certificates SET token = ? WHERE id = 'C1'`, token); err != nil {
		t.Fatal(err)
	}
	db.Close()
	base, stop := serveCenter(t, m)
	defer stop()
	shots := screenshots(t)

	// The evidence bundle through the API.
	body, _ := json.Marshal(map[string]string{"username": "admin", "password": "una clave segura"})
	resp, err := http.Post(base+"/api/v1/auth/login", "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	var login struct{ Token string }
	json.NewDecoder(resp.Body).Decode(&login)
	resp.Body.Close()
	req, _ := http.NewRequest(http.MethodGet, base+"/api/v1/officers/PNB-1001/evidence", nil)
	req.Header.Set("Authorization", "Bearer "+login.Token)
	resp, err = http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	zip, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("evidence: %d %s", resp.StatusCode, zip)
	}
	r, err := evidence.Verify(zip, m.Key.Public().(ed25519.PublicKey))
	if err != nil || r.Certificates != 1 {
		t.Fatalf("bundle: %+v %v", r, err)
	}
	os.WriteFile(filepath.Join(shots, "evidencia-PNB-1001.zip"), zip, 0o644)
	if paper := string(zipFile(t, zip, "attempts/AP1.json")); !strings.Contains(paper, `"paper": [`) || !strings.Contains(paper, `"answered": false`) {
		t.Errorf("attempt AP1 without its paper (or the blank answer): %.600s", paper)
	}

	browserLogin(b, base, "admin", "una clave segura")
	b.Do(chromedp.Navigate(base+"/audit"), chromedp.WaitVisible(chromedp.CSS("table")))
	if state := b.Text("main"); !strings.Contains(state, "Cadena íntegra") || !strings.Contains(state, "evidence.export") {
		t.Errorf("audit page: %q", state)
	}
	b.Do(chromedp.EmulateViewport(1280, 800))
	b.Screenshot(shots, "audit-1280.png")
	b.Do(chromedp.EmulateViewport(390, 844))
	b.Screenshot(shots, "audit-390.png")
	b.Do(chromedp.EmulateViewport(1280, 800), chromedp.Navigate(base+"/audit?action=station."), chromedp.WaitVisible(chromedp.CSS("table")))
	if list := b.Text("table"); !strings.Contains(list, "station:CCS-01") || strings.Contains(list, "evidence.export") {
		t.Errorf("filtered by station.: %q", list)
	}
	b.Do(chromedp.Navigate(base+"/certificates"), chromedp.WaitVisible(chromedp.CSS(`a[href="/certificates/C1/ob3"]`)))
	b.Screenshot(shots, "certificates-ob3-1280.png")
	if errs := b.ConsoleErrors(); len(errs) > 0 {
		t.Errorf("console errors: %v", errs)
	}
}

func zipFile(t *testing.T, data []byte, name string) []byte {
	t.Helper()
	files := map[string][]byte{}
	zr, err := zipReader(data)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range zr.File {
		rc, _ := f.Open()
		files[f.Name], _ = io.ReadAll(rc)
		rc.Close()
	}
	return files[name]
}

func zipReader(data []byte) (*zip.Reader, error) {
	return zip.NewReader(bytes.NewReader(data), int64(len(data)))
}

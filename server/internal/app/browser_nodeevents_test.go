package app

import (
	"context"
	"crypto/ed25519"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"aula/internal/browsertest"
	"aula/server/internal/store"
	"aula/sync/auditchain"
	"aula/sync/auth"
	"aula/sync/protocol"
)

// In a real browser: the auditor's page names each station's event chain, intact or broken at
// the first event that did not verify. Screenshot audit-station-chains.png.
func TestBrowserAuditStationChains(t *testing.T) {
	b := browsertest.Start(t)
	m := openCenter(t, Config{Addr: "127.0.0.1:0", Data: t.TempDir()})
	bg := context.Background()
	h, _ := auth.HashSecret("una clave segura")
	if _, err := m.Store.CreateStaffIn(bg, "auditora", store.RoleAuditor, "", h); err != nil {
		t.Fatal(err)
	}
	for i, code := range []string{"CCS-01", "CCS-02"} {
		if _, err := m.Store.CreateStation(bg, code, "Caracas "+code, "h-"+code, "admin"); err != nil {
			t.Fatal(err)
		}
		pub, _, _ := ed25519.GenerateKey(nil)
		if _, err := m.Store.Enroll(bg, store.Enrollment{TokenHash: "h-" + code, NodeID: "nodo-" + code, PublicKey: pub, Version: "t"}); err != nil {
			t.Fatal(err)
		}
		evs := make([]protocol.NodeEvent, 0, 12)
		prev := auditchain.Genesis
		for s := int64(1); s <= 12; s++ {
			e := protocol.NodeEvent{Seq: s, At: "2026-12-02T09:00:00Z", Kind: protocol.EventLogin, Badge: "PNB-1001"}
			en := e.Entry()
			auditchain.Seal(prev, &en)
			e.Prev, e.Hash, prev = en.Prev, en.Hash, en.Hash
			evs = append(evs, e)
		}
		if i == 1 {
			evs[6].Kind = protocol.EventLogin + "_failed" // edited after it was chained
		}
		if _, err := m.Store.AddNodeEvents(bg, "nodo-"+code, evs); err != nil {
			t.Fatal(err)
		}
	}
	base, stop := serveCenter(t, m)
	defer stop()
	b.Do(chromedp.Navigate(base+"/login"), chromedp.WaitVisible(chromedp.CSS("#username")),
		chromedp.SendKeys(chromedp.CSS("#username"), "auditora"), chromedp.SendKeys(chromedp.CSS("#password"), "una clave segura"),
		chromedp.Click(chromedp.CSS("button.primary")), chromedp.WaitVisible(chromedp.CSS("nav")),
		chromedp.Navigate(base+"/audit"), chromedp.WaitVisible(chromedp.CSS("h1")))
	got := strings.Join(strings.Fields(b.Text("main")), " ")
	for _, want := range []string{"Estación CCS-01: 12 eventos, cadena íntegra", "Estación CCS-02: 12 eventos, cadena rota desde el evento 7"} {
		if !strings.Contains(got, want) {
			t.Errorf("audit page lacks %q: %s", want, got)
		}
	}
	b.Screenshot(browsertest.ShotsDir(), "audit-station-chains.png")
}

package roster

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"aula/server/internal/store"
	"aula/sync/auth"
)

// openStore opens a store with stations CCS-01 and MCB-02.
func openStore(t testing.TB) (*store.Store, string) {
	t.Helper()
	dir := t.TempDir()
	st, err := store.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	for _, code := range []string{"CCS-01", "MCB-02"} {
		if _, err := st.CreateStation(context.Background(), code, "Estación "+code, auth.HashToken(auth.RandomToken(24)), "t"); err != nil {
			t.Fatal(err)
		}
	}
	return st, dir
}

// hashes returns badge → stored PIN hash of a station's roster.
func hashes(t testing.TB, st *store.Store, code string) map[string]string {
	t.Helper()
	s, err := st.FindStation(context.Background(), code)
	if err != nil {
		t.Fatal(err)
	}
	roster, err := st.Roster(context.Background(), s.ID)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, r := range roster {
		out[r.Badge] = r.PINHash
	}
	return out
}

// TestImportKeepsUnchangedPINs: a re-import hashes only the PINs that changed; the others keep
// their stored hash, which still verifies. Without the key, every PIN is hashed again.
func TestImportKeepsUnchangedPINs(t *testing.T) {
	st, dir := openStore(t)
	key, err := LoadKey(dir)
	if err != nil {
		t.Fatal(err)
	}
	if info, err := os.Stat(filepath.Join(dir, KeyFile)); err != nil || info.Mode().Perm() != 0o600 {
		t.Fatalf("key file: %v %v", info, err)
	}
	if again, err := LoadKey(dir); err != nil || string(again) != string(key) {
		t.Fatalf("the key was not kept: %v", err)
	}
	first := header + "PNB-1,Ana,Pérez,Oficial,CCS-01,4821\nPNB-2,Luis,Núñez,Oficial,CCS-01,7395\n"
	if res, problems, err := Import(context.Background(), st, key, strings.NewReader(first), "o.csv", "t"); err != nil || len(problems) > 0 || res.Created != 2 {
		t.Fatalf("first import: %+v %v %v", res, problems, err)
	}
	before := hashes(t, st, "CCS-01")
	second := header + "PNB-1,Ana,Pérez,Sargento,CCS-01,4821\npnb-2,Luis,Núñez,Oficial,CCS-01,9157\n"
	if res, problems, err := Import(context.Background(), st, key, strings.NewReader(second), "o.csv", "t"); err != nil || len(problems) > 0 || res.Updated != 2 {
		t.Fatalf("second import: %+v %v %v", res, problems, err)
	}
	after := hashes(t, st, "CCS-01")
	if after["PNB-1"] != before["PNB-1"] {
		t.Error("an unchanged PIN was hashed again")
	}
	if after["PNB-2"] == before["PNB-2"] {
		t.Error("a changed PIN kept its old hash")
	}
	for badge, pin := range map[string]string{"PNB-1": "4821", "PNB-2": "9157"} {
		if ok, _ := auth.VerifySecret(after[badge], pin); !ok {
			t.Errorf("%s: the stored hash does not verify the file's PIN", badge)
		}
	}
	if o, _ := st.FindOfficer(context.Background(), "PNB-1"); o.Rank != "Sargento" {
		t.Errorf("officer not updated: %+v", o)
	}
	// Another key (a lost key file) or none: every PIN is hashed again, and still verifies.
	if _, problems, err := Import(context.Background(), st, nil, strings.NewReader(second), "o.csv", "t"); err != nil || len(problems) > 0 {
		t.Fatalf("import without a key: %v %v", problems, err)
	}
	if h := hashes(t, st, "CCS-01")["PNB-1"]; h == after["PNB-1"] {
		t.Error("without the key, the PIN was not hashed again")
	} else if ok, _ := auth.VerifySecret(h, "4821"); !ok {
		t.Error("the new hash does not verify")
	}
}

// TestImportAllOrNone: one bad row anywhere (a station that does not exist included) and
// nothing is written; every problem comes back together.
func TestImportAllOrNone(t *testing.T) {
	st, dir := openStore(t)
	key, _ := LoadKey(dir)
	in := header + "PNB-1,Ana,Pérez,Oficial,CCS-01,4821\nPNB-2,Luis,Núñez,Oficial,XYZ-99,7395\nPNB-3,Eva,Ruiz,Oficial,MCB-02,1111\n"
	_, problems, err := Import(context.Background(), st, key, strings.NewReader(in), "o.csv", "t")
	if err != nil {
		t.Fatal(err)
	}
	if got := problemsText(problems); got != "o.csv:3: roster.station_unknown XYZ-99\no.csv:4: pin.same_digit\n" {
		t.Errorf("problems:\n%s", got)
	}
	if list, _ := st.ListOfficers(context.Background(), store.OfficerFilter{}); len(list) != 0 {
		t.Errorf("a refused import wrote %d officers", len(list))
	}
}

// TestImportRefusesAStalePINCheck: a row meant to keep the stored hash whose PIN changed in
// between (another import) is a conflict, and nothing is written.
func TestImportRefusesAStalePINCheck(t *testing.T) {
	st, dir := openStore(t)
	key, _ := LoadKey(dir)
	if _, problems, err := Import(context.Background(), st, key, strings.NewReader(header+"PNB-1,Ana,Pérez,Oficial,CCS-01,4821\n"), "o.csv", "t"); err != nil || len(problems) > 0 {
		t.Fatal(problems, err)
	}
	rows := []store.OfficerRow{{Line: 2, Badge: "PNB-1", GivenNames: "Ana", FamilyNames: "Pérez", Rank: "Jefa", StationCode: "CCS-01",
		PINCheck: pinCheck(key, "PNB-1", "9157")}}
	if _, _, err := st.ImportOfficers(context.Background(), rows, "t"); err != store.ErrPINChanged {
		t.Fatalf("stale PIN check: %v", err)
	}
	if o, _ := st.FindOfficer(context.Background(), "PNB-1"); o.Rank != "Oficial" {
		t.Errorf("a refused import changed the officer: %+v", o)
	}
}

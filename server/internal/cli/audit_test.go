package cli_test

import (
	"database/sql"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"aula/internal/e2e"
	"aula/sync/auditchain"

	_ "modernc.org/sqlite"
)

// The acceptance test of the audit trail: a real center and node; one audit row edited directly
// in the database is named by audit verify; the same history edited and chained again passes the
// walk, and the heads the station kept report the rewrite.
func TestAuditVerifyNamesAnEditedRowAndAStationCatchesARewrite(t *testing.T) {
	c := e2e.NewCenter(t)
	_, nodeBin := e2e.Binaries(t)
	node := filepath.Join(t.TempDir(), "node")
	e2e.Must(t, "", nodeBin, "enroll", "--data", node, "--server", c.URL, "--token", c.Token)
	e2e.Must(t, "", nodeBin, "sync", "--data", node)
	e2e.Must(t, "", c.Bin, "agency", "add", "--data", c.Data, "--code", "CPNB", "--name", "Cuerpo de Policía Nacional")
	e2e.Must(t, "", nodeBin, "sync", "--data", node)
	heads := filepath.Join(t.TempDir(), "heads.jsonl")
	e2e.Must(t, "", nodeBin, "audit", "heads", "--data", node, "--out", heads)
	c.Stop()

	out := e2e.Must(t, "", c.Bin, "audit", "verify", "--data", c.Data, "--against", heads)
	last := regexp.MustCompile(`audit: (\d+) entries, chain intact, head [0-9a-f]{64}\n$`)
	if !last.MatchString(out) {
		t.Fatalf("audit verify printed %q", out)
	}

	db, err := sql.Open("sqlite", filepath.Join(c.Data, "aula-server.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(`UPDATE audit SET detail = detail || ' (edited)' WHERE id = 2`); err != nil {
		t.Fatal(err)
	}
	_, errs, code := e2e.Run(t, "", c.Bin, "audit", "verify", "--data", c.Data)
	if code != 1 || !regexp.MustCompile(`(entry|entrada) 2\b`).MatchString(errs) {
		t.Fatalf("edited row 2: exit %d, %q", code, errs)
	}

	// Chain the edited history again from entry 2 on: the walk passes, the station's heads do not.
	rows, err := db.Query(`SELECT id, at, actor, action, object, detail, subject FROM audit ORDER BY id`)
	if err != nil {
		t.Fatal(err)
	}
	var es []auditchain.Entry
	for rows.Next() {
		var e auditchain.Entry
		if err := rows.Scan(&e.Seq, &e.At, &e.Actor, &e.Action, &e.Object, &e.Details, &e.Subject); err != nil {
			t.Fatal(err)
		}
		es = append(es, e)
	}
	rows.Close()
	prev := auditchain.Genesis
	for _, e := range es {
		auditchain.Seal(prev, &e)
		prev = e.Hash
		if _, err := db.Exec(`UPDATE audit SET prev = ?, hash = ? WHERE id = ?`, e.Prev, e.Hash, e.Seq); err != nil {
			t.Fatal(err)
		}
	}
	e2e.Must(t, "", c.Bin, "audit", "verify", "--data", c.Data)
	_, errs, code = e2e.Run(t, "", c.Bin, "audit", "verify", "--data", c.Data, "--against", heads)
	if code != 1 || !strings.Contains(errs, "reescrita") && !strings.Contains(errs, "rewritten") {
		t.Fatalf("rewritten history against the station's heads: exit %d, %q", code, errs)
	}
}

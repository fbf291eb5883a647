package syncer

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"aula/client-node/internal/store"
	"aula/internal/e2e"
	"aula/internal/pgtest"
)

// A node whose store is restored from an older copy reuses outbox sequence numbers for new
// records; they still reach the center (applied by their ids), and nothing is lost.
func TestNodeRestoredFromOlderCopy(t *testing.T) {
	t.Parallel()
	pgtest.Dialects(t, func(t *testing.T) {
		c, n := enrolled(t)
		for i := range 5 {
			takeAttempt(t, n.Store, "PNB-1", i)
		}
		if err := n.Round(context.Background()); err != nil {
			t.Fatal(err)
		}
		copyPath := filepath.Join(t.TempDir(), "copia.db")
		if err := n.Store.Backup(context.Background(), copyPath); err != nil {
			t.Fatal(err)
		}
		for i := range 5 {
			takeAttempt(t, n.Store, "PNB-2", 10+i)
		}
		if err := n.Round(context.Background()); err != nil {
			t.Fatal(err)
		}
		if got := len(centerAttempts(t, c)); got != 10 {
			t.Fatalf("center has %d attempts before the restore, want 10", got)
		}

		// The station PC's disk is restored from the older copy.
		n.Store.Close()
		db := filepath.Join(n.DataDir, "aula-node.db")
		os.Remove(db + "-wal")
		os.Remove(db + "-shm")
		data, _ := os.ReadFile(copyPath)
		if err := os.WriteFile(db, data, 0o600); err != nil {
			t.Fatal(err)
		}
		st, err := store.Open(n.DataDir)
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		n2, err := Open(context.Background(), st, n.DataDir, quiet)
		if err != nil {
			t.Fatal(err)
		}
		n2.BatchRecords = 3
		for i := range 7 {
			takeAttempt(t, st, "PNB-1", 20+i)
		}
		if err := n2.Round(context.Background()); err != nil {
			t.Fatal(err)
		}
		if got := len(centerAttempts(t, c)); got != 17 {
			t.Fatalf("center has %d attempts after the restored node synced, want 17 (10 + 7 new)", got)
		}
		if s, _ := ReadStatus(context.Background(), st, n2); s.Pending != 0 {
			t.Errorf("%d records still pending", s.Pending)
		}
	})
}

// A center restored from an older backup has a change feed behind the node's cursor; it sends
// everything again and the node takes what is new (nothing is skipped).
func TestCenterRestoredFromOlderBackup(t *testing.T) {
	t.Parallel()
	c, n := enrolled(t)
	server, _ := e2e.Binaries(t)
	backup := filepath.Join(t.TempDir(), "center-backup.db")
	e2e.Must(t, "", server, "backup", "--data", c.Data, "--out", backup)
	// After the backup: a new course version; the node takes it and its cursor moves on.
	v2 := filepath.Join(t.TempDir(), "v2")
	if err := os.CopyFS(v2, os.DirFS(filepath.Join(e2e.Root(), "courses", "testdata", "sample"))); err != nil {
		t.Fatal(err)
	}
	yaml, _ := os.ReadFile(filepath.Join(v2, "course.yaml"))
	os.WriteFile(filepath.Join(v2, "course.yaml"), []byte(strings.Replace(string(yaml), "version: 1", "version: 2", 1)), 0o644)
	c.Must(t, "", "course", "publish", "--data", c.Data, v2)
	if err := n.Round(context.Background()); err != nil {
		t.Fatal(err)
	}
	// The center's disk dies; it is restored from the backup, and a new station officer is
	// imported there.
	c.Stop()
	db := filepath.Join(c.Data, "aula-server.db")
	os.Remove(db + "-wal")
	os.Remove(db + "-shm")
	data, _ := os.ReadFile(backup)
	os.WriteFile(db, data, 0o600)
	csv := filepath.Join(t.TempDir(), "o.csv")
	os.WriteFile(csv, []byte("badge,given_names,family_names,rank,station_code,pin\nPNB-7,Rosa,Díaz,Oficial,CCS-01,7395\n"), 0o600)
	c.Must(t, "", "officer", "import", "--data", c.Data, "--csv", csv)
	c.Start()
	if err := n.Round(context.Background()); err != nil {
		t.Fatal(err)
	}
	if o, err := n.Store.FindOfficer(context.Background(), "PNB-7"); err != nil || !o.Active {
		t.Fatalf("the officer imported after the restore did not reach the node: %v", err)
	}
}

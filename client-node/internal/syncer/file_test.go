package syncer

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"aula/internal/pgtest"
)

// USB sync: export, import at the center, import the reply. Twice, out of order, for another
// node, or altered: harmless and reported.
func TestFileSync(t *testing.T) {
	t.Parallel()
	pgtest.Dialects(t, func(t *testing.T) {
		c, n := enrolled(t)
		dir := t.TempDir()
		exportTo := func(name string) string {
			t.Helper()
			data, _, err := n.Export(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			p := filepath.Join(dir, name)
			if err := os.WriteFile(p, data, 0o600); err != nil {
				t.Fatal(err)
			}
			return p
		}
		importAtCenter := func(in, out string) (string, string, int) {
			return c.Run(t, "", "sync", "import", "--data", c.Data, "--in", in, "--out", out)
		}

		for i := range 5 {
			takeAttempt(t, n.Store, "PNB-1", i)
		}
		first := exportTo("first.sync")
		for i := range 3 {
			takeAttempt(t, n.Store, "PNB-2", i)
		}
		second := exportTo("second.sync")

		// The center can apply the newer file before the older one.
		if out, errs, code := importAtCenter(second, filepath.Join(dir, "reply2.sync")); code != 0 {
			t.Fatalf("import second: %d %s %s", code, out, errs)
		}
		out, errs, code := importAtCenter(first, filepath.Join(dir, "reply1.sync"))
		if code != 0 {
			t.Fatalf("import first: %d %s", code, errs)
		}
		if !strings.Contains(out, "already been applied") {
			t.Errorf("re-importing old records was not reported as harmless: %s", out)
		}
		if got := centerAttempts(t, c); len(got) != 8 {
			t.Fatalf("center has %d attempts after both files, want 8", len(got))
		}

		// Node imports the replies in any order; nothing is lost, the outbox is acknowledged.
		for i, r := range []string{"reply1.sync", "reply2.sync", "reply1.sync"} {
			data, _ := os.ReadFile(filepath.Join(dir, r))
			summary, err := n.Import(context.Background(), data)
			if err != nil {
				t.Fatalf("import %s: %v", r, err)
			}
			if i == 2 && !strings.Contains(summary, " 0 changes applied") {
				t.Errorf("a reply imported again reported changes applied: %s", summary)
			}
		}
		if st, _ := ReadStatus(context.Background(), n.Store, n); st.Pending != 0 {
			t.Errorf("%d records still pending after the replies", st.Pending)
		}

		// An altered file is refused at the center, and an altered reply at the node.
		data, _ := os.ReadFile(second)
		bad := strings.Replace(string(data), `"body":"H4sI`, `"body":"H4sJ`, 1)
		os.WriteFile(filepath.Join(dir, "bad.sync"), []byte(bad), 0o600)
		if _, errs, code := importAtCenter(filepath.Join(dir, "bad.sync"), filepath.Join(dir, "x.sync")); code == 0 || !strings.Contains(errs, "signature") && !strings.Contains(errs, "firma") { // LANG picks the language
			t.Errorf("a tampered file was accepted: %d %s", code, errs)
		}
		reply, _ := os.ReadFile(filepath.Join(dir, "reply2.sync"))
		if _, err := n.Import(context.Background(), []byte(strings.Replace(string(reply), `"body":"H4sI`, `"body":"H4sJ`, 1))); err == nil {
			t.Error("a tampered reply was accepted")
		}
		if _, err := n.Import(context.Background(), data); err == nil || !strings.Contains(err.Error(), "push") {
			t.Errorf("a push file imported as a reply: %v", err)
		}

		// A reply made for another node is refused and names the reason.
		other := &Node{Store: n.Store, Key: n.Key, CenterKey: n.CenterKey, NodeID: "another-node", Log: quiet}
		if _, err := other.Import(context.Background(), reply); err == nil || !strings.Contains(err.Error(), "another station") {
			t.Errorf("a reply for another node: %v", err)
		}
	})
}

package e2e

import (
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

// The cache key of the built programs changes with any file that goes into them (Go source of a
// package they import, an embedded template), so a stale binary is never used; it does not change
// with a test file.
func TestSourceKeyFollowsTheSources(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	err := filepath.WalkDir(Root(), func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(Root(), path)
		if d.Name() == ".git" { // a folder, or a file in a worktree
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(root, rel), 0o755)
		}
		if !d.Type().IsRegular() {
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(root, rel), b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	key := func() string {
		t.Helper()
		k, err := sourceKey(root)
		if err != nil {
			t.Fatal(err)
		}
		return k
	}
	base := key()
	if again := key(); again != base {
		t.Fatalf("the key of unchanged sources changed: %s, then %s", base, again)
	}
	edit := func(rel string) (undo func()) {
		t.Helper()
		p := filepath.Join(root, rel)
		old, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, append(append([]byte{}, old...), '\n'), 0o644); err != nil {
			t.Fatal(err)
		}
		return func() { os.WriteFile(p, old, 0o644) }
	}
	for _, rel := range []string{
		"courses/certpdf/certpdf.go",                             // a package the center imports
		"client-node/internal/syncer/loop.go",                    // a package the node imports
		"server/internal/web/templates/layout.html",              // an embedded template
		"client-node/internal/store/migrations/0001_initial.sql", // an embedded migration
		"go.sum",
	} {
		undo := edit(rel)
		if key() == base {
			t.Errorf("editing %s left the key unchanged: a stale binary would be used", rel)
		}
		undo()
	}
	undo := edit("client-node/internal/syncer/crash_test.go")
	if key() != base {
		t.Errorf("editing a test file changed the key (a needless rebuild)")
	}
	undo()
}

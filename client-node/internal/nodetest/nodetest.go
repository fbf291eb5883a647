// Package nodetest prepares station nodes for tests and benchmarks: a store with a signed course
// version installed and a roster, as sync would leave them.
package nodetest

import (
	"context"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"testing"
	"time"

	"aula/client-node/internal/store"
	"aula/courses"
	"aula/courses/coursepkg"
	"aula/sync/auth"
	"aula/sync/protocol"
)

// Officers of the test roster and their PINs.
var Officers = []struct{ Badge, PIN, Given, Family string }{
	{"PNB-1", "1234", "María José", "Pérez Rojas"},
	{"PNB-2", "5678", "Luis", "Núñez"},
}

// SampleDir is the sample course used by tests (courses/testdata/sample).
func SampleDir() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..", "..", "courses", "testdata", "sample")
}

// Install signs a course package's files with key and installs them in st, as sync would.
func Install(tb testing.TB, st *store.Store, fsys fs.FS, key ed25519.PrivateKey) *protocol.Manifest {
	tb.Helper()
	pkg, problems := coursepkg.Read(fsys, "course")
	if len(problems) > 0 {
		tb.Fatalf("course does not lint: %v", problems)
	}
	c := pkg.Course
	m := &protocol.Manifest{Format: protocol.ManifestFormat, CourseID: c.ID, Version: c.Version, Title: c.Title,
		Area: c.Area, Hours: c.Hours, PublishedAt: time.Now().UTC().Format(time.RFC3339)}
	files := map[string][]byte{}
	for _, f := range pkg.Files {
		data, err := fs.ReadFile(fsys, f.Path)
		if err != nil {
			tb.Fatal(err)
		}
		sum := sha256.Sum256(data)
		m.Files = append(m.Files, protocol.ManifestFile{Path: f.Path, SHA256: hex.EncodeToString(sum[:]), Size: int64(len(data))})
		files[f.Path] = data
	}
	data, sig, err := protocol.SignManifest(m, key)
	if err != nil {
		tb.Fatal(err)
	}
	if err := st.InstallVersion(context.Background(), m, data, sig, files); err != nil {
		tb.Fatal(err)
	}
	return m
}

// Store opens a node store in a temporary folder with the sample course, the three starter
// courses when withCatalog, and the test roster.
func Store(tb testing.TB, withCatalog bool) *store.Store {
	tb.Helper()
	st, err := store.Open(tb.TempDir())
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { st.Close() })
	_, key, _ := ed25519.GenerateKey(nil)
	Install(tb, st, os.DirFS(SampleDir()), key)
	if withCatalog {
		for _, name := range courses.StarterNames {
			fsys, err := courses.StarterCourse(name)
			if err != nil {
				tb.Fatal(err)
			}
			Install(tb, st, fsys, key)
		}
	}
	hashes, err := pinHashes()
	if err != nil {
		tb.Fatal(err)
	}
	var roster []store.Officer
	for i, o := range Officers {
		roster = append(roster, store.Officer{Badge: o.Badge, GivenNames: o.Given, FamilyNames: o.Family, Rank: "Oficial", PINHash: hashes[i]})
	}
	if err := st.ReplaceRoster(context.Background(), roster); err != nil {
		tb.Fatal(err)
	}
	return st
}

// pinHashes hashes the test officers' PINs once per process: argon2id is slow on purpose, and
// every test store has the same roster.
var pinHashes = sync.OnceValues(func() ([]string, error) {
	var out []string
	for _, o := range Officers {
		h, err := auth.HashPIN(o.PIN)
		if err != nil {
			return nil, err
		}
		out = append(out, h)
	}
	return out, nil
})

package publish

import (
	"archive/zip"
	"bytes"
	"context"
	"crypto/ed25519"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"aula/courses"
	"aula/server/internal/store"
	"aula/sync/auth"
	"aula/sync/protocol"
)

func zipOf(t *testing.T, files map[string]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	w := zip.NewWriter(&buf)
	for name, body := range files {
		f, err := w.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		f.Write([]byte(body))
	}
	w.Close()
	return buf.Bytes()
}

func sampleFiles(t *testing.T, prefix string) map[string]string {
	out := map[string]string{}
	root := "../../../courses/testdata/sample"
	filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		data, _ := os.ReadFile(p)
		out[prefix+filepath.ToSlash(rel)] = string(data)
		return nil
	})
	return out
}

func TestZipFSRefusesUnsafeArchives(t *testing.T) {
	for name, files := range map[string]map[string]string{
		"zip slip":       {"../evil.txt": "x"},
		"absolute":       {"/etc/cron.d/x": "x"},
		"backslash":      {`..\evil.txt`: "x"},
		"dot segment":    {"a/../../b": "x"},
		"expands to 60M": {"media/big.png": strings.Repeat("0", 60<<20)},
	} {
		if _, err := ZipFS(zipOf(t, files)); courses.ErrorCode(err) != courses.Invalid {
			t.Errorf("%s: err = %v, want an Invalid error", name, err)
		}
	}
	if _, err := ZipFS([]byte("not a zip")); courses.ErrorCode(err) != courses.Invalid {
		t.Errorf("garbage accepted: %v", err)
	}
}

func TestZipFSTopFolder(t *testing.T) {
	for _, prefix := range []string{"", "mi-curso/"} {
		fsys, err := ZipFS(zipOf(t, sampleFiles(t, prefix)))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := fs.Stat(fsys, "course.yaml"); err != nil {
			t.Errorf("prefix %q: course.yaml not at the root: %v", prefix, err)
		}
	}
}

func TestPublishSignsAndLoadVerifies(t *testing.T) {
	dir := t.TempDir()
	st, err := store.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	key, _ := auth.LoadOrCreateKey(filepath.Join(dir, "center.key"))
	p := &Publisher{Store: st, Key: key, Now: func() time.Time { return time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC) }}
	fsys, _ := ZipFS(zipOf(t, sampleFiles(t, "")))
	v, err := p.Publish(context.Background(), fsys, "sample", "ana")
	if err != nil {
		t.Fatal(err)
	}
	pub := key.Public().(ed25519.PublicKey)
	m, err := protocol.VerifyManifest(v.Manifest, v.Signature, pub)
	if err != nil {
		t.Fatal(err)
	}
	if m.CourseID != "curso-de-prueba" || len(m.Files) != 7 {
		t.Errorf("manifest = %+v", m)
	}
	pkg, err := Load(context.Background(), st, pub, "curso-de-prueba", 1)
	if err != nil || pkg.Course.Quiz == nil || len(pkg.Course.Lessons) != 2 {
		t.Fatalf("Load = %v, %v", pkg, err)
	}
	_, other, _ := ed25519.GenerateKey(nil)
	if _, err := Load(context.Background(), st, other.Public().(ed25519.PublicKey), "curso-de-prueba", 1); err == nil {
		t.Error("a version loaded with another center's key")
	}
	tampered := bytes.Replace(v.Manifest, []byte(`"version":1`), []byte(`"version":9`), 1)
	if _, err := protocol.VerifyManifest(tampered, v.Signature, pub); err == nil {
		t.Error("a tampered manifest verified")
	}
	if _, err := p.Publish(context.Background(), fsys, "sample", "ana"); courses.ErrorCode(err) != courses.Conflict {
		t.Errorf("publishing the same version twice: %v, want a conflict", err)
	}
}

// A zip may hold the same name twice (zip tools append rather than replace): which copy would be
// published is not what the author saw, so such a zip is refused, naming the file.
func TestZipFSRefusesDuplicateEntries(t *testing.T) {
	files := sampleFiles(t, "")
	for name, dup := range map[string]string{
		"same name":           "lessons/01-bienvenida.md",
		"file and folder":     "media/esquema.svg/",
		"after the top level": "course.yaml",
	} {
		var buf bytes.Buffer
		w := zip.NewWriter(&buf)
		for p, body := range files {
			f, _ := w.Create(p)
			f.Write([]byte(body))
		}
		if _, err := w.Create(dup); err != nil {
			t.Fatal(err)
		}
		w.Close()
		_, err := ZipFS(buf.Bytes())
		want := strings.TrimSuffix(dup, "/")
		if courses.ErrorCode(err) != courses.Invalid || !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), "twice") {
			t.Errorf("%s: err = %v, want an Invalid error naming %q twice", name, err, want)
		}
	}
}

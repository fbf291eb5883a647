package cli

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files")

// The linter's problems, in English (the contract's text) and in Spanish (the default).
func TestCourseLintGolden(t *testing.T) {
	for _, lang := range []string{"en", "es"} {
		t.Run(lang, func(t *testing.T) { courseLintGolden(t, lang) })
	}
}

func courseLintGolden(t *testing.T, lang string) {
	t.Setenv("LC_ALL", lang)
	// A copy, so faults that cannot live in git (a huge file, a symbolic link) can be planted.
	dir := filepath.Join(t.TempDir(), "broken")
	if err := os.CopyFS(dir, os.DirFS("testdata/broken")); err != nil {
		t.Fatal(err)
	}
	// A 6 MB image (over the 5 MB media limit), sparse so the test stays fast. (media/ is made
	// here: git keeps no empty folder.)
	if err := os.MkdirAll(filepath.Join(dir, "media"), 0o755); err != nil {
		t.Fatal(err)
	}
	big, err := os.Create(filepath.Join(dir, "media", "foto-enorme.png"))
	if err != nil {
		t.Fatal(err)
	}
	if err := big.Truncate(6 << 20); err != nil {
		t.Fatal(err)
	}
	big.Close()
	if err := os.Symlink("/etc/passwd", filepath.Join(dir, "media", "claves.png")); err != nil {
		t.Fatal(err)
	}

	var stdout, stderr bytes.Buffer
	code := Run([]string{"course", "lint", dir}, &stdout, &stderr)
	if code != 1 {
		t.Fatalf("exit code %d, want 1; stderr:\n%s", code, stderr.String())
	}
	got := strings.ReplaceAll(stdout.String(), dir, "testdata/broken")
	golden := "testdata/broken.golden"
	if lang == "es" {
		golden = "testdata/broken.es.golden"
	}
	if *update {
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if got != string(want) {
		t.Errorf("lint output differs from %s (run go test -update to accept):\n--- got\n%s--- want\n%s", golden, got, want)
	}
	for _, line := range strings.Split(strings.TrimSpace(got), "\n") {
		if parts := strings.SplitN(line, ":", 3); len(parts) < 3 || parts[1] == "" {
			t.Errorf("line %q is not FILE:LINE: message", line)
		}
	}
}

func TestCourseLintSampleIsClean(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if code := Run([]string{"course", "lint", "../../../courses/testdata/sample"}, &stdout, &stderr); code != 0 {
		t.Fatalf("exit code %d on the sample course:\n%s%s", code, stdout.String(), stderr.String())
	}
	if stdout.Len() != 0 {
		t.Errorf("a clean course printed problems:\n%s", stdout.String())
	}
}

func TestCourseLintUsage(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if code := Run([]string{"course", "lint"}, &stdout, &stderr); code != 2 {
		t.Errorf("no paths: exit %d, want 2", code)
	}
	if code := Run([]string{"course", "lint", "no/such/folder"}, &stdout, &stderr); code != 1 {
		t.Errorf("missing folder: exit %d, want 1", code)
	}
	if !strings.Contains(stdout.String(), "no/such/folder:1: not a course folder") {
		t.Errorf("missing folder not reported as FILE:LINE: got %q", stdout.String())
	}
}

// TestCourseLintWarnings: item-writing warnings print as FILE:LINE: warning: message (in the
// user's language), exit 0, and fail only with --strict; --previous adds the reused-id check.
func TestCourseLintWarnings(t *testing.T) {
	t.Setenv("LC_ALL", "es_VE.UTF-8")
	var stdout, stderr bytes.Buffer
	if code := Run([]string{"course", "lint", "--previous", "testdata/previous", "testdata/warned"}, &stdout, &stderr); code != 0 {
		t.Fatalf("warnings only: exit %d, want 0\n%s%s", code, stdout.String(), stderr.String())
	}
	golden := "testdata/warned.golden"
	if *update {
		if err := os.WriteFile(golden, stdout.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if stdout.String() != string(want) {
		t.Errorf("lint output differs from %s (run go test -update to accept):\n--- got\n%s--- want\n%s", golden, stdout.String(), want)
	}
	for _, line := range strings.Split(strings.TrimSpace(stdout.String()), "\n") {
		if parts := strings.SplitN(line, ": warning: ", 2); len(parts) != 2 || strings.Count(parts[0], ":") != 1 {
			t.Errorf("line %q is not FILE:LINE: warning: message", line)
		}
	}
	stdout.Reset()
	if code := Run([]string{"course", "lint", "--strict", "testdata/warned"}, &stdout, &stderr); code != 1 {
		t.Errorf("--strict with warnings: exit %d, want 1", code)
	}
	if code := Run([]string{"course", "lint", "--strict", "../../../courses/catalog/uso-de-la-fuerza"}, &stdout, &stderr); code != 0 {
		t.Errorf("--strict on a starter course: exit %d, want 0\n%s", code, stdout.String())
	}
	if code := Run([]string{"course", "lint", "--bogus", "testdata/warned"}, &stdout, &stderr); code != 2 {
		t.Errorf("unknown flag: exit %d, want 2", code)
	}
}

// TestStarterCoursesStrict: the three starter courses have no item-writing warning.
func TestStarterCoursesStrict(t *testing.T) {
	dirs, _ := filepath.Glob("../../../courses/catalog/*")
	var stdout, stderr bytes.Buffer
	if code := Run(append([]string{"course", "lint", "--strict"}, dirs...), &stdout, &stderr); code != 0 || len(dirs) != 3 {
		t.Errorf("exit %d for %d starter courses:\n%s", code, len(dirs), stdout.String())
	}
}

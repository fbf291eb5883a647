package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"aula/courses/quizedit"
)

// TestCourseGift: a GIFT file becomes DIR/quiz.yaml; a second run appends with fresh ids; what
// cannot be converted is printed as FILE:LINE: message; a file with nothing to import exits 1
// and writes nothing.
func TestCourseGift(t *testing.T) {
	t.Setenv("LC_ALL", "en_US.UTF-8")
	in := "../../../courses/gift/testdata/all.gift"
	dir := filepath.Join(t.TempDir(), "curso")
	for round, want := range []int{13, 26} {
		var stdout, stderr bytes.Buffer
		if code := Run([]string{"course", "gift", "--in", in, "--out", dir}, &stdout, &stderr); code != 0 {
			t.Fatalf("round %d: exit %d\n%s%s", round, code, stdout.String(), stderr.String())
		}
		data, err := os.ReadFile(filepath.Join(dir, "quiz.yaml"))
		if err != nil {
			t.Fatal(err)
		}
		q, err := quizedit.Parse(data)
		if err != nil || len(q.Questions) != want {
			t.Fatalf("round %d: %v, %d questions, want %d", round, err, len(q.Questions), want)
		}
		if !strings.Contains(stdout.String(), in+":50: essay question: Aula does not grade free text; skipped\n") {
			t.Errorf("the essay is not reported as FILE:LINE: message:\n%s", stdout.String())
		}
	}
	essay := filepath.Join(t.TempDir(), "essay.gift")
	os.WriteFile(essay, []byte("Write an essay.{}\n"), 0o644)
	empty := filepath.Join(t.TempDir(), "empty")
	var stdout, stderr bytes.Buffer
	if code := Run([]string{"course", "gift", "--in", essay, "--out", empty}, &stdout, &stderr); code != 1 {
		t.Errorf("nothing to import: exit %d, want 1", code)
	}
	if _, err := os.Stat(filepath.Join(empty, "quiz.yaml")); err == nil {
		t.Error("a quiz.yaml was written although nothing was imported")
	}
	if code := Run([]string{"course", "gift", "--in", essay}, &stdout, &stderr); code != 2 {
		t.Errorf("no --out: exit %d, want 2", code)
	}
}

package coursepkg

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"aula/courses"
)

// Every message id the linter's source names has an English text, and every text is used: the
// apps' catalogs translate MessageIDs, so an id missing there would show untranslated.
func TestMessageIDsRegistered(t *testing.T) {
	ids := MessageIDs()
	used := map[string]bool{}
	quoted := regexp.MustCompile(`"(lint\.[a-z_]+)"`)
	for _, dir := range []string{".", "..", "../markdown"} {
		files, _ := filepath.Glob(filepath.Join(dir, "*.go"))
		for _, f := range files {
			if strings.HasSuffix(f, "_test.go") || strings.HasSuffix(f, "texts.go") || strings.HasSuffix(f, "linkerror.go") {
				continue
			}
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			for _, m := range quoted.FindAllStringSubmatch(string(data), -1) {
				used[m[1]] = true
				if !slices.Contains(ids, m[1]) {
					t.Errorf("%s: message id %q has no English text", f, m[1])
				}
			}
		}
	}
	for _, id := range ids {
		if !used[id] && !strings.HasPrefix(id, "lint.link_") && courses.IssueTexts[id] == "" {
			t.Errorf("message id %q is never used", id)
		}
	}
	if len(used) < 60 {
		t.Errorf("found only %d ids in the source", len(used))
	}
}

// A problem about a question carries the issue as a message of its own, rendered in English.
func TestProblemCarriesID(t *testing.T) {
	got := English("lint.question", "q1", courses.M("lint.single_correct", 2))
	if want := "question q1: a single-choice question needs exactly one correct option (has 2)"; got != want {
		t.Errorf("English = %q, want %q", got, want)
	}
}

package web

import (
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"aula/courses"
	"aula/sync/auth"
)

// The message ids other packages return (roster problems, station checks, weak PINs, text
// checks) are in the catalog: the roster and the command line show them through it.
func TestMessageIDsOfOtherPackages(t *testing.T) {
	t.Parallel()
	ids := []string{auth.PINSameDigit, auth.PINSequence, auth.PINBadge, courses.TextNotUTF8, courses.TextInvisible,
		"roster." + courses.TextNotUTF8, "roster." + courses.TextInvisible}
	files, _ := filepath.Glob("../roster/*.go")
	quoted := regexp.MustCompile(`"((?:roster|v)\.[a-z_.]+)"`)
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range quoted.FindAllStringSubmatch(string(data), -1) {
			ids = append(ids, m[1])
		}
	}
	if len(ids) < 20 {
		t.Fatalf("found only %d ids: %v", len(ids), ids)
	}
	for _, id := range ids {
		if _, ok := messages[id]; !ok {
			t.Errorf("message id %q is not in the catalog", id)
		}
	}
}

package web

import (
	"testing"

	"aula/courses/coursepkg"
)

// Every problem the course linter can report has Spanish and English, the English being the
// linter's own (the text `course lint` prints in English).
func TestLintMessagesInCatalog(t *testing.T) {
	t.Parallel()
	ids := coursepkg.MessageIDs()
	if len(ids) < 80 {
		t.Fatalf("only %d linter message ids", len(ids))
	}
	for _, id := range ids {
		m, ok := messages[id]
		if !ok || m["es"] == "" || m["en"] == "" {
			t.Errorf("linter message %q lacks a translation: %v", id, m)
			continue
		}
		if m["en"] != coursepkg.EnglishText(id) {
			t.Errorf("%s: English %q differs from the linter's %q", id, m["en"], coursepkg.EnglishText(id))
		}
	}
	if got := Message("es", "lint.missing_quiz"); got != "falta quiz.yaml: un curso que emite certificados necesita un cuestionario" {
		t.Errorf("lint.missing_quiz in Spanish = %q", got)
	}
}

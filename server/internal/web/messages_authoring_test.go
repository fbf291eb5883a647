package web

import (
	"testing"

	"aula/courses/itemcheck"
)

// Every item-writing warning the linter and the studio show is translated.
func TestItemCheckMessagesInCatalog(t *testing.T) {
	t.Parallel()
	for _, id := range itemcheck.MessageIDs {
		if _, ok := messages[id]; !ok {
			t.Errorf("message id %q is not in the catalog", id)
		}
	}
}

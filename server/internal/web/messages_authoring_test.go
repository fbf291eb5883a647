package web

import (
	"testing"

	"aula/courses/gift"
	"aula/courses/itemcheck"
)

// Every item-writing warning and GIFT import message the linter, the command line and the studio show is translated.
func TestItemCheckMessagesInCatalog(t *testing.T) {
	t.Parallel()
	for _, id := range append(append([]string{}, itemcheck.MessageIDs...), gift.MessageIDs...) {
		if _, ok := messages[id]; !ok {
			t.Errorf("message id %q is not in the catalog", id)
		}
	}
}

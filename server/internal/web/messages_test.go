package web

import (
	"os"
	"strings"
	"testing"
)

// Every message has Spanish and English, and every message a page or handler uses exists.
func TestMessagesComplete(t *testing.T) {
	t.Parallel()
	if m := messages.Missing(); len(m) > 0 {
		t.Errorf("messages without a translation:\n%s", strings.Join(m, "\n"))
	}
	unknown, err := messages.Unknown(os.DirFS("..")) // every package of the app: pages, handlers, store and service errors
	if err != nil {
		t.Fatal(err)
	}
	if len(unknown) > 0 {
		t.Errorf("message ids used but not in the catalog:\n%s", strings.Join(unknown, "\n"))
	}
}

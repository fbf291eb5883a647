package markdown

import "fmt"

// LinkError is why Resolve refuses a link: a message id (LinkTexts holds its English) and its
// arguments, so the apps can show it in the author's language.
type LinkError struct {
	ID   string
	Args []any
}

// Error returns the message in English.
func (e *LinkError) Error() string { return fmt.Sprintf(LinkTexts[e.ID], e.Args...) }

// LinkTexts are the English texts of the LinkError message ids.
var LinkTexts = map[string]string{
	"lint.link_malformed": "malformed link %q",
	"lint.link_scheme":    "link %q: scheme %q is not allowed (use http, https or a relative path)",
	"lint.link_absolute":  "link %q: absolute paths are not allowed; use a path relative to the lesson",
	"lint.link_no_path":   "link %q has no path",
	"lint.link_escapes":   "link %q escapes the course package",
}

func linkError(id string, args ...any) error { return &LinkError{ID: id, Args: args} }

package courses

import (
	"unicode"
	"unicode/utf8"
)

// Message ids TextProblem returns; each app's catalog translates them.
const (
	TextNotUTF8   = "text.utf8"    // not UTF-8 (often a file saved as Latin-1 / Windows-1252)
	TextInvisible = "text.control" // a control or invisible character
)

// TextProblem is the one check for every name and short text a person types or imports (officer
// names, ranks and badges, station codes and names, usernames, certificate titles, reasons). It
// returns "" when s may be stored and shown, else the message id of what is wrong: TextNotUTF8
// for bytes that are not UTF-8 (or the replacement character U+FFFD that a wrong conversion
// leaves), TextInvisible for control characters (tab, line breaks, escape, NUL) and invisible
// formatting ones (right-to-left overrides, zero-width spaces, soft hyphens), which can make a
// name look like another one, break a CSV or log line, or a terminal.
func TextProblem(s string) string {
	if !utf8.ValidString(s) {
		return TextNotUTF8
	}
	for _, r := range s {
		switch {
		case r == utf8.RuneError:
			return TextNotUTF8
		case unicode.IsControl(r) || unicode.In(r, unicode.Cf, unicode.Co, unicode.Zl, unicode.Zp) || r == 0xFFFE || r == 0xFFFF:
			return TextInvisible
		}
	}
	return ""
}

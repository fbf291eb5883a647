// Package textfold is the one form in which Aula compares names for searching and sorting, on the
// center and on the node: lower case, accents and other combining marks stripped ("Suárez Núñez"
// → "suarez nunez"), so a search finds a name however it is typed and "Álvarez" sorts with the A.
package textfold

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Fold returns s lower-cased with combining marks stripped.
func Fold(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

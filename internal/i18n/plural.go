package i18n

import "fmt"

// Plural forms: a counted message is two catalog entries, id+".one" (exactly one) and
// id+".other" (zero, two and more), so a page says "1 certificado emitido" and "3 certificados
// emitidos" instead of "1 certificado(s) emitido(s)". Spanish and English both use these two forms.
const (
	One   = ".one"
	Other = ".other"
)

// PluralForm returns the catalog suffix for n in lang (One or Other).
func PluralForm(lang string, n int) string {
	if n == 1 {
		return One
	}
	return Other
}

// N returns the counted message id for n in lang: id+".one" or id+".other", formatted with n
// followed by args. A catalog without the forms shows the id (see T), so a gap is visible.
func (c Catalog) N(lang, id string, n int, args ...any) string {
	return c.T(lang, id+PluralForm(lang, n), append([]any{n}, args...)...)
}

// PluralGaps returns the counted ids that have one form but not the other.
func (c Catalog) PluralGaps() []string {
	var out []string
	for id := range c {
		for _, pair := range [][2]string{{One, Other}, {Other, One}} {
			if base, ok := cutSuffix(id, pair[0]); ok {
				if _, has := c[base+pair[1]]; !has {
					out = append(out, fmt.Sprintf("%s lacks %s", id, base+pair[1]))
				}
			}
		}
	}
	return out
}

func cutSuffix(s, suffix string) (string, bool) {
	if len(s) >= len(suffix) && s[len(s)-len(suffix):] == suffix {
		return s[:len(s)-len(suffix)], true
	}
	return s, false
}

package gift

import (
	"strings"
	"unicode"
)

var accents = strings.NewReplacer("á", "a", "à", "a", "â", "a", "ä", "a", "ã", "a", "é", "e", "è", "e", "ê", "e", "ë", "e",
	"í", "i", "ì", "i", "î", "i", "ï", "i", "ó", "o", "ò", "o", "ô", "o", "ö", "o", "õ", "o", "ú", "u", "ù", "u", "û", "u",
	"ü", "u", "ñ", "n", "ç", "c")

// slug makes a question id from the title, else from the first words of the question:
// lowercase letters, digits and dashes, at most 60 characters ("pregunta" when nothing is left).
func slug(title, prompt string) string {
	src := title
	if strings.TrimSpace(src) == "" {
		words := strings.Fields(prompt)
		src = strings.Join(words[:min(len(words), 6)], " ")
	}
	var b strings.Builder
	dash := false
	for _, r := range accents.Replace(strings.ToLower(src)) {
		switch {
		case r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		default:
			dash = true
		}
		if b.Len() >= 60 {
			break
		}
	}
	if b.Len() == 0 {
		return "pregunta"
	}
	return strings.TrimRight(b.String(), "-")
}

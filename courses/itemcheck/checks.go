package itemcheck

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"aula/courses"
)

// longestCorrect warns at each single-choice question whose correct option is strictly the
// longest, when that is so in most (more than half) of the quiz's single-choice questions.
func (c *checker) longestCorrect() {
	var hits []*courses.Question
	singles := 0
	for i := range c.in.Quiz.Questions {
		q := &c.in.Quiz.Questions[i]
		if q.Type != courses.Single || len(q.Options) < 2 {
			continue
		}
		singles++
		right, longestOther := -1, -1
		for _, o := range q.Options {
			n := utf8.RuneCountInString(strings.TrimSpace(c.text(o.Text)))
			if o.Correct {
				right = max(right, n)
			} else {
				longestOther = max(longestOther, n)
			}
		}
		if right > longestOther && longestOther >= 0 {
			hits = append(hits, q)
		}
	}
	if 2*len(hits) <= singles {
		return
	}
	for _, q := range hits {
		c.atQuestion(q, "options", LongestCorrect, len(hits), singles)
	}
}

// trueFalseBalance warns when four or more true/false questions have at least 80% the same
// answer: a learner who always answers the same scores well.
func (c *checker) trueFalseBalance() {
	yes, n := 0, 0
	for _, q := range c.in.Quiz.Questions {
		if q.Type == courses.TrueFalse && q.Answer != nil {
			n++
			if *q.Answer {
				yes++
			}
		}
	}
	if n < 4 {
		return
	}
	line := c.in.Lines.Setting("questions")
	switch {
	case 5*yes >= 4*n:
		c.add("", "questions", line, TrueFalseAllTrue, yes, n)
	case 5*(n-yes) >= 4*n:
		c.add("", "questions", line, TrueFalseAllFalse, n-yes, n)
	}
}

func (c *checker) drawOverPool() {
	if q := c.in.Quiz; q.Draw > len(q.Questions) {
		c.add("", "draw", c.in.Lines.Setting("draw"), DrawOverPool, q.Draw, len(q.Questions))
	}
}

var allNone = regexp.MustCompile(`\b(todas|ninguna|todos|ninguno) (de )?(las|los) (opciones |respuestas )?anteriores\b|\b(all|none|both|neither) of the (above|previous)\b`)

// allNoneOfTheAbove warns at an option reading "todas/ninguna de las anteriores" or "all/none
// of the above", in any language.
func (c *checker) allNoneOfTheAbove(q *courses.Question) {
	if q.Type != courses.Single && q.Type != courses.Multiple {
		return
	}
	for i, o := range q.Options {
		for _, s := range o.Text {
			if allNone.MatchString(fold(s)) {
				c.add(q.ID, "options", c.in.Lines.Option(q.ID, i), AllNoneOfTheAbove, i+1)
				break
			}
		}
	}
}

// negatives are the words that make a stem negative, folded (lower case, no accents).
var negatives = []string{"no", "nunca", "jamas", "excepto", "salvo", "not", "never", "except", "cannot"}

// negativeStem warns when the question sentence of a single- or multiple-choice prompt (the
// last ¿…? or …? sentence, else the last sentence) holds a negative word in lower case and not
// in **bold** or _italics_: "¿Cuál no…" is misread as "¿Cuál…"; "¿Cuál NO…" is not.
func (c *checker) negativeStem(q *courses.Question) {
	if q.Type != courses.Single && q.Type != courses.Multiple {
		return
	}
	for _, lang := range sortedLangs(q.Prompt) {
		if w := unemphasizedNegative(stem(q.Prompt[lang])); w != "" {
			c.atQuestion(q, "prompt", NegativeStem, w)
			return
		}
	}
}

// stem returns the sentence that asks the question.
func stem(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.LastIndex(s, "¿"); i >= 0 {
		return s[i:]
	}
	end := len(s)
	if i := strings.LastIndex(s, "?"); i >= 0 {
		end = i
	}
	start := strings.LastIndexAny(strings.TrimRight(s[:end], ".!:"), ".!:\n")
	return s[start+1 : end]
}

// unemphasizedNegative returns the first negative word of s written in lower case outside
// emphasis, or "".
func unemphasizedNegative(s string) string {
	emph := false
	words := strings.FieldsFunc(s, func(r rune) bool {
		return !unicode.IsLetter(r) && r != '*' && r != '_' && r != '\''
	})
	for _, w := range words {
		open := strings.HasPrefix(w, "**") || strings.HasPrefix(w, "_") || strings.HasPrefix(w, "*")
		closeW := strings.HasSuffix(w, "**") || strings.HasSuffix(w, "_") || strings.HasSuffix(w, "*")
		bare := strings.Trim(w, "*_")
		inEmph := emph || open
		if open && !closeW {
			emph = true
		}
		if closeW && !open {
			emph = false
		}
		folded := fold(bare)
		neg := slices.Contains(negatives, folded) || strings.HasSuffix(folded, "n't")
		if neg && !inEmph && bare != strings.ToUpper(bare) {
			return bare
		}
	}
	return ""
}

// explanation warns at a question with no explanation: who gets it wrong does not learn why.
func (c *checker) explanation(q *courses.Question) {
	if strings.TrimSpace(strings.Join(values(q.Explanation), "")) == "" {
		c.atQuestion(q, "explanation", NoExplanation)
	}
}

// translations warns, per field of a question, for each language of the course (or used
// anywhere in the quiz) that the field has no text in.
func (c *checker) translations(q *courses.Question) {
	langs := c.languages()
	var opts, pairs []courses.Text
	for _, o := range q.Options {
		opts = append(opts, o.Text)
		opts = append(opts, nonEmpty(o.Feedback)...)
	}
	for _, p := range q.Pairs {
		pairs = append(pairs, p.Left, p.Right)
	}
	fields := []field{{"prompt", []courses.Text{q.Prompt}}, {"explanation", nonEmpty(q.Explanation)},
		{"options", opts}, {"pairs", pairs}, {"items", q.Items}, {"accept", q.Accept}}
	for _, f := range fields {
		for _, l := range langs {
			if slices.ContainsFunc(f.texts, func(t courses.Text) bool { return strings.TrimSpace(t[l]) == "" }) {
				c.atQuestion(q, f.name, MissingTranslation, f.name, l)
			}
		}
	}
}

// field is a question field's name and its texts.
type field struct {
	name  string
	texts []courses.Text
}

// languages are the course's languages and every language some text of the quiz is in.
func (c *checker) languages() []string {
	set := append([]string{c.in.Language}, c.in.Languages...)
	use := func(t courses.Text) {
		for l, s := range t {
			if strings.TrimSpace(s) != "" {
				set = append(set, l)
			}
		}
	}
	for _, q := range c.in.Quiz.Questions {
		use(q.Prompt)
		use(q.Explanation)
		for _, o := range q.Options {
			use(o.Text)
		}
	}
	slices.Sort(set)
	return slices.Compact(set)
}

func nonEmpty(t courses.Text) []courses.Text {
	if len(t) == 0 {
		return nil
	}
	return []courses.Text{t}
}

func values(t courses.Text) []string {
	out := make([]string, 0, len(t))
	for _, s := range t {
		out = append(out, s)
	}
	return out
}

func sortedLangs(t courses.Text) []string {
	out := make([]string, 0, len(t))
	for l := range t {
		out = append(out, l)
	}
	slices.Sort(out)
	return out
}

// fold lowers s and removes the Spanish accents, so "Ningúna" matches "ninguna".
func fold(s string) string {
	return strings.NewReplacer("á", "a", "é", "e", "í", "i", "ó", "o", "ú", "u", "ü", "u", "’", "'").Replace(strings.ToLower(s))
}

// Package gift imports Moodle's GIFT question format into a course quiz (courses/quizedit).
//
// GIFT has one language: every text goes into Spanish (es) and the English text is left out, so
// the course's linter (and the item-writing check for missing translations) asks for it. What
// Aula cannot represent — essays, descriptions, missing-word questions with the blank inside the
// sentence, partial-credit weights in a single-answer question, several different right numbers
// — is never guessed: it is listed by line in the skipped list, as are categories. docs/gift.md
// gives the mapping.
package gift

import (
	"bytes"
	"strings"
	"unicode/utf8"

	"aula/courses/quizedit"
)

// Skipped is a part of the GIFT text that was not imported, or a note on a question imported
// without part of it. ID is a message id (the apps' catalogs translate it) with its Args.
type Skipped struct {
	Line int
	ID   string
	Args []any
}

// Text formats the message with a translator (such as a catalog's T for one language).
func (s Skipped) Text(t func(id string, args ...any) string) string { return t(s.ID, s.Args...) }

// Message ids of Skipped.
const (
	MsgCategory     = "gift.category"      // args: category
	MsgDescription  = "gift.description"   // no args
	MsgEssay        = "gift.essay"         // no args
	MsgMissingWord  = "gift.missing_word"  // no args
	MsgPartial      = "gift.partial"       // no args: partial credit in a single-answer question
	MsgUnequal      = "gift.unequal"       // no args: multiple answers with unequal weights
	MsgSeveralRight = "gift.several_right" // no args: more than one right answer in a single-answer question
	MsgDropped      = "gift.dropped"       // args: what was left out (an answer text)
	MsgFeedbackLost = "gift.feedback_lost" // no args: per-answer feedback Aula cannot show for this type
	MsgUnclosed     = "gift.unclosed"      // no args: { without }
	MsgBadAnswer    = "gift.bad_answer"    // args: the answer part as written
	MsgNotUTF8      = "gift.not_utf8"      // no args
	MsgTooFew       = "gift.too_few"       // args: type
	MsgNumber       = "gift.number"        // args: the text that is not a number
	MsgInvalid      = "gift.invalid"       // args: the problem
)

// MessageIDs lists every message id Import returns (the catalogs test they translate each).
var MessageIDs = []string{MsgCategory, MsgDescription, MsgEssay, MsgMissingWord, MsgPartial, MsgUnequal,
	MsgSeveralRight, MsgDropped, MsgFeedbackLost, MsgUnclosed, MsgBadAnswer, MsgNotUTF8, MsgTooFew, MsgNumber, MsgInvalid}

// MaxSize is the largest GIFT text Import reads (a quiz.yaml is at most 1 MiB).
const MaxSize = 1 << 20

// Import appends the questions of a GIFT text to the quiz and returns how many it imported and
// what it skipped, by line. Question ids come from the ::title:: (else the first words of the
// question), as a slug, made unique in the quiz. It never fails: a text that is not GIFT at all
// comes back as skipped lines.
func Import(text []byte, into *quizedit.Quiz) (imported int, skipped []Skipped) {
	if len(text) > MaxSize {
		return 0, []Skipped{{Line: 1, ID: MsgInvalid, Args: []any{"more than 1 MiB"}}}
	}
	text = bytes.TrimPrefix(text, []byte("\xef\xbb\xbf"))
	for _, b := range blocks(string(text)) {
		q, notes := b.parse()
		if q != nil {
			q.ID = into.FreeID(q.ID)
			if err := into.Add(*q); err == nil {
				imported++
			}
		}
		skipped = append(skipped, notes...)
	}
	return imported, skipped
}

// block is one question's lines: consecutive lines that are not blank, comments removed.
type block struct {
	line  int // first line of the question's own text
	lines []string
}

// blocks splits the text at blank lines; comment lines (//) go with the question they precede.
// $CATEGORY lines are blocks of their own.
func blocks(text string) []block {
	text = strings.ReplaceAll(strings.ReplaceAll(text, "\r\n", "\n"), "\r", "\n")
	var out []block
	cur := block{}
	flush := func() {
		if len(cur.lines) > 0 {
			out = append(out, cur)
		}
		cur = block{}
	}
	for i, l := range strings.Split(text, "\n") {
		t := strings.TrimSpace(l)
		switch {
		case t == "":
			flush()
		case strings.HasPrefix(t, "//"):
			// a comment (Moodle writes // [id:…] and // [tag:…] before a question): ignored
		case strings.HasPrefix(t, "$CATEGORY:"):
			flush()
			out = append(out, block{line: i + 1, lines: []string{t}})
		default:
			if len(cur.lines) == 0 {
				cur.line = i + 1
			}
			cur.lines = append(cur.lines, l)
		}
	}
	flush()
	return out
}

func (b block) skip(id string, args ...any) []Skipped {
	return []Skipped{{Line: b.line, ID: id, Args: args}}
}

// parse turns a block into a question, or says why it cannot.
func (b block) parse() (*questionOut, []Skipped) {
	src := strings.Join(b.lines, "\n")
	if !utf8.ValidString(src) {
		return nil, b.skip(MsgNotUTF8)
	}
	if c, ok := strings.CutPrefix(src, "$CATEGORY:"); ok {
		return nil, b.skip(MsgCategory, strings.TrimSpace(c))
	}
	p := &parser{b: b}
	return p.question(src)
}

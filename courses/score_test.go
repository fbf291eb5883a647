package courses

import (
	"encoding/json"
	"fmt"
	"math"
	"testing"
)

func ptr[T any](v T) *T { return &v }

func tx(s string) Text { return Text{"es": s, "en": s} }

// testQuiz has one question of every type, in a fixed order (no shuffle, no draw).
func testQuiz() *Quiz {
	return &Quiz{PassMark: 70, Review: ReviewAnswers, Questions: []Question{
		{ID: "s", Type: Single, Points: 1, Prompt: tx("single"), Options: []Option{
			{Text: tx("right"), Correct: true}, {Text: tx("wrong1")}, {Text: tx("wrong2")}}},
		{ID: "m", Type: Multiple, Points: 2, Prompt: tx("multiple"), Options: []Option{
			{Text: tx("a"), Correct: true}, {Text: tx("b")}, {Text: tx("c"), Correct: true}, {Text: tx("d")}}},
		{ID: "tf", Type: TrueFalse, Points: 1, Prompt: tx("tf"), Answer: ptr(false)},
		{ID: "mt", Type: Matching, Points: 1, Prompt: tx("matching"), Pairs: []Pair{
			{tx("L0"), tx("R0")}, {tx("L1"), tx("R1")}, {tx("L2"), tx("R2")}, {tx("L3"), tx("R3")}}},
		{ID: "o", Type: Ordering, Points: 1, Prompt: tx("ordering"), Items: []Text{tx("I0"), tx("I1"), tx("I2"), tx("I3")}},
		{ID: "sh", Type: Short, Points: 1, Prompt: tx("short"), Accept: []Text{{"es": "48 horas", "en": "48 hours"}, tx("cuarenta y ocho")}},
		{ID: "n", Type: Numeric, Points: 1, Prompt: tx("numeric"), Value: ptr(48.0), Tolerance: 0.5},
	}}
}

// choiceID finds the opaque id of the choice whose text (in es) is text.
func choiceID(t *testing.T, cs []Choice, text string) string {
	t.Helper()
	for _, c := range cs {
		if c.Text["es"] == text {
			return c.ID
		}
	}
	t.Fatalf("no choice %q", text)
	return ""
}

// q finds the paper question built from the testQuiz question id.
func q(p *Paper, id string) *PaperQuestion {
	quiz := testQuiz()
	for i := range p.Questions {
		if p.Questions[i].QuestionID(quiz) == id {
			return &p.Questions[i]
		}
	}
	return nil
}

func TestScoreEachType(t *testing.T) {
	quiz := testQuiz()
	p := BuildPaper(quiz, "attempt-1/secret")
	s, m, mt, o := q(p, "s"), q(p, "m"), q(p, "mt"), q(p, "o")
	opt := func(pq *PaperQuestion, text string) string { return choiceID(t, pq.Options, text) }
	item := func(text string) string { return choiceID(t, o.Items, text) }
	left := func(text string) string { return choiceID(t, mt.Left, text) }
	right := func(text string) string { return choiceID(t, mt.Right, text) }
	js := func(v any) json.RawMessage { b, _ := json.Marshal(v); return b }

	cases := []struct {
		name   string
		qid    string
		resp   json.RawMessage
		credit float64
	}{
		{"single right", "s", js(opt(s, "right")), 1},
		{"single wrong", "s", js(opt(s, "wrong1")), 0},
		{"single unknown id", "s", js("zzzz"), 0},
		{"single id of another question", "s", js(opt(m, "a")), 0},
		{"single wrong type", "s", js([]string{opt(s, "right")}), 0},
		{"single empty", "s", js(""), 0},
		{"multiple all right", "m", js([]string{opt(m, "a"), opt(m, "c")}), 1},
		{"multiple half", "m", js([]string{opt(m, "a")}), 0.5},
		{"multiple right and wrong", "m", js([]string{opt(m, "a"), opt(m, "b")}), 0},
		{"multiple floored at zero", "m", js([]string{opt(m, "b"), opt(m, "d")}), 0},
		{"multiple two right one wrong", "m", js([]string{opt(m, "a"), opt(m, "c"), opt(m, "d")}), 0.5},
		{"multiple everything", "m", js([]string{opt(m, "a"), opt(m, "b"), opt(m, "c"), opt(m, "d")}), 0},
		{"multiple empty list", "m", js([]string{}), 0},
		{"multiple duplicate ids", "m", js([]string{opt(m, "a"), opt(m, "a")}), 0},
		{"multiple unknown id", "m", js([]string{opt(m, "a"), "nope"}), 0},
		{"multiple wrong type", "m", js(opt(m, "a")), 0},
		{"true_false right", "tf", js(false), 1},
		{"true_false wrong", "tf", js(true), 0},
		{"true_false string", "tf", js("false"), 0},
		{"matching all", "mt", js(map[string]string{left("L0"): right("R0"), left("L1"): right("R1"), left("L2"): right("R2"), left("L3"): right("R3")}), 1},
		{"matching half", "mt", js(map[string]string{left("L0"): right("R0"), left("L1"): right("R1"), left("L2"): right("R3"), left("L3"): right("R2")}), 0.5},
		{"matching partial answer", "mt", js(map[string]string{left("L0"): right("R0")}), 0.25},
		{"matching left and right swapped", "mt", js(map[string]string{right("R0"): left("L0")}), 0},
		{"matching unknown id", "mt", js(map[string]string{left("L0"): "nope"}), 0},
		{"matching wrong type", "mt", js([]string{left("L0")}), 0},
		{"ordering right", "o", js([]string{item("I0"), item("I1"), item("I2"), item("I3")}), 1},
		{"ordering reversed", "o", js([]string{item("I3"), item("I2"), item("I1"), item("I0")}), 0},
		{"ordering one moved to the end", "o", js([]string{item("I1"), item("I2"), item("I3"), item("I0")}), 2.0 / 3},
		{"ordering two swapped", "o", js([]string{item("I0"), item("I2"), item("I1"), item("I3")}), 2.0 / 3},
		{"ordering missing item", "o", js([]string{item("I0"), item("I1"), item("I2")}), 0},
		{"ordering duplicate item", "o", js([]string{item("I0"), item("I0"), item("I1"), item("I2")}), 0},
		{"short exact", "sh", js("48 horas"), 1},
		{"short other language", "sh", js("48 hours"), 1},
		{"short case accents spaces punctuation", "sh", js("  CUARÉNTA   y  ocho. "), 1},
		{"short question marks", "sh", js("¿48 Horas?"), 1},
		{"short wrong", "sh", js("24 horas"), 0},
		{"short number type", "sh", js(48), 0},
		{"numeric exact", "n", js(48), 1},
		{"numeric within tolerance", "n", js(48.4), 1},
		{"numeric outside tolerance", "n", js(49), 0},
		{"numeric as string", "n", js("48"), 0},
		{"numeric as bool", "n", js(true), 0},
		{"null response", "n", json.RawMessage("null"), 0},
		{"malformed JSON", "n", json.RawMessage("{"), 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			pq := q(p, c.qid)
			r := Score(quiz, p, map[string]json.RawMessage{pq.ID: c.resp})
			var got float64
			for _, qr := range r.Questions {
				if qr.PaperID == pq.ID {
					got = qr.Credit
				} else if qr.Credit != 0 {
					t.Errorf("question %s got credit %v without a response", qr.QuestionID, qr.Credit)
				}
			}
			if math.Abs(got-c.credit) > 1e-9 {
				t.Errorf("credit %v, want %v", got, c.credit)
			}
		})
	}
}

func TestScoreTotalsAndPassMark(t *testing.T) {
	quiz := testQuiz()
	p := BuildPaper(quiz, "attempt-2/secret")
	r := Score(quiz, p, nil)
	if r.Score != 0 || r.Passed || r.Possible != 8 {
		t.Fatalf("empty responses: %+v", r)
	}
	// Right answers to single (1), multiple (2), true_false (1), numeric (1), short (1): 6 of 8 = 75%.
	s, m := q(p, "s"), q(p, "m")
	resp := map[string]json.RawMessage{
		s.ID:          json.RawMessage(fmt.Sprintf("%q", choiceID(t, s.Options, "right"))),
		m.ID:          json.RawMessage(fmt.Sprintf("[%q,%q]", choiceID(t, m.Options, "a"), choiceID(t, m.Options, "c"))),
		q(p, "tf").ID: json.RawMessage("false"),
		q(p, "n").ID:  json.RawMessage("48"),
		q(p, "sh").ID: json.RawMessage(`"48"`),
	}
	r = Score(quiz, p, resp)
	if r.Score != 62.5 || r.Passed {
		t.Errorf("short answer \"48\" is not accepted: want 62.5%% not passed, got %v %v", r.Score, r.Passed)
	}
	resp[q(p, "sh").ID] = json.RawMessage(`"48 horas"`)
	r = Score(quiz, p, resp)
	if r.Score != 75 || !r.Passed {
		t.Errorf("want 75%% passed (pass mark 70), got %v %v", r.Score, r.Passed)
	}
	quiz.PassMark = 76
	if Score(quiz, p, resp).Passed {
		t.Error("75% passed a 76% pass mark")
	}
	quiz.PassMark = 75
	if !Score(quiz, p, resp).Passed {
		t.Error("75% did not pass a 75% pass mark (passed means score >= pass mark)")
	}
}

func TestNormalizeAnswer(t *testing.T) {
	for in, want := range map[string]string{
		"  Cuarenta  y   OCHO ": "cuarenta y ocho",
		"¿Policía?":             "policia",
		"Niño.":                 "nino",
		"":                      "",
		"...":                   "",
		"48 h":                  "48 h",
	} {
		if got := NormalizeAnswer(in); got != want {
			t.Errorf("NormalizeAnswer(%q) = %q, want %q", in, got, want)
		}
	}
}

package itemcheck

import (
	"fmt"
	"strings"
	"testing"

	"aula/courses"
	"aula/courses/quizedit"
)

func es(s string) courses.Text { return courses.Text{"es": s} }

func opt(text string, correct bool) courses.Option {
	return courses.Option{Text: es(text), Correct: correct}
}

// single is a single-choice question with an explanation; the first option is correct.
func single(id, prompt string, options ...string) courses.Question {
	q := courses.Question{ID: id, Type: courses.Single, Points: 1, Prompt: es(prompt), Explanation: es("Porque sí.")}
	for i, o := range options {
		q.Options = append(q.Options, opt(o, i == 0))
	}
	return q
}

func truefalse(id string, answer bool) courses.Question {
	return courses.Question{ID: id, Type: courses.TrueFalse, Points: 1, Prompt: es("Afirmación " + id), Explanation: es("Porque sí."), Answer: &answer}
}

func quiz(qs ...courses.Question) *courses.Quiz {
	return &courses.Quiz{PassMark: 70, Review: courses.ReviewScore, Questions: qs}
}

// found lists the problems as "question/field id args".
func found(ps []Problem) string {
	var out []string
	for _, p := range ps {
		out = append(out, fmt.Sprintf("%s/%s %s %v", p.Question, p.Field, p.ID, p.Args))
	}
	return strings.Join(out, "; ")
}

func TestChecks(t *testing.T) {
	yes := true
	prev := quiz(single("a", "¿Qué?", "Uno", "Dos"), truefalse("b", true), single("c", "¿Qué?", "Uno", "Dos"))
	for _, tc := range []struct {
		name string
		in   Input
		want string // "" = no warning
	}{
		{"longest correct in most", Input{Quiz: quiz(
			single("a", "¿Qué?", "La respuesta larga y correcta", "Corta", "Breve"),
			single("b", "¿Qué?", "Otra respuesta bien larga", "No", "Tal vez"),
			single("c", "¿Qué?", "Sí", "Una distracción muy larga"))},
			"a/options item.longest_correct [2 3]; b/options item.longest_correct [2 3]"},
		{"longest correct in half only: no warning", Input{Quiz: quiz(
			single("a", "¿Qué?", "La respuesta larga y correcta", "Corta"),
			single("c", "¿Qué?", "Sí", "Una distracción muy larga"))}, ""},
		{"true/false nearly all true", Input{Quiz: quiz(truefalse("a", true), truefalse("b", true), truefalse("c", true), truefalse("d", true), truefalse("e", false))},
			"/questions item.true_false_true [4 5]"},
		{"true/false all false", Input{Quiz: quiz(truefalse("a", false), truefalse("b", false), truefalse("c", false), truefalse("d", false))},
			"/questions item.true_false_false [4 4]"},
		{"true/false balanced: no warning", Input{Quiz: quiz(truefalse("a", true), truefalse("b", false), truefalse("c", true), truefalse("d", true))}, ""},
		{"todas las anteriores", Input{Quiz: quiz(single("a", "¿Qué?", "Uno", "Todas las anteriores", "Dos"))}, "a/options item.all_none_above [2]"},
		{"none of the above, English text", Input{Quiz: quiz(courses.Question{ID: "a", Type: courses.Multiple, Points: 1, Prompt: courses.Text{"es": "¿Qué?", "en": "What?"}, Explanation: courses.Text{"es": "x", "en": "x"},
			Options: []courses.Option{{Text: courses.Text{"es": "Uno", "en": "One"}, Correct: true}, {Text: courses.Text{"es": "Ningúna de las anteriores", "en": "None of the above"}}}})},
			"a/options item.all_none_above [2]"},
		{"anteriores in another sense: no warning", Input{Quiz: quiz(single("a", "¿Qué?", "Uno", "Las leyes anteriores a 1999"))}, ""},
		{"negative stem in lower case", Input{Quiz: quiz(single("a", "Un hombre huye. ¿Cuál de estas acciones no es correcta?", "Uno", "Dos"))},
			"a/prompt item.negative_stem [no]"},
		{"English negative stem", Input{Quiz: quiz(single("a", "Which of these is not allowed?", "One", "Two"))}, "a/prompt item.negative_stem [not]"},
		{"NO in capitals: no warning", Input{Quiz: quiz(single("a", "¿Cuál de estas acciones NO es correcta?", "Uno", "Dos"))}, ""},
		{"**no** in bold: no warning", Input{Quiz: quiz(single("a", "¿Cuál de estas acciones **no** es correcta?", "Uno", "Dos"))}, ""},
		{"no in the scenario, not the stem: no warning", Input{Quiz: quiz(single("a", "El joven no obedece. ¿Puede disparar?", "Uno", "Dos"))}, ""},
		{"no explanation", Input{Quiz: quiz(courses.Question{ID: "a", Type: courses.TrueFalse, Points: 1, Prompt: es("x"), Answer: &yes})},
			"a/explanation item.no_explanation []"},
		{"missing English", Input{Languages: []string{"es", "en"}, Quiz: quiz(courses.Question{ID: "a", Type: courses.Single, Points: 1,
			Prompt: courses.Text{"es": "¿Qué?", "en": "What?"}, Explanation: courses.Text{"es": "x", "en": "x"},
			Options: []courses.Option{{Text: courses.Text{"es": "Uno", "en": "One"}, Correct: true}, {Text: es("Dos")}}})},
			"a/options item.missing_translation [options en]"},
		{"a Spanish-only course: no warning", Input{Languages: []string{"es"}, Quiz: quiz(single("a", "¿Qué?", "Uno", "Dos"))}, ""},
		{"draw over the pool", Input{Quiz: &courses.Quiz{PassMark: 50, Draw: 3, Questions: []courses.Question{truefalse("a", true)}}}, "/draw item.draw_over_pool [3 1]"},
		{"draw equal to the pool: no warning", Input{Quiz: &courses.Quiz{PassMark: 50, Draw: 1, Questions: []courses.Question{truefalse("a", true)}}}, ""},
		{"id reused with changed meaning", Input{Previous: prev, PreviousVersion: 4, Quiz: quiz(
			single("a", "¿Qué?", "Dos", "Uno"), // the other option is now correct
			courses.Question{ID: "b", Type: courses.Short, Points: 1, Prompt: es("x"), Explanation: es("x"), Accept: []courses.Text{es("x")}},
			single("c", "¿Qué?", "Uno", "Tres"))},
			"a/id item.id_answer_changed [a 4]; b/type item.id_type_changed [b true_false short]; c/options item.id_options_changed [c 4]"},
		{"id kept with the same meaning, options reordered and reworded in case: no warning", Input{Previous: prev, PreviousVersion: 4, Quiz: quiz(
			courses.Question{ID: "a", Type: courses.Single, Points: 2, Prompt: es("¿Qué cosa?"), Explanation: es("x"), Options: []courses.Option{opt("dos", false), opt("UNO ", true)}},
			truefalse("b", true))}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tc.in.File = "quiz.yaml"
			if got := found(Check(tc.in)); got != tc.want {
				t.Errorf("got  %s\nwant %s", got, tc.want)
			}
		})
	}
}

// TestLines: problems point at the line of the field in quiz.yaml.
func TestLines(t *testing.T) {
	src := "pass_mark: 50\ndraw: 4\nquestions:\n  - id: a\n    type: single\n    prompt: \"¿Cuál no vale?\"\n    options:\n      - {text: \"Uno\", correct: true}\n      - {text: \"Ninguna de las anteriores\", correct: false}\n    explanation: \"x\"\n"
	q, err := quizedit.Parse([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range Check(Input{File: "c/quiz.yaml", Quiz: &q.Quiz, Lines: q.Lines}) {
		got = append(got, fmt.Sprintf("%s:%d: %s %s", p.File, p.Line, p.Severity, p.ID))
	}
	want := "c/quiz.yaml:2: warning item.draw_over_pool, c/quiz.yaml:6: warning item.negative_stem, c/quiz.yaml:9: warning item.all_none_above"
	if strings.Join(got, ", ") != want {
		t.Errorf("got  %s\nwant %s", strings.Join(got, ", "), want)
	}
}

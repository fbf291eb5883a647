package courses

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"testing"
)

func TestBuildPaperIsDeterministic(t *testing.T) {
	quiz := testQuiz()
	quiz.Shuffle = true
	quiz.Draw = 5
	a, b := BuildPaper(quiz, "a/1"), BuildPaper(quiz, "a/1")
	if !reflect.DeepEqual(a, b) {
		t.Fatal("the same seed built two different papers")
	}
	if len(a.Questions) != 5 {
		t.Fatalf("drew %d questions, want 5", len(a.Questions))
	}
	seen := map[string]bool{}
	for _, pq := range a.Questions {
		if seen[pq.ID] {
			t.Fatalf("question drawn twice: %s", pq.ID)
		}
		seen[pq.ID] = true
	}
	// Different seeds give different papers (draw or order): over 20 seeds, at least 2 distinct.
	distinct := map[string]bool{}
	for i := range 20 {
		var ids []string
		for _, pq := range BuildPaper(quiz, fmt.Sprintf("x/%d", i+1)).Questions {
			ids = append(ids, pq.QuestionID(quiz))
		}
		distinct[strings.Join(ids, ",")] = true
	}
	if len(distinct) < 2 {
		t.Error("twenty seeds gave the same paper: questions are not drawn per attempt")
	}
}

func TestBuildPaperWithoutShuffleKeepsOrder(t *testing.T) {
	quiz := testQuiz()
	p := BuildPaper(quiz, "seed")
	for i, pq := range p.Questions {
		if pq.QuestionID(quiz) != quiz.Questions[i].ID {
			t.Fatalf("question %d is %s, want %s", i, pq.QuestionID(quiz), quiz.Questions[i].ID)
		}
	}
	s := q(p, "s")
	if s.Options[0].Text["es"] != "right" {
		t.Error("options were shuffled although shuffle is false")
	}
}

// Ordering items and the right column of matching are always shuffled: in the authored order they
// would be the answer. Over many seeds, the authored order must not always come back.
func TestOrderingAndMatchingAlwaysShuffled(t *testing.T) {
	quiz := testQuiz()
	authoredItems, authoredRight := 0, 0
	for i := range 50 {
		p := BuildPaper(quiz, "s/"+string(rune('a'+i%26))+string(rune('a'+i/26)))
		o, mt := q(p, "o"), q(p, "mt")
		if o.Items[0].Text["es"] == "I0" && o.Items[1].Text["es"] == "I1" && o.Items[2].Text["es"] == "I2" {
			authoredItems++
		}
		if mt.Right[0].Text["es"] == "R0" && mt.Right[1].Text["es"] == "R1" && mt.Right[2].Text["es"] == "R2" {
			authoredRight++
		}
	}
	if authoredItems > 10 || authoredRight > 10 {
		t.Errorf("authored order shown in %d/50 ordering and %d/50 matching papers", authoredItems, authoredRight)
	}
}

// The serialized paper carries no answer data: no correct flags, accepted answers, values,
// explanations or feedback, and ids that do not reveal positions.
func TestPaperViewHasNoAnswers(t *testing.T) {
	quiz := testQuiz()
	quiz.Questions[0].Explanation = tx("EXPLANATION-TEXT")
	quiz.Questions[0].Options[1].Feedback = tx("FEEDBACK-TEXT")
	p := BuildPaper(quiz, "attempt/secret")
	data, err := json.Marshal(p.View("es", "es"))
	if err != nil {
		t.Fatal(err)
	}
	s := string(data)
	for _, bad := range []string{"correct", "accept", "explanation", "feedback", "answer", "value", "tolerance",
		"EXPLANATION-TEXT", "FEEDBACK-TEXT", "48 horas", "cuarenta", `"48`, "pairs"} {
		if strings.Contains(s, bad) {
			t.Errorf("paper JSON contains %q: %s", bad, s)
		}
	}
	for _, pq := range p.Questions {
		for _, c := range append(append(pq.Options, pq.Items...), append(pq.Left, pq.Right...)...) {
			if len(c.ID) != 12 || strings.ContainsAny(c.ID, "0189") {
				t.Errorf("choice id %q is not an opaque 12-character id", c.ID)
			}
		}
	}
}

func TestDrawCount(t *testing.T) {
	quiz := testQuiz()
	for draw, want := range map[int]int{0: 7, 3: 3, 7: 7, 9: 7} {
		quiz.Draw = draw
		if got := len(BuildPaper(quiz, "x").Questions); got != want {
			t.Errorf("draw %d: %d questions, want %d", draw, got, want)
		}
	}
}

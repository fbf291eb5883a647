package web

import (
	"encoding/json"
	"strconv"
	"strings"

	"aula/courses"
)

// reviewItem is one question on the results page when the quiz shows answers.
type reviewItem struct {
	Prompt      string
	Type        string
	Yours       string
	Right       string
	Credit      float64
	Explanation string
	Feedback    []string
}

// buildReview explains each question of a finished attempt in lang: the officer's answer, the
// right answer, the credit, the explanation and the feedback on the options the officer chose.
func buildReview(st *attemptState, responses map[string]json.RawMessage, res courses.Result, lang string) []reviewItem {
	quiz := st.quiz()
	def := st.Pkg.Course.Language
	credit := map[string]float64{}
	for _, r := range res.Questions {
		credit[r.PaperID] = r.Credit
	}
	var out []reviewItem
	for i := range st.Paper.Questions {
		pq := &st.Paper.Questions[i]
		qq := questionByID(quiz, pq.QuestionID(quiz))
		it := reviewItem{Prompt: pq.Prompt.In(lang, def), Type: pq.Type, Credit: credit[pq.ID], Explanation: qq.Explanation.In(lang, def)}
		saved := decodeSaved(pq, responses[pq.ID])
		text := func(tx courses.Text) string { return tx.In(lang, def) }
		switch pq.Type {
		case courses.Single, courses.Multiple:
			var yours, right []string
			for _, ch := range pq.Options {
				idx, _ := pq.ChoiceIndex(ch.ID)
				o := qq.Options[idx]
				chosen := saved.Single == ch.ID || saved.Multi[ch.ID]
				if chosen {
					yours = append(yours, text(ch.Text))
					if fb := text(o.Feedback); fb != "" {
						it.Feedback = append(it.Feedback, fb)
					}
				}
				if o.Correct {
					right = append(right, text(ch.Text))
				}
			}
			it.Yours, it.Right = strings.Join(yours, "; "), strings.Join(right, "; ")
		case courses.TrueFalse:
			it.Yours = boolWord(saved.Bool, lang)
			it.Right = boolWord(strconv.FormatBool(*qq.Answer), lang)
		case courses.Matching:
			var yours, right []string
			for _, l := range pq.Left {
				for _, r := range pq.Right {
					if saved.Match[l.ID] == r.ID {
						yours = append(yours, text(l.Text)+" → "+text(r.Text))
					}
				}
			}
			for _, p := range qq.Pairs {
				right = append(right, text(p.Left)+" → "+text(p.Right))
			}
			it.Yours, it.Right = strings.Join(yours, "; "), strings.Join(right, "; ")
		case courses.Ordering:
			yours := make([]string, len(pq.Items))
			for _, item := range pq.Items {
				if p := saved.Position[item.ID]; p > 0 && p <= len(yours) {
					yours[p-1] = text(item.Text)
				}
			}
			var right []string
			for _, item := range qq.Items {
				right = append(right, text(item))
			}
			if saved.Position != nil && len(saved.Position) > 0 {
				it.Yours = strings.Join(yours, " → ")
			}
			it.Right = strings.Join(right, " → ")
		case courses.Short:
			it.Yours = saved.Text
			if len(qq.Accept) > 0 {
				it.Right = text(qq.Accept[0])
			}
		case courses.Numeric:
			it.Yours = saved.Text
			it.Right = strconv.FormatFloat(*qq.Value, 'f', -1, 64)
		}
		out = append(out, it)
	}
	return out
}

func questionByID(q *courses.Quiz, id string) *courses.Question {
	for i := range q.Questions {
		if q.Questions[i].ID == id {
			return &q.Questions[i]
		}
	}
	return &courses.Question{}
}

func boolWord(b, lang string) string {
	switch b {
	case "true":
		return messages.T(lang, "quiz.true")
	case "false":
		return messages.T(lang, "quiz.false")
	}
	return ""
}

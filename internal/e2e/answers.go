package e2e

import "aula/courses"

// RightResponses are the right responses to every question of a paper drawn from quiz, as an
// officer who knows the answers would send them.
func RightResponses(quiz *courses.Quiz, paper *courses.Paper) map[string]any {
	resp := map[string]any{}
	for i := range paper.Questions {
		pq := &paper.Questions[i]
		qq := quiz.Questions[indexOf(quiz, pq.QuestionID(quiz))]
		id := func(cs []courses.Choice, idx int) string {
			for _, c := range cs {
				if k, _ := pq.ChoiceIndex(c.ID); k == idx {
					return c.ID
				}
			}
			return ""
		}
		switch qq.Type {
		case courses.Single:
			for k, o := range qq.Options {
				if o.Correct {
					resp[pq.ID] = id(pq.Options, k)
				}
			}
		case courses.Multiple:
			var ids []string
			for k, o := range qq.Options {
				if o.Correct {
					ids = append(ids, id(pq.Options, k))
				}
			}
			resp[pq.ID] = ids
		case courses.TrueFalse:
			resp[pq.ID] = *qq.Answer
		case courses.Ordering:
			var ids []string
			for k := range qq.Items {
				ids = append(ids, id(pq.Items, k))
			}
			resp[pq.ID] = ids
		case courses.Matching:
			m := map[string]string{}
			for k := range qq.Pairs {
				m[id(pq.Left, k)] = id(pq.Right, k)
			}
			resp[pq.ID] = m
		case courses.Short:
			resp[pq.ID] = qq.Accept[0]["es"]
		case courses.Numeric:
			resp[pq.ID] = *qq.Value
		}
	}
	return resp
}

// indexOf returns the position of the question id in q, -1 if none.
func indexOf(q *courses.Quiz, id string) int {
	for i := range q.Questions {
		if q.Questions[i].ID == id {
			return i
		}
	}
	return -1
}

package web

import (
	"encoding/json"
	"net/url"
	"sort"
	"strconv"
	"strings"

	"aula/courses"
)

// formResponse turns the fields of a question's HTML form into the JSON response the quiz engine
// scores, exactly as the API would send it. It returns nil when the officer left the question
// unanswered, and a message id when the input cannot be understood.
func formResponse(q *courses.PaperQuestion, form url.Values) (json.RawMessage, string) {
	js := func(v any) json.RawMessage { b, _ := json.Marshal(v); return b }
	a := strings.TrimSpace(form.Get("a"))
	switch q.Type {
	case courses.Single:
		if a == "" {
			return nil, ""
		}
		return js(a), ""
	case courses.Multiple:
		picked := form["a"]
		if picked == nil {
			picked = []string{}
		}
		return js(picked), ""
	case courses.TrueFalse:
		switch a {
		case "true":
			return js(true), ""
		case "false":
			return js(false), ""
		}
		return nil, ""
	case courses.Matching:
		m := map[string]string{}
		for _, l := range q.Left {
			if r := form.Get("m_" + l.ID); r != "" {
				m[l.ID] = r
			}
		}
		if len(m) == 0 {
			return nil, ""
		}
		return js(m), ""
	case courses.Ordering:
		type placed struct {
			id  string
			pos int
		}
		var items []placed
		seen := map[int]bool{}
		for _, it := range q.Items {
			v := form.Get("o_" + it.ID)
			if v == "" {
				return nil, "quiz.order_all"
			}
			pos, err := strconv.Atoi(v)
			if err != nil || pos < 1 || pos > len(q.Items) || seen[pos] {
				return nil, "quiz.order_once"
			}
			seen[pos] = true
			items = append(items, placed{it.ID, pos})
		}
		sort.Slice(items, func(i, j int) bool { return items[i].pos < items[j].pos })
		ids := make([]string, len(items))
		for i, p := range items {
			ids[i] = p.id
		}
		return js(ids), ""
	case courses.Short:
		if a == "" {
			return nil, ""
		}
		return js(a), ""
	case courses.Numeric:
		if a == "" {
			return nil, ""
		}
		// Venezuelan keyboards and habits write decimals with a comma.
		f, err := strconv.ParseFloat(strings.ReplaceAll(strings.ReplaceAll(a, " ", ""), ",", "."), 64)
		if err != nil {
			return nil, "quiz.number_only"
		}
		return js(f), ""
	}
	return nil, ""
}

// savedChoice is what a question's form shows as already answered.
type savedChoice struct {
	Single   string
	Multi    map[string]bool
	Bool     string
	Match    map[string]string
	Position map[string]int
	Text     string
}

// decodeSaved turns a saved response back into form values.
func decodeSaved(q *courses.PaperQuestion, raw json.RawMessage) savedChoice {
	sc := savedChoice{Multi: map[string]bool{}, Match: map[string]string{}, Position: map[string]int{}}
	if raw == nil {
		return sc
	}
	switch q.Type {
	case courses.Single, courses.Short:
		var s string
		_ = json.Unmarshal(raw, &s)
		sc.Single, sc.Text = s, s
	case courses.Multiple:
		var ids []string
		_ = json.Unmarshal(raw, &ids)
		for _, id := range ids {
			sc.Multi[id] = true
		}
	case courses.TrueFalse:
		var b bool
		if json.Unmarshal(raw, &b) == nil {
			sc.Bool = strconv.FormatBool(b)
		}
	case courses.Matching:
		_ = json.Unmarshal(raw, &sc.Match)
	case courses.Ordering:
		var ids []string
		_ = json.Unmarshal(raw, &ids)
		for i, id := range ids {
			sc.Position[id] = i + 1
		}
	case courses.Numeric:
		var f float64
		if json.Unmarshal(raw, &f) == nil {
			sc.Text = strconv.FormatFloat(f, 'f', -1, 64)
		}
	}
	return sc
}

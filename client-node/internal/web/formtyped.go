package web

import (
	"encoding/json"
	"net/url"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"aula/courses"
)

// typedKey holds, for a question form sent back with a message, what the officer chose in it.
const typedKey = "typed_choice"

// savedOrTyped is what a question's form shows: what the officer just chose when the form comes
// back with a message (an order number used twice), else the answer saved so far.
func savedOrTyped(c echo.Context, q *courses.PaperQuestion, saved json.RawMessage) savedChoice {
	if sc, ok := c.Get(typedKey).(savedChoice); ok {
		return sc
	}
	return decodeSaved(q, saved)
}

// typedChoice reads a question's form as sent, even when it cannot be scored as it is, so that
// the officer does not have to choose everything again.
func typedChoice(q *courses.PaperQuestion, form url.Values) savedChoice {
	sc := savedChoice{Multi: map[string]bool{}, Match: map[string]string{}, Position: map[string]int{}}
	a := strings.TrimSpace(form.Get("a"))
	sc.Single, sc.Bool, sc.Text = a, a, a
	for _, id := range form["a"] {
		sc.Multi[id] = true
	}
	for _, l := range q.Left {
		sc.Match[l.ID] = form.Get("m_" + l.ID)
	}
	for _, it := range q.Items {
		if pos, err := strconv.Atoi(form.Get("o_" + it.ID)); err == nil {
			sc.Position[it.ID] = pos
		}
	}
	return sc
}

package web

import (
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"
)

// giftResult is what a GIFT import did, as the quiz page shows it.
type giftResult struct {
	Imported int
	Skipped  []giftSkip
}

// giftSkip is a part of the GIFT text not imported, by line, with the reason in the page's
// language.
type giftSkip struct {
	Line    int
	Message string
}

// handleDraftGIFT appends the questions of a pasted or uploaded Moodle GIFT text to the draft's
// quiz and shows how many were imported and which lines were skipped.
func (s *Server) handleDraftGIFT(c echo.Context) error {
	text := []byte(c.FormValue("text"))
	if data, _, err := formFile(c, "file", "studio.gift_empty"); err == nil && len(data) > 0 {
		text = data
	}
	form := map[string]string{"gift": c.FormValue("text")}
	if strings.TrimSpace(string(text)) == "" {
		return s.quizWith(c, http.StatusUnprocessableEntity, page{"Error": t(c, "studio.gift_empty"), "Form": form})
	}
	n, skipped, err := s.Center.ImportGIFT(ctx(c), c.Param("id"), text, actor(c))
	if err != nil {
		return failOn(c, err, page{"Form": form}, func(st int, p page) error { return s.quizWith(c, st, p) })
	}
	res := giftResult{Imported: n}
	for _, sk := range skipped {
		res.Skipped = append(res.Skipped, giftSkip{sk.Line, sk.Text(func(id string, args ...any) string { return t(c, id, args...) })})
	}
	status := http.StatusOK
	if n == 0 {
		status = http.StatusUnprocessableEntity
		form["gift"] = string(text) // nothing was imported: the text stays to be fixed
	}
	return s.quizWith(c, status, page{"Gift": res, "Form": form})
}

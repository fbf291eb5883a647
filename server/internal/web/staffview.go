package web

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"aula/courses"
	"aula/internal/i18n"
)

// Staff pages name a course by its title in the reader's language and its version ("Uso de la
// fuerza v2"), never by its id, and say counts with the right plural form (i18n.N).

func init() {
	funcs["tn"] = func(lang, id string, n int, args ...any) string { return messages.N(lang, id, n, args...) }
	funcs["form"] = func(id string, n int) string { return id + i18n.PluralForm("", n) }
	funcs["course"] = courseName
}

// tn is a counted message for the request (i18n.N).
func tn(c echo.Context, id string, n int, args ...any) string {
	return messages.N(lang(c), id, n, args...)
}

// Count is a counted message outside a request (the command line).
func Count(lang, id string, n int, args ...any) string { return messages.N(lang, id, n, args...) }

// courseTitles maps "course-id/version" to the title of every published version.
type courseTitles map[string]courses.Text

// titleKey is a version's key in courseTitles.
func titleKey(id string, version int) string { return id + "/" + strconv.Itoa(version) }

// courseName is how a page names a course version: its title in lang and "v2"; the id when the
// center does not hold that version.
func courseName(titles courseTitles, id string, version int, lang string) string {
	if tx, ok := titles[titleKey(id, version)]; ok {
		if s := tx.In(lang, i18n.Default); s != "" {
			return fmt.Sprintf("%s v%d", s, version)
		}
	}
	return fmt.Sprintf("%s v%d", id, version)
}

// titledPages are the pages that name courses of attempts, completions or certificates.
var titledPages = map[string]bool{"dashboard": true, "attempts": true, "certificates": true, "approvals": true, "rejects": true,
	"answers": true, "revoke": true, "officer": true}

// addTitles gives a titled page its course titles (data["Titles"]).
func (s *Server) addTitles(c echo.Context, name string, data page) error {
	if !titledPages[name] || data["Titles"] != nil {
		return nil
	}
	versions, err := s.Store.ListVersions(ctx(c), "")
	if err != nil {
		return err
	}
	titles := courseTitles{}
	for _, v := range versions {
		titles[titleKey(v.CourseID, v.Version)] = v.Title
	}
	data["Titles"] = titles
	return nil
}

// approvalsDone says what a decision did, naming only the counts that are not zero.
func approvalsDone(c echo.Context, approved, rejected int) string {
	switch {
	case approved > 0 && rejected > 0:
		return t(c, "approvals.done", tn(c, "approvals.approved", approved), tn(c, "approvals.rejected", rejected))
	case rejected > 0:
		return t(c, "approvals.done_one", tn(c, "approvals.rejected", rejected))
	default:
		return t(c, "approvals.done_one", tn(c, "approvals.approved", approved))
	}
}

// centerURL is the center's address as stations reach it: the configured public URL, else the
// address this request came to.
func (s *Server) centerURL(c echo.Context) string {
	if s.PublicURL != "" {
		return strings.TrimRight(s.PublicURL, "/")
	}
	return c.Scheme() + "://" + c.Request().Host
}

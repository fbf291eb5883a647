package web

import (
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"aula/server/internal/store"
)

// pager is where a long list stands: page Page of Pages (store.PageSize rows each), with links
// to the previous and next pages that keep every other query parameter (the filters).
type pager struct {
	Page, Pages, Total int
	Prev, Next         string // "" on the first and last pages
}

// Offset is how many rows come before this page.
func (p pager) Offset() int { return (p.Page - 1) * store.PageSize }

// newPager reads ?page (1 when absent or not a number; the last page when past it) for a list
// of total rows shown at path (also after a form posted elsewhere, such as a revocation).
func newPager(c echo.Context, path string, total int) pager {
	p := pager{Total: total, Pages: max(1, (total+store.PageSize-1)/store.PageSize)}
	p.Page, _ = strconv.Atoi(c.QueryParam("page"))
	p.Page = min(max(p.Page, 1), p.Pages)
	link := func(n int) string {
		q := c.Request().URL.Query()
		q.Del("page")
		q.Del("format")
		if n > 1 {
			q.Set("page", strconv.Itoa(n))
		}
		if s := q.Encode(); s != "" {
			return path + "?" + s
		}
		return path
	}
	if p.Page > 1 {
		p.Prev = link(p.Page - 1)
	}
	if p.Page < p.Pages {
		p.Next = link(p.Page + 1)
	}
	return p
}

// searchQuery is the ?q of a list page, trimmed.
func searchQuery(c echo.Context) string { return strings.TrimSpace(c.QueryParam("q")) }

// pageOf returns the part of list that page p shows (for lists read whole, like staff).
func pageOf[T any](list []T, p pager) []T {
	from := min(p.Offset(), len(list))
	return list[from:min(from+store.PageSize, len(list))]
}

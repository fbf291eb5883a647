package web

import (
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"aula/courses"
	"aula/server/internal/store"
)

// apiPage reads an API list's optional ?page=N (docs/api.md, "Long lists"): without it the list
// answers as it always did (every row, up to its cap); with it, store.PageSize rows of page N
// (the last page when N is past it), the total in X-Total-Count and the neighbouring pages in a
// Link header (rel="prev", rel="next") that keeps the filters. count counts the filtered rows.
// It returns the paging to apply, zero without ?page.
func apiPage(c echo.Context, count func() (int, error)) (store.Paging, error) {
	v := c.QueryParam("page")
	if v == "" {
		return store.Paging{}, nil
	}
	if n, err := strconv.Atoi(v); err != nil || n < 1 {
		return store.Paging{}, courses.InvalidFields(map[string]courses.Msg{"page": courses.M("v.page", v)})
	}
	total, err := count()
	if err != nil {
		return store.Paging{}, err
	}
	pg := newPager(c, c.Request().URL.Path, total)
	h := c.Response().Header()
	h.Set("X-Total-Count", strconv.Itoa(total))
	var links []string
	if pg.Prev != "" {
		links = append(links, `<`+pg.Prev+`>; rel="prev"`)
	}
	if pg.Next != "" {
		links = append(links, `<`+pg.Next+`>; rel="next"`)
	}
	if len(links) > 0 {
		h.Set("Link", strings.Join(links, ", "))
	}
	return store.Paging{Offset: pg.Offset(), Limit: store.PageSize}, nil
}

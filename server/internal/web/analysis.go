package web

import (
	"cmp"
	"context"
	"fmt"
	"maps"
	"net/http"
	"slices"
	"strings"

	"github.com/labstack/echo/v4"

	"aula/courses"
	"aula/courses/analysis"
	"aula/courses/coursepkg"
	"aula/internal/csvsafe"
	"aula/server/internal/publish"
	"aula/server/internal/service"
)

// analyzer is the item analysis, made on first use (its cache lives as long as the server).
func (s *Server) analyzer() *service.Analyzer {
	s.analysisOnce.Do(func() {
		s.analysis = &service.Analyzer{Store: s.Store, Course: func(ctx context.Context, id string, v int) (*coursepkg.Package, error) {
			if s.Sync != nil {
				return s.Sync.Course(ctx, id, v)
			}
			return publish.Load(ctx, s.Store, s.pub(), id, v)
		}}
	})
	return s.analysis
}

// analysisFilter reads a version's analysis request: the version must be published, attempts is
// first (default) or all.
func (s *Server) analysisFilter(c echo.Context) (service.AnalysisFilter, error) {
	f := service.AnalysisFilter{CourseID: c.Param("id"), Station: strings.TrimSpace(c.QueryParam("station")),
		Agency: strings.TrimSpace(c.QueryParam("agency")), State: strings.TrimSpace(c.QueryParam("state"))}
	ver, err := parseVersion(c.Param("version"))
	if err != nil {
		return f, err
	}
	v, err := s.Store.FindVersion(ctx(c), f.CourseID, ver)
	if err != nil {
		return f, err
	}
	f.Version = v.Version
	switch c.QueryParam("attempts") {
	case "", "first":
	case "all":
		f.All = true
	default:
		return f, courses.E(courses.Invalid, "analysis.attempts_invalid", c.QueryParam("attempts"))
	}
	return f.Within(scope(c))
}

// apiQuestion is a question's figures in the API (contract §7).
type apiQuestion struct {
	ID             string      `json:"id"`
	Type           string      `json:"type"`
	Answered       int         `json:"answered"`
	Facility       *float64    `json:"facility"`
	SD             *float64    `json:"sd"`
	Discrimination *float64    `json:"discrimination"`
	Efficiency     *float64    `json:"efficiency"`
	Flags          []string    `json:"flags"`
	Options        []apiOption `json:"options"`
}

type apiOption struct {
	Text   string   `json:"text"`
	Chosen *float64 `json:"chosen"`
}

// analyze runs the item analysis the request asks for (its version and filters).
func (s *Server) analyze(c echo.Context) (*service.Analysis, error) {
	f, err := s.analysisFilter(c)
	if err != nil {
		return nil, err
	}
	return s.analyzer().Analyze(ctx(c), f)
}

// apiAnalysis answers GET /api/v1/courses/{id}/{version}/analysis.
func (s *Server) apiAnalysis(c echo.Context) error {
	a, err := s.analyze(c)
	if err != nil {
		return err
	}
	l := a.Course.Lang(lang(c))
	qs := make([]apiQuestion, len(a.Questions))
	for i, q := range a.Questions {
		qs[i] = apiQuestion{ID: q.ID, Type: q.Type, Answered: q.Answered, Facility: q.Facility, SD: q.SD, Discrimination: q.Discrimination,
			Efficiency: q.Efficiency, Flags: q.Flags, Options: []apiOption{}}
		for _, o := range q.Options {
			qs[i].Options = append(qs[i].Options, apiOption{Text: o.Text.In(l, a.Course.Language), Chosen: o.Chosen})
		}
	}
	return c.JSON(http.StatusOK, map[string]any{"attempts": a.Attempts, "alpha": a.Alpha, "questions": qs})
}

// sortKeys are the analysis table's columns a trainer may sort by.
var sortKeys = map[string]func(q analysis.Question) *float64{
	"facility":       func(q analysis.Question) *float64 { return q.Facility },
	"sd":             func(q analysis.Question) *float64 { return q.SD },
	"discrimination": func(q analysis.Question) *float64 { return q.Discrimination },
	"efficiency":     func(q analysis.Question) *float64 { return q.Efficiency },
	"answered":       func(q analysis.Question) *float64 { x := float64(q.Answered); return &x },
}

// sortQuestions orders the table by a column (figures that are undefined last), else by the quiz.
func sortQuestions(qs []analysis.Question, key string, desc bool) []analysis.Question {
	out := slices.Clone(qs)
	get, ok := sortKeys[key]
	if !ok {
		return out
	}
	slices.SortStableFunc(out, func(a, b analysis.Question) int {
		x, y := get(a), get(b)
		switch {
		case x == nil && y == nil:
			return 0
		case x == nil:
			return 1
		case y == nil:
			return -1
		case desc:
			return cmp.Compare(*y, *x)
		}
		return cmp.Compare(*x, *y)
	})
	return out
}

// handleAnalysis shows a version's item analysis; ?format=csv downloads its table.
func (s *Server) handleAnalysis(c echo.Context) error {
	a, err := s.analyze(c)
	if err != nil {
		return err
	}
	if c.QueryParam("format") == "csv" {
		return s.analysisCSV(c, a)
	}
	key, desc := c.QueryParam("sort"), c.QueryParam("dir") == "desc"
	v, err := s.analysisView(c, a)
	if err != nil {
		return err
	}
	v["Rows"] = s.rows(c, a, sortQuestions(a.Questions, key, desc))
	v["Sort"], v["Desc"] = key, desc
	v["Scatter"] = scatter(a, analysisBase(a), c.QueryString())
	return s.render(c, "analysis", v)
}

// analysisBase is the address of a version's analysis page.
func analysisBase(a *service.Analysis) string {
	return fmt.Sprintf("/courses/%s/%d/analysis", a.Course.ID, a.Course.Version)
}

// analysisView is what both analysis pages show: the course, the filter and its choices.
func (s *Server) analysisView(c echo.Context, a *service.Analysis) (page, error) {
	f := s.formatter(c)
	alpha := f.Number(0, 0)
	if a.Alpha != nil {
		alpha = f.Number(*a.Alpha, 2)
	} else {
		alpha = t(c, "analysis.undefined")
	}
	agencies, states := map[string]string{}, map[string]bool{}
	for _, p := range a.Places {
		if p.Agency != "" {
			agencies[p.Agency] = p.AgencyName
		}
		if p.State != "" {
			states[p.State] = true
		}
	}
	draft, err := s.studioDraftFor(c, a.Course.ID)
	if err != nil {
		return nil, err
	}
	return page{"A": a, "CourseLang": a.Course.Lang(lang(c)), "Base": analysisBase(a), "Alpha": alpha, "Studio": draft,
		"Agencies": slices.Sorted(maps.Keys(agencies)), "AgencyNames": agencies, "States": slices.Sorted(maps.Keys(states)),
		"Query": queryWithout(c, "sort", "dir", "format")}, nil
}

// queryWithout is the request's query string without some parameters, for links that set them.
func queryWithout(c echo.Context, names ...string) string {
	q := c.Request().URL.Query()
	for _, n := range names {
		q.Del(n)
	}
	if len(q) == 0 {
		return ""
	}
	return q.Encode() + "&"
}

// row is one question of the analysis table, its figures written for the reader.
type row struct {
	analysis.Question
	Prompt                                   string
	Facility, SD, Discrimination, Efficiency string
	Flags                                    []flagView
}

type flagView struct{ ID, Label, Help string }

func (s *Server) rows(c echo.Context, a *service.Analysis, qs []analysis.Question) []row {
	f := s.formatter(c)
	num := func(x *float64) string {
		if x == nil {
			return t(c, "analysis.undefined")
		}
		return f.Number(*x, 2)
	}
	l := a.Course.Lang(lang(c))
	out := make([]row, len(qs))
	for i, q := range qs {
		r := row{Question: q, Prompt: shorten(a.Course.Quiz.Questions[q.Index].Prompt.In(l, a.Course.Language), 90),
			Facility: num(q.Facility), SD: num(q.SD), Discrimination: num(q.Discrimination), Efficiency: num(q.Efficiency)}
		for _, fl := range q.Flags {
			id := "flag." + fl
			r.Flags = append(r.Flags, flagView{fl, t(c, id), t(c, id+".help")})
		}
		out[i] = r
	}
	return out
}

// analysisCSV writes the analysis table as CSV, in the request's language.
func (s *Server) analysisCSV(c echo.Context, a *service.Analysis) error {
	h := c.Response().Header()
	h.Set("Content-Type", "text/csv; charset=utf-8")
	h.Set("Content-Disposition", fmt.Sprintf("attachment; filename=%q", fmt.Sprintf("analisis-%s-v%d.csv", a.Course.ID, a.Course.Version)))
	c.Response().WriteHeader(http.StatusOK)
	_, _ = c.Response().Write([]byte(csvsafe.BOM))
	w := csvsafe.NewWriter(c.Response())
	f := s.formatter(c)
	_ = w.Write(csvHeader(f.Lang, "analysis.col.id", "analysis.col.question", "analysis.col.type", "analysis.col.answered",
		"analysis.col.facility", "analysis.col.sd", "analysis.col.discrimination", "analysis.col.efficiency", "analysis.col.flags"))
	num := func(x *float64) string {
		if x == nil {
			return ""
		}
		return f.Number(*x, 4)
	}
	for _, r := range s.rows(c, a, a.Questions) {
		labels := make([]string, len(r.Flags))
		for i, fl := range r.Flags {
			labels[i] = fl.Label
		}
		qtype := "qtype." + r.Type
		_ = w.Write([]string{r.ID, r.Prompt, t(c, qtype), fmt.Sprint(r.Answered), num(r.Question.Facility), num(r.Question.SD),
			num(r.Question.Discrimination), num(r.Question.Efficiency), strings.Join(labels, "; ")})
	}
	return w.Flush()
}

// shorten cuts a text to at most n characters at a word, with an ellipsis.
func shorten(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	cut := string(r[:n])
	if i := strings.LastIndexByte(cut, ' '); i > n/2 {
		cut = cut[:i]
	}
	return cut + "…"
}

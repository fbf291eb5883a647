package web

import (
	"fmt"
	"maps"
	"slices"

	"github.com/labstack/echo/v4"

	"aula/courses/analysis"
	"aula/courses/format"
	"aula/server/internal/service"
	"aula/server/internal/store"
)

// Scatter plot geometry (SVG user units): facility 0..1 across, discrimination −1..1 up.
const (
	plotLeft, plotTop, plotW, plotH = 56.0, 16.0, 480.0, 300.0
)

// scatterView is the facility × discrimination plot: points, threshold lines and their labels.
type scatterView struct {
	Width, Height float64
	Points        []point
	Lines         []line
	Ticks         []tick
	Left, Top     float64
	W, H          float64
	ZeroY         float64
}

type point struct {
	X, Y    float64
	ID, URL string
	Flagged bool
	Label   string
}

type line struct {
	X1, Y1, X2, Y2 float64
	Class          string
}

type tick struct {
	X, Y   float64
	Text   string
	Anchor string
}

func px(f float64) float64 { return plotLeft + f*plotW }
func py(d float64) float64 { return plotTop + (1-d)/2*plotH }

// scatter places each question with a facility and a discrimination; the lines mark the flags'
// thresholds (facility 0.2 and 0.95, discrimination 0 and 0.2).
func scatter(a *service.Analysis, base, query string) scatterView {
	v := scatterView{Width: plotLeft + plotW + 16, Height: plotTop + plotH + 40, Left: plotLeft, Top: plotTop, W: plotW, H: plotH, ZeroY: py(0)}
	for _, fx := range []float64{analysis.HardBelow, analysis.EasyAbove} {
		v.Lines = append(v.Lines, line{px(fx), plotTop, px(fx), plotTop + plotH, "threshold"})
	}
	for _, dy := range []float64{0, analysis.WeakBelow} {
		v.Lines = append(v.Lines, line{plotLeft, py(dy), plotLeft + plotW, py(dy), "threshold"})
	}
	for _, fx := range []float64{0, 0.2, 0.5, 0.95, 1} {
		v.Ticks = append(v.Ticks, tick{px(fx), plotTop + plotH + 16, fmt.Sprint(fx), "middle"})
	}
	for _, dy := range []float64{-1, -0.5, 0, 0.2, 0.5, 1} {
		v.Ticks = append(v.Ticks, tick{plotLeft - 6, py(dy) + 4, fmt.Sprint(dy), "end"})
	}
	for _, q := range a.Questions {
		if q.Facility == nil || q.Discrimination == nil {
			continue
		}
		v.Points = append(v.Points, point{X: px(*q.Facility), Y: py(*q.Discrimination), ID: q.ID, URL: base + "/" + q.ID + "?" + query,
			Flagged: len(q.Flags) > 0, Label: fmt.Sprintf("%s: %.2f · %.2f", q.ID, *q.Facility, *q.Discrimination)})
	}
	return v
}

// bar is one bar of a chart: a label, its length (0..1 of the chart) and the share written out.
type bar struct {
	Label   string
	Share   float64 // 0..1
	Text    string
	Correct bool
	Y       float64
	Width   float64
	N       int
}

// Bar chart geometry.
const barLeft, barW, barH = 8.0, 360.0, 30.0

func bars(in []bar) []bar {
	for i := range in {
		in[i].Y = float64(i) * barH
		in[i].Width = in[i].Share * barW
	}
	return in
}

// handleAnalysisQuestion shows one question: the share of answers choosing each option, its
// facility by station (and force and state), and its facility in every version that kept its id.
func (s *Server) handleAnalysisQuestion(c echo.Context) error {
	f, err := s.analysisFilter(c)
	if err != nil {
		return err
	}
	z := s.analyzer()
	a, err := z.Analyze(ctx(c), f)
	if err != nil {
		return err
	}
	i := slices.IndexFunc(a.Questions, func(q analysis.Question) bool { return q.ID == c.Param("question") })
	if i < 0 {
		return echoNotFound(c)
	}
	q := a.Questions[i]
	fm := s.formatter(c)
	l := a.Course.Lang(lang(c))
	var opts []bar
	for _, o := range q.Options {
		b := bar{Label: o.Text.In(l, a.Course.Language), Correct: o.Correct, Text: t(c, "analysis.undefined")}
		if o.Chosen != nil {
			b.Share, b.Text = *o.Chosen, fm.Percent(*o.Chosen*100)
		}
		opts = append(opts, b)
	}
	var stations []bar
	for _, g := range q.Groups {
		st := a.Stations[g.Group]
		stations = append(stations, bar{Label: st.Code + " · " + st.Name, Share: g.Facility, Text: fm.Number(g.Facility, 2), N: g.Attempts})
	}
	agencies, states := placeBars(c, a, q, func(p store.StationPlace) string {
		if p.Agency == "" {
			return ""
		}
		return p.Agency + " · " + p.AgencyName
	}), placeBars(c, a, q, func(p store.StationPlace) string { return p.State })
	vs, err := s.Store.ListVersions(ctx(c), a.Course.ID)
	if err != nil {
		return err
	}
	var versions []bar
	for _, v := range vs {
		vf := f
		vf.Version = v.Version
		va, err := z.Analyze(ctx(c), vf)
		if err != nil {
			continue // a version without a quiz
		}
		j := slices.IndexFunc(va.Questions, func(x analysis.Question) bool { return x.ID == q.ID })
		if j < 0 || va.Questions[j].Facility == nil {
			continue
		}
		vq := va.Questions[j]
		versions = append(versions, bar{Label: fmt.Sprintf("v%d", v.Version), Share: *vq.Facility, Text: fm.Number(*vq.Facility, 2),
			N: vq.Answered, Correct: v.Version == a.Course.Version})
	}
	slices.SortFunc(versions, func(x, y bar) int { return cmpLabel(x.Label, y.Label) })
	p, err := s.analysisView(c, a)
	if err != nil {
		return err
	}
	p["Q"] = s.rows(c, a, []analysis.Question{q})[0]
	p["Prompt"] = a.Course.Quiz.Questions[q.Index].Prompt.In(l, a.Course.Language)
	p["Options"], p["Stations"], p["Versions"] = bars(opts), bars(stations), bars(versions)
	p["ByAgency"], p["ByState"] = agencies, states
	p["BarW"], p["BarLeft"] = barW, barLeft
	p["Explanation"] = a.Course.Quiz.Questions[q.Index].Explanation.In(l, a.Course.Language)
	return s.render(c, "analysis_question", p)
}

// placeBars is a question's facility by a station's place (its agency, its state): the stations'
// credits summed, stations without one under "not set".
func placeBars(c echo.Context, a *service.Analysis, q analysis.Question, key func(store.StationPlace) string) []bar {
	type sum struct {
		n  int
		cr float64
	}
	sums := map[string]*sum{}
	for _, g := range q.Groups {
		k := key(a.Places[g.Group])
		if k == "" {
			k = t(c, "analysis.unset")
		}
		if sums[k] == nil {
			sums[k] = &sum{}
		}
		sums[k].n += g.Attempts
		sums[k].cr += g.Facility * float64(g.Attempts)
	}
	fm := format.New(lang(c), nil)
	var out []bar
	for _, k := range slices.Sorted(maps.Keys(sums)) {
		f := sums[k].cr / float64(sums[k].n)
		out = append(out, bar{Label: k, Share: f, Text: fm.Number(f, 2), N: sums[k].n})
	}
	return bars(out)
}

// cmpLabel orders "v2" before "v10".
func cmpLabel(a, b string) int {
	if len(a) != len(b) {
		return len(a) - len(b)
	}
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func echoNotFound(echo.Context) error { return echo.ErrNotFound }

func init() {
	// dict passes several values to a template: (dict "Key" value ...).
	funcs["dict"] = func(kv ...any) map[string]any {
		m := map[string]any{}
		for i := 0; i+1 < len(kv); i += 2 {
			if k, ok := kv[i].(string); ok {
				m[k] = kv[i+1]
			}
		}
		return m
	}
}

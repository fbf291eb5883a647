package service

import (
	"context"
	"slices"
	"sync"

	"aula/courses"
	"aula/courses/analysis"
	"aula/courses/coursepkg"
	"aula/server/internal/store"
)

// AnalysisStore is what item analysis needs from the store.
type AnalysisStore interface {
	EachVersionAttempt(ctx context.Context, v store.VersionScan, fn func(*store.AnalysisAttempt) error) error
	UnscoredVersions(ctx context.Context) ([]store.VersionKey, error)
	UnscoredAttempts(ctx context.Context, v store.VersionKey, after string, limit int) ([]store.UnscoredAttempt, error)
	SetAttemptItems(ctx context.Context, items map[string][]byte) error
	AttemptGeneration() uint64
	ListStations(ctx context.Context) ([]store.Station, error)
	StationPlaces(ctx context.Context) (map[int64]store.StationPlace, error)
	LessonReadings(ctx context.Context, courseID string) ([]store.LessonReading, error)
}

// AnalysisFilter says which attempts of a course version are analysed.
type AnalysisFilter struct {
	CourseID string
	Version  int
	All      bool   // every attempt; false: each officer's first attempt of the version
	Station  string // station code; "" all
	Agency   string // agency (police force) code; "" all
	State    string // state name; "" all
	// Limited: Agency is the viewer's scope (a coordinator's agency), not a choice: other
	// agencies' stations are unknown, absent from the result's stations and comparisons.
	Limited bool
}

// Within limits a filter to what the scope may see: a coordinator's analysis is his agency's
// attempts only (another agency asked for is unknown to him); other roles see every attempt.
func (f AnalysisFilter) Within(sc Scope) (AnalysisFilter, error) {
	if !sc.Limited() {
		return f, nil
	}
	if sc.Agency == "" {
		return f, courses.E(courses.Forbidden, "analysis.no_agency")
	}
	if f.Agency != "" && f.Agency != sc.Agency {
		return f, courses.E(courses.NotFound, "analysis.agency_unknown", f.Agency)
	}
	f.Agency, f.Limited = sc.Agency, true
	return f, nil
}

// Analysis is the item analysis of a course version.
type Analysis struct {
	*analysis.Report
	Course   *courses.Course
	Filter   AnalysisFilter
	Stations []store.Station      // by group index: Report.Questions[i].Groups[j].Group indexes it
	Places   []store.StationPlace // by group index, as Stations
	Lessons  []LessonEngagement
}

// LessonEngagement is how officers used a lesson before their first attempt of the version.
type LessonEngagement struct {
	Lesson   courses.Lesson
	Officers int      // officers with a first attempt (in the filter)
	Opened   int      // of them, those who read the lesson before it
	Share    float64  // Opened ÷ Officers
	Median   *float64 // median reading time in seconds, where the node measured it
	Measured int      // readings with a measured time
	// Relation: the facility of the questions citing the lesson among officers who read it and
	// among those who did not; set only when each group has at least MinGroup officers.
	Readers, NonReaders *float64
	Citing              int // questions citing the lesson
}

// MinGroup is the smallest group whose facility the lesson relation shows.
const MinGroup = 30

// Analyzer computes item analyses and keeps each until new attempts arrive.
type Analyzer struct {
	Store  AnalysisStore
	Course func(ctx context.Context, id string, version int) (*coursepkg.Package, error)

	mu    sync.Mutex
	cache map[AnalysisFilter]cached
}

type cached struct {
	gen uint64
	a   *Analysis
}

// analysisBatch is how many attempts go from the reading stage to the scoring stage at once.
const analysisBatch = 512

// maxCached bounds the analyses kept (one per version and filter).
const maxCached = 256

// Analyze returns the item analysis of a course version under a filter, computed in one pass
// over its attempts, or the one computed before if no attempt arrived since.
func (z *Analyzer) Analyze(ctx context.Context, f AnalysisFilter) (*Analysis, error) {
	gen := z.Store.AttemptGeneration()
	z.mu.Lock()
	c, ok := z.cache[f]
	z.mu.Unlock()
	if ok && c.gen == gen {
		return c.a, nil
	}
	a, err := z.compute(ctx, f)
	if err != nil {
		return nil, err
	}
	z.mu.Lock()
	if z.cache == nil || len(z.cache) >= maxCached {
		z.cache = map[AnalysisFilter]cached{}
	}
	z.cache[f] = cached{gen, a}
	z.mu.Unlock()
	return a, nil
}

func (z *Analyzer) compute(ctx context.Context, f AnalysisFilter) (*Analysis, error) {
	pkg, err := z.Course(ctx, f.CourseID, f.Version)
	if err != nil {
		return nil, err
	}
	cr := pkg.Course
	if cr.Quiz == nil {
		return nil, courses.E(courses.NotFound, "analysis.no_quiz", cr.ID)
	}
	stations, err := z.Store.ListStations(ctx)
	if err != nil {
		return nil, err
	}
	places, err := z.Store.StationPlaces(ctx)
	if err != nil {
		return nil, err
	}
	if f.Limited {
		stations = slices.DeleteFunc(stations, func(st store.Station) bool { return places[st.ID].Agency != f.Agency })
	}
	group := map[int64]int{}
	byGroup := make([]store.StationPlace, len(stations))
	for i, st := range stations {
		group[st.ID] = i
		byGroup[i] = places[st.ID]
	}
	if f.Station != "" && !slices.ContainsFunc(stations, func(st store.Station) bool { return st.Code == f.Station }) {
		return nil, courses.E(courses.NotFound, "station.unknown", f.Station)
	}
	if f.Agency != "" && !f.Limited && !slices.ContainsFunc(byGroup, func(p store.StationPlace) bool { return p.Agency == f.Agency }) {
		return nil, courses.E(courses.NotFound, "analysis.agency_unknown", f.Agency)
	}
	wanted := func(id int64) bool {
		g, ok := group[id]
		return ok && (f.Station == "" || stations[g].Code == f.Station) && (f.Agency == "" || byGroup[g].Agency == f.Agency) &&
			(f.State == "" || byGroup[g].State == f.State)
	}
	lessons, err := z.newLessonPass(ctx, cr)
	if err != nil {
		return nil, err
	}
	// Attempts received before the center kept their items are scored once, now if the start-up
	// backfill has not reached them yet.
	if _, err := z.backfillVersion(ctx, store.VersionKey{CourseID: f.CourseID, Version: f.Version}, cr.Quiz); err != nil {
		return nil, err
	}
	acc := analysis.New(cr.Quiz)
	// Two stages on two cores: this goroutine reads the attempts from the store while another
	// decodes and accumulates them, in the same order, a batch at a time.
	batches := make(chan []store.AnalysisAttempt, 4)
	free := make(chan []store.AnalysisAttempt, 6)
	done := make(chan struct{})
	go func() {
		defer close(done)
		for batch := range batches {
			for i := range batch {
				at := &batch[i]
				if items, ok := acc.AddEncoded(at.Items, group[at.StationID]); ok {
					lessons.add(at, items)
				}
			}
			free <- batch[:0]
		}
	}()
	batch := make([]store.AnalysisAttempt, 0, analysisBatch)
	scan := store.VersionScan{CourseID: f.CourseID, Version: f.Version, First: !f.All, Order: lessons.needsOrder()}
	err = z.Store.EachVersionAttempt(ctx, scan, func(at *store.AnalysisAttempt) error {
		if !wanted(at.StationID) {
			return nil
		}
		n := len(batch)
		if n < cap(batch) {
			batch = batch[:n+1]
		} else {
			batch = append(batch, store.AnalysisAttempt{})
		}
		b := &batch[n]
		items := b.Items[:0]
		*b = *at
		b.Items = append(items, at.Items...) // the store's bytes are reused for the next row
		if len(batch) == analysisBatch {
			batches <- batch
			select {
			case batch = <-free:
			default:
				batch = make([]store.AnalysisAttempt, 0, analysisBatch)
			}
		}
		return nil
	})
	if len(batch) > 0 {
		batches <- batch
	}
	close(batches)
	<-done
	if err != nil {
		return nil, err
	}
	return &Analysis{Report: acc.Report(), Course: cr, Filter: f, Stations: stations, Places: byGroup, Lessons: lessons.result()}, nil
}

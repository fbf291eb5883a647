package service

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"slices"
	"time"

	"aula/server/internal/store"
)

// Counts kept up to date (docs/programme.md, "Counts kept up to date"). The dashboard's summaries
// and trend are sums of compliance_tally: per counted day, station, course and rank, the officers
// and rows by status. The counted days are today (everything known now, as ComplianceRows) and
// the ends of the trend's months (what was known by then, as the trend); each officer's share
// is what courses/compliance decides for him, the same evaluator the walk uses.
//
// Every change to what the rules read marks its officer, in its own transaction (triggers of
// migration 0029; a sync push marks the officers of its passed attempts itself). RefreshCompliance brings the counts up to date: for each marked officer it
// takes back what his stored facts counted and adds what his current facts count, and stores
// them; a day that becomes counted (a new day, a new month) is added up from the stored facts;
// a day no longer shown is dropped. A change of the requirements or of the time zone (the
// basis) rebuilds everything from the officers. Pages and reports call it before they read, so
// what they show includes every change committed before the request; the server also calls it
// every few seconds so that a page seldom waits.

// tallyMonths is the trend the counts keep: the dashboard's twelve months.
const tallyMonths = 12

// tallyBatch is how many marked officers are brought up to date at a time.
const tallyBatch = 1000

// tallyDays are the days kept for today: today and the ends of the trend's months.
func tallyDays(today time.Time) []tallyDay {
	days := []tallyDay{{day: today}}
	for _, p := range trendPoints(today, tallyMonths) {
		days = append(days, tallyDay{day: p.Day, asOf: true})
	}
	return days
}

func (d tallyDay) stored() store.TallyDay {
	return store.TallyDay{Day: d.day.Format(time.DateOnly), AsOf: d.asOf}
}

// basis fingerprints what every count depends on beyond the officers: the live requirements as
// the rules read them and the time zone that turns instants into days.
func (c *Center) basis(e *evaluator) string {
	h := sha256.New()
	fmt.Fprintf(h, "tally 1 %s %s\n", c.zone(), factsFormat)
	for i, r := range e.rules {
		fmt.Fprintf(h, "%+v %s\n", r, e.created[i].Format(time.DateOnly))
	}
	return hex.EncodeToString(h.Sum(nil))
}

// RefreshCompliance brings the compliance counts up to date (see above). It returns quickly when
// nothing changed; a rebuild of a national center takes seconds (docs/benchmarks.md).
func (c *Center) RefreshCompliance(ctx context.Context) error { return c.refresh(ctx, c.Today()) }

// refresh is RefreshCompliance with the days counted for today.
func (c *Center) refresh(ctx context.Context, today time.Time) error {
	c.tallyMu.Lock()
	defer c.tallyMu.Unlock()
	days := tallyDays(today)
	e, err := c.evaluator(ctx, Scope{}, ComplianceFilter{})
	if err != nil {
		return err
	}
	fp := c.basis(e)
	basis, marked, have, err := c.Store.TallyPending(ctx)
	if err != nil {
		return err
	}
	if basis == fp && !marked && sameDays(have, days) {
		return nil
	}
	return c.Store.Tally(ctx, func(tx *store.TallyTx) error {
		basis, _, have, err := tx.State()
		if err != nil {
			return err
		}
		if basis != fp {
			return c.rebuild(ctx, tx, e, fp, days)
		}
		counted := make([]tallyDay, 0, len(have))
		for _, d := range have {
			day, _ := time.Parse(time.DateOnly, d.Day)
			counted = append(counted, tallyDay{day: day, asOf: d.AsOf})
		}
		everyone, err := c.bringUp(ctx, tx, e, counted)
		if err != nil {
			return err
		}
		if everyone {
			return c.rebuild(ctx, tx, e, fp, days)
		}
		err = c.recount(tx, e, counted, days)
		if errors.Is(err, errFacts) {
			return c.rebuild(ctx, tx, e, fp, days)
		}
		return err
	})
}

func sameDays(have []store.TallyDay, want []tallyDay) bool {
	if len(have) != len(want) {
		return false
	}
	for _, w := range want {
		if !slices.Contains(have, w.stored()) {
			return false
		}
	}
	return true
}

// bringUp replaces the share of every marked officer on the counted days; it reports a mark of
// everyone (officer 0) instead, leaving it to a rebuild.
func (c *Center) bringUp(ctx context.Context, tx *store.TallyTx, e *evaluator, counted []tallyDay) (everyone bool, err error) {
	after := int64(-1)
	for {
		marks, err := tx.Marks(after, tallyBatch)
		if err != nil || len(marks) == 0 {
			return false, err
		}
		if _, ok := marks[0]; ok {
			return true, nil
		}
		ids := make([]int64, 0, len(marks))
		for id := range marks {
			ids = append(ids, id)
			after = max(after, id)
		}
		slices.Sort(ids)
		old, err := tx.Facts(ids)
		if err != nil {
			return false, err
		}
		sum := map[tkey]*store.Tally{}
		put := make(map[int64]*store.OfficerFacts, len(ids))
		for _, id := range ids {
			put[id] = nil // gone unless the walk below finds him active
			if sf, ok := old[id]; ok {
				f, err := e.decodeFacts(id, sf)
				if err != nil {
					return true, nil // unreadable: count everyone again
				}
				e.contribute(f, sf.StationID, sf.Rank, counted, -1, sum)
			}
		}
		err = c.Store.StreamCompliance(ctx, store.ComplianceFilter{IDs: ids}, e.courses, func(o *store.ComplianceOfficer) error {
			put[o.ID] = c.addOfficer(e, o, counted, sum)
			return nil
		})
		if err != nil {
			return false, err
		}
		if err := tx.Add(storedTally(sum, counted, e)); err != nil {
			return false, err
		}
		if err := tx.PutFacts(put); err != nil {
			return false, err
		}
		if err := tx.Unmark(marks); err != nil {
			return false, err
		}
		if len(marks) < tallyBatch {
			return false, nil
		}
	}
}

// addOfficer adds officer o's share on days to sum and returns the facts to store for him.
func (c *Center) addOfficer(e *evaluator, o *store.ComplianceOfficer, days []tallyDay, sum map[tkey]*store.Tally) *store.OfficerFacts {
	f := e.facts(o)
	e.contribute(f, o.StationID, o.Rank, days, 1, sum)
	return &store.OfficerFacts{StationID: o.StationID, Rank: o.Rank, Facts: encodeFacts(f)}
}

// rebuild counts everything again from the officers: their facts first, then the days.
func (c *Center) rebuild(ctx context.Context, tx *store.TallyTx, e *evaluator, fp string, days []tallyDay) error {
	if err := tx.Clear(); err != nil {
		return err
	}
	put := map[int64]*store.OfficerFacts{}
	err := c.Store.StreamCompliance(ctx, store.ComplianceFilter{}, e.courses, func(o *store.ComplianceOfficer) error {
		put[o.ID] = &store.OfficerFacts{StationID: o.StationID, Rank: o.Rank, Facts: encodeFacts(e.facts(o))}
		if len(put) < 2000 {
			return nil
		}
		err := tx.PutFacts(put)
		clear(put)
		return err
	})
	if err != nil {
		return err
	}
	if err := tx.PutFacts(put); err != nil {
		return err
	}
	if err := c.addDays(tx, e, days); err != nil {
		return err
	}
	return tx.SetBasis(fp)
}

// recount drops the counted days no longer wanted and adds up the wanted days not counted yet.
func (c *Center) recount(tx *store.TallyTx, e *evaluator, counted, want []tallyDay) error {
	var add []tallyDay
	for _, d := range counted {
		if !slices.Contains(want, d) {
			if err := tx.DropDay(d.stored()); err != nil {
				return err
			}
		}
	}
	for _, d := range want {
		if !slices.Contains(counted, d) {
			add = append(add, d)
		}
	}
	return c.addDays(tx, e, add)
}

// tallyStations is how many stations' counts are added up before they are written.
const tallyStations = 25

// addDays adds up days from the stored facts, a few stations at a time (their counts are
// complete once their officers are read, so little is held in memory), and records them counted.
func (c *Center) addDays(tx *store.TallyTx, e *evaluator, days []tallyDay) error {
	if len(days) == 0 {
		return nil
	}
	stations, err := tx.FactStations()
	if err != nil {
		return err
	}
	for start := 0; start < len(stations); start += tallyStations {
		part := stations[start:min(start+tallyStations, len(stations))]
		sum := map[tkey]*store.Tally{}
		err := tx.EachFacts(part[0], part[len(part)-1], func(id int64, sf store.OfficerFacts) error {
			f, err := e.decodeFacts(id, sf)
			if err != nil {
				return err
			}
			e.contribute(f, sf.StationID, sf.Rank, days, 1, sum)
			return nil
		})
		if err != nil {
			return err
		}
		if err := tx.Add(storedTally(sum, days, e)); err != nil {
			return err
		}
	}
	for _, d := range days {
		if err := tx.AddDay(d.stored()); err != nil {
			return err
		}
	}
	return nil
}

// storedTally turns the counts added up for days into the store's keys.
func storedTally(sum map[tkey]*store.Tally, days []tallyDay, e *evaluator) map[store.TallyKey]store.Tally {
	out := make(map[store.TallyKey]store.Tally, len(sum))
	for k, t := range sum {
		d := days[k.day].stored()
		key := store.TallyKey{AsOf: d.AsOf, Day: d.Day, StationID: k.station, Rank: k.rank}
		if k.course > 0 {
			key.Course = e.courses[k.course-1]
		}
		out[key] = *t
	}
	return out
}

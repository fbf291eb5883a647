package store

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"
)

// ComplianceFilter narrows the officers of a compliance report. Every field is optional.
type ComplianceFilter struct {
	Agency, State, Station, Rank, Badge string
	AfterID                             int64   // keyset: only officers with a greater id
	Limit                               int     // at most this many officers (0: all, streamed)
	IDs                                 []int64 // only these officers (nil: any)
}

// Held is a completion of a course (any version) with its certificate's facts: Expires zero never
// expires, Revoked zero not revoked.
type Held struct {
	CourseID                    string
	Version                     int
	Completed, Expires, Revoked time.Time
}

// ComplianceOfficer is an active officer with what compliance needs to know of him.
type ComplianceOfficer struct {
	ID, StationID                             int64
	Badge, Name, Rank, Station, Agency, State string
	CreatedAt                                 time.Time
	Applied                                   map[int64]string // requirement id → first day (YYYY-MM-DD)
	Held                                      []Held           // of the courses asked for
}

// where returns the officers' FROM and WHERE with a condition only for each field set, so that
// the query planner can start from the stations of an agency, state or station (a condition
// that holds for an empty value ("? = empty OR …") hides the index, and every officer is read).
func (f ComplianceFilter) where() (string, []any) {
	q := ` FROM officers o JOIN stations s ON s.id = o.station_id WHERE o.active = 1 AND o.id > ?`
	args := []any{f.AfterID}
	for _, c := range []struct{ val, cond string }{
		{f.Station, ` AND s.code = ?`},
		{f.Agency, ` AND s.agency_id = (SELECT a.id FROM agencies a WHERE a.code = ?)`},
		{f.State, ` AND s.state = ?`},
		{f.Rank, ` AND lower(o.rank) = lower(?)`},
		{f.Badge, ` AND o.badge = ?`},
	} {
		if c.val != "" {
			q += c.cond
			args = append(args, c.val)
		}
	}
	if f.IDs != nil {
		q += ` AND o.id IN (-1` + strings.Repeat(", ?", len(f.IDs)) + `)`
		for _, id := range f.IDs {
			args = append(args, id)
		}
	}
	return q, args
}

// narrowed reports whether f narrows the officers by more than their ids (a list of ids aside).
func (f ComplianceFilter) narrowed() bool {
	return f.Station != "" || f.Agency != "" || f.State != "" || f.Rank != "" || f.Badge != ""
}

// StreamCompliance calls fn for each active officer matching f, in id order, with his first days
// and his completions of courseIDs. Rows are read as they are needed (four ordered queries merged
// on the officer id), so a national report holds one officer in memory at a time. fn's error
// stops the walk and is returned.
func (s *Store) StreamCompliance(ctx context.Context, f ComplianceFilter, courseIDs []string, fn func(*ComplianceOfficer) error) error {
	from, args := f.where()
	limit, last := "", int64(0)
	if f.Limit > 0 {
		// The officers of one page first, then their facts by id range.
		err := s.db.Read.QueryRowContext(ctx, `SELECT coalesce(max(p.id), 0) FROM (SELECT o.id`+from+` ORDER BY o.id LIMIT ?) p`,
			append(args, f.Limit)...).Scan(&last)
		if err != nil {
			return err
		}
		from += ` AND o.id <= ?`
		args = append(args, last)
		limit = " LIMIT " + itoa(f.Limit)
	}
	officers, err := s.db.Read.QueryContext(ctx, `SELECT o.id, o.badge, o.given_names || ' ' || o.family_names, o.rank, s.code,
		coalesce((SELECT a.code FROM agencies a WHERE a.id = s.agency_id), ''), coalesce(s.state, ''), o.created_at, o.station_id`+from+` ORDER BY o.id`+limit, args...)
	if err != nil {
		return err
	}
	defer officers.Close()
	// The facts of the officers: joined to them when a filter narrows the officers; else every
	// officer's, in id order, the merge skipping those of officers not walked (inactive ones), which
	// spares a lookup of the officer per certificate.
	facts := func(alias string) (string, []any) {
		if f.narrowed() {
			return ` JOIN officers o ON o.id = ` + alias + `.officer_id JOIN stations s ON s.id = o.station_id` +
				strings.Replace(from, " FROM officers o JOIN stations s ON s.id = o.station_id", "", 1), args
		}
		if f.IDs != nil {
			// The facts of these officers by their own index (the merge skips those of officers
			// not walked, inactive ones).
			ids := []any{f.AfterID}
			for _, id := range f.IDs {
				ids = append(ids, id)
			}
			return ` WHERE ` + alias + `.officer_id > ? AND ` + alias + `.officer_id IN (-1` + strings.Repeat(", ?", len(f.IDs)) + `)`, ids
		}
		if last > 0 {
			return ` WHERE ` + alias + `.officer_id > ? AND ` + alias + `.officer_id <= ?`, []any{f.AfterID, last}
		}
		return ` WHERE ` + alias + `.officer_id > ?`, []any{f.AfterID}
	}
	where, wargs := facts("ra")
	applies, err := s.db.Read.QueryContext(ctx, `SELECT ra.officer_id, ra.requirement_id, ra.first_day FROM requirement_applies ra`+where+
		` ORDER BY ra.officer_id`, wargs...)
	if err != nil {
		return err
	}
	defer applies.Close()
	in := "''"
	courseArgs := []any{}
	for _, c := range courseIDs {
		in += ", ?"
		courseArgs = append(courseArgs, c)
	}
	where, wargs = facts("c")
	certs, err := s.db.Read.QueryContext(ctx, `SELECT c.officer_id, c.course_id, c.course_version, c.issued_at, coalesce(c.expires_at, ''),
		coalesce(c.revoked_at, '') FROM certificates c`+where+` AND c.course_id IN (`+in+`) ORDER BY c.officer_id`,
		append(append([]any{}, wargs...), courseArgs...)...)
	if err != nil {
		return err
	}
	defer certs.Close()
	// Courses without certificates: the first passed attempt of each version is the completion.
	where, wargs = facts("a")
	plain, err := s.db.Read.QueryContext(ctx, `SELECT a.officer_id, a.course_id, a.course_version, min(a.submitted_at), '', ''
		FROM attempts a`+where+
		` AND a.passed = 1 AND a.course_id IN (SELECT v.course_id FROM course_versions v WHERE v.cert_issue = 'none' AND v.course_id IN (`+in+`))
		AND EXISTS (SELECT 1 FROM course_versions v WHERE v.course_id = a.course_id AND v.version = a.course_version AND v.cert_issue = 'none')
		GROUP BY a.officer_id, a.course_id, a.course_version ORDER BY a.officer_id`, append(append([]any{}, wargs...), courseArgs...)...)
	if err != nil {
		return err
	}
	defer plain.Close()
	ap, ce, pl := &peeker{rows: applies}, &peeker{rows: certs}, &peeker{rows: plain}
	for officers.Next() {
		o := &ComplianceOfficer{Applied: map[int64]string{}}
		var created string
		if err := officers.Scan(&o.ID, &o.Badge, &o.Name, &o.Rank, &o.Station, &o.Agency, &o.State, &created, &o.StationID); err != nil {
			return err
		}
		o.CreatedAt = parseTime(created)
		err := ap.each(o.ID, func(r *sql.Rows) error {
			var oid, req int64
			var day string
			if err := r.Scan(&oid, &req, &day); err != nil {
				return err
			}
			o.Applied[req] = day
			return nil
		})
		if err != nil {
			return err
		}
		for _, p := range []*peeker{ce, pl} {
			if err := p.each(o.ID, func(r *sql.Rows) error {
				var oid int64
				var h Held
				var done, exp, rev string
				if err := r.Scan(&oid, &h.CourseID, &h.Version, &done, &exp, &rev); err != nil {
					return err
				}
				// A certificate's issued_at and expires_at are days (its claims'), an attempt's
				// submitted_at and a revocation are instants: parseDay reads both (a day as
				// midnight UTC, which the service keeps as that day).
				h.Completed, h.Expires, h.Revoked = parseDay(done), parseDay(exp), parseDay(rev)
				o.Held = append(o.Held, h)
				return nil
			}); err != nil {
				return err
			}
		}
		if err := fn(o); err != nil {
			return err
		}
	}
	return errors.Join(officers.Err(), ap.err, ce.err, pl.err)
}

// peeker walks rows ordered by an officer id in their first column, one officer at a time.
type peeker struct {
	rows    *sql.Rows
	started bool
	done    bool
	id      int64
	err     error
	dest    []any // scan targets for advance, made once
}

// each calls scan for every row of officer id, skipping rows of lower ids.
func (p *peeker) each(id int64, scan func(*sql.Rows) error) error {
	for {
		if !p.started || p.id < id {
			if !p.advance() {
				return p.err
			}
			continue
		}
		if p.id > id {
			return nil
		}
		if err := scan(p.rows); err != nil {
			return err
		}
		p.started = false // this row is consumed
	}
}

func (p *peeker) advance() bool {
	if p.done {
		return false
	}
	if !p.rows.Next() {
		p.done, p.err = true, p.rows.Err()
		return false
	}
	p.started = true
	if p.dest == nil {
		cols, _ := p.rows.Columns()
		p.dest = make([]any, len(cols))
		p.dest[0] = &p.id
		for i := 1; i < len(p.dest); i++ {
			p.dest[i] = new(any)
		}
	}
	if err := p.rows.Scan(p.dest...); err != nil {
		p.done, p.err = true, err
		return false
	}
	return true
}

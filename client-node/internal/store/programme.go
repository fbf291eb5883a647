package store

import (
	"context"
	"database/sql"
	"slices"
	"strconv"
	"strings"
	"time"

	"aula/courses/compliance"
	"aula/internal/textfold"
	"aula/sync/protocol"
)

// Meta keys of the programme (issue 15, docs/programme.md): the station's agency and state as
// the last requirements change said, the center's time of that change, and the center's time of
// the last reply applied (what the commander page calls "as of").
const (
	MetaAgency      = "station_agency"
	MetaState       = "station_state"
	MetaProgrammeAt = "programme_at"
	MetaSyncedAt    = "synced_center_time"
)

// applyProgramme replaces the required training with a requirements change, whole: what it does
// not list no longer applies (docs/sync.md, "Programme: what travels down").
func applyProgramme(tx *sql.Tx, pg *protocol.Programme) error {
	for _, q := range []string{`DELETE FROM requirements`, `DELETE FROM requirement_applied`, `DELETE FROM center_completions`} {
		if _, err := tx.Exec(q); err != nil {
			return err
		}
	}
	for _, r := range pg.Requirements {
		var dueDate, dueDays any
		if r.DueDate != "" {
			dueDate = r.DueDate
		} else {
			dueDays = r.DueDays
		}
		if _, err := tx.Exec(`INSERT INTO requirements (id, course_id, agency, station, rank, due_date, due_days, window_days)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO NOTHING`,
			r.ID, r.CourseID, r.Agency, r.Station, r.Rank, dueDate, dueDays, r.WindowDays); err != nil {
			return err
		}
	}
	for _, o := range pg.Officers {
		if len(o.Applied) > 0 {
			var parts []string
			for id, on := range o.Applied {
				parts = append(parts, id+"="+on)
			}
			slices.Sort(parts)
			applied := strings.Join(parts, ",")
			if _, err := tx.Exec(`INSERT INTO requirement_applied (badge, applied) VALUES (?, ?)
				ON CONFLICT(badge) DO UPDATE SET applied = excluded.applied`, o.Badge, applied); err != nil {
				return err
			}
		}
		for _, d := range o.Done {
			if _, err := tx.Exec(`INSERT INTO center_completions (badge, course_id, course_version, completed_on, expires_on, revoked)
				VALUES (?, ?, ?, ?, ?, ?)`, o.Badge, d.CourseID, d.Version, d.Completed, nullable(d.Expires), flag(d.Revoked)); err != nil {
				return err
			}
		}
	}
	for k, v := range map[string]string{MetaAgency: pg.Agency, MetaState: pg.State,
		MetaProgrammeAt: time.Unix(pg.AsOf, 0).UTC().Format(time.RFC3339)} {
		if err := setMeta(tx, k, v); err != nil {
			return err
		}
	}
	return nil
}

func flag(b bool) int {
	if b {
		return 1
	}
	return 0
}

// Programme is what the node knows of the station's required training: the facts
// courses/compliance needs, for the whole station or one officer. Days are midnight UTC.
type Programme struct {
	Station, Agency, State string
	// AsOf is the center's time at the last sync (zero: never synced).
	AsOf         time.Time
	Requirements []compliance.Requirement
	Officers     []Officer                      // active officers of the roster, by name
	Applied      map[string]map[int64]time.Time // badge → requirement → day it first applied
	Done         map[string][]completionOf      // badge → completions of required courses
	courses      map[string]bool                // the required courses
}

// completionOf is a completion of a course by an officer.
type completionOf struct {
	Course string
	compliance.Completion
}

// LoadProgramme reads the programme for the station (badge "") or for one officer. Completions
// are those the center sent and those the node holds itself: passed attempts with their
// certificates' expiry (a certificate revoked by the center or refused by it does not count; a
// passed attempt without certificate counts only for the courses in noCert, which issue none —
// as at the center, one awaiting a trainer's approval does not count yet). loc is the zone
// whose calendar days the node's own submission times fall on.
func (s *Store) LoadProgramme(ctx context.Context, badge string, loc *time.Location, noCert map[string]bool) (*Programme, error) {
	p := &Programme{Applied: map[string]map[int64]time.Time{}, Done: map[string][]completionOf{}, courses: map[string]bool{}}
	metas := map[string]*string{MetaStationCode: &p.Station, MetaAgency: &p.Agency, MetaState: &p.State}
	for k, v := range metas {
		var err error
		if *v, err = s.Meta(ctx, k); err != nil {
			return nil, err
		}
	}
	synced, err := s.Meta(ctx, MetaSyncedAt)
	if err != nil {
		return nil, err
	}
	p.AsOf = parseTime(synced)
	if err := s.loadRequirements(ctx, p); err != nil {
		return nil, err
	}
	if p.Officers, err = s.activeOfficers(ctx, badge); err != nil {
		return nil, err
	}
	if len(p.Requirements) == 0 {
		return p, nil
	}
	if err := s.loadApplied(ctx, p, badge); err != nil {
		return nil, err
	}
	return p, s.loadCompletions(ctx, p, badge, loc, noCert)
}

func (s *Store) loadRequirements(ctx context.Context, p *Programme) error {
	rows, err := s.db.Read.QueryContext(ctx, `SELECT id, course_id, agency, station, rank, coalesce(due_date, ''), coalesce(due_days, 0), window_days
		FROM requirements ORDER BY course_id, id`)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var r compliance.Requirement
		var due string
		if err := rows.Scan(&r.ID, &r.CourseID, &r.Agency, &r.Station, &r.Rank, &due, &r.DueDays, &r.WindowDays); err != nil {
			return err
		}
		r.DueDate = day(due)
		p.Requirements = append(p.Requirements, r)
		p.courses[r.CourseID] = true
	}
	return rows.Err()
}

// activeOfficers returns the active roster (or the one active officer badge), by name.
func (s *Store) activeOfficers(ctx context.Context, badge string) ([]Officer, error) {
	rows, err := s.db.Read.QueryContext(ctx, `SELECT badge, given_names, family_names, rank, commander FROM officers
		WHERE active = 1 AND (? = '' OR badge = ?)`, badge, badge)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Officer
	for rows.Next() {
		o := Officer{Active: true}
		if err := rows.Scan(&o.Badge, &o.GivenNames, &o.FamilyNames, &o.Rank, &o.Commander); err != nil {
			return nil, err
		}
		out = append(out, o)
	}
	SortByName(out)
	return out, rows.Err()
}

// SortByName orders officers by family names, given names and badge, ignoring case and accents
// ("Álvarez" before "Bravo").
func SortByName(officers []Officer) {
	type keyed struct {
		key string
		o   Officer
	}
	ks := make([]keyed, len(officers))
	for i, o := range officers {
		ks[i] = keyed{textfold.Fold(o.FamilyNames + "\x00" + o.GivenNames + "\x00" + o.Badge), o}
	}
	slices.SortStableFunc(ks, func(a, b keyed) int { return strings.Compare(a.key, b.key) })
	for i := range ks {
		officers[i] = ks[i].o
	}
}

func (s *Store) loadApplied(ctx context.Context, p *Programme, badge string) error {
	rows, err := s.db.Read.QueryContext(ctx, `SELECT badge, applied FROM requirement_applied WHERE ? = '' OR badge = ?`, badge, badge)
	if err != nil {
		return err
	}
	defer rows.Close()
	days := map[string]time.Time{} // most officers share their days: parse each once
	for rows.Next() {
		var b, applied string
		if err := rows.Scan(&b, &applied); err != nil {
			return err
		}
		m := make(map[int64]time.Time, strings.Count(applied, ",")+1)
		for pair := range strings.SplitSeq(applied, ",") {
			key, on, _ := strings.Cut(pair, "=")
			id, err := strconv.ParseInt(key, 10, 64)
			if err != nil {
				continue // not a requirement id: nothing applies by it
			}
			d, ok := days[on]
			if !ok {
				d = day(on)
				days[on] = d
			}
			m[id] = d
		}
		p.Applied[b] = m
	}
	return rows.Err()
}

// completionsQuery lists the completions the center sent (revoked also when the node holds a
// revocation of the matching certificate, which may have come after the requirements change),
// the node's passed attempts with their certificate, and certificates held without an attempt
// here. The fifth column tells a node time (an attempt's submission; "uncertified" without a
// certificate) from a day.
const completionsQuery = `
SELECT cc.badge, cc.course_id, cc.course_version, cc.completed_on, 'day', coalesce(cc.expires_on, ''),
	cc.revoked = 1 OR EXISTS (SELECT 1 FROM certificates c JOIN revocations r ON r.certificate_id = c.id
		WHERE c.badge = cc.badge AND c.course_id = cc.course_id AND c.course_version = cc.course_version AND c.issued_on = cc.completed_on)
FROM center_completions cc WHERE ? = '' OR cc.badge = ?
UNION ALL
SELECT a.badge, a.course_id, a.course_version, a.submitted_at, CASE WHEN c.id IS NULL THEN 'uncertified' ELSE 'time' END,
	coalesce(c.expires_on, ''),
	c.refused IS NOT NULL OR r.certificate_id IS NOT NULL
FROM attempts a LEFT JOIN certificates c ON c.attempt_id = a.id LEFT JOIN revocations r ON r.certificate_id = c.id
WHERE a.passed = 1 AND (? = '' OR a.badge = ?)
UNION ALL
SELECT c.badge, c.course_id, c.course_version, c.issued_on, 'day', coalesce(c.expires_on, ''),
	c.refused IS NOT NULL OR r.certificate_id IS NOT NULL
FROM certificates c LEFT JOIN revocations r ON r.certificate_id = c.id
WHERE c.course_id <> '' AND (c.attempt_id IS NULL OR NOT EXISTS (SELECT 1 FROM attempts a WHERE a.id = c.attempt_id))
	AND (? = '' OR c.badge = ?)`

func (s *Store) loadCompletions(ctx context.Context, p *Programme, badge string, loc *time.Location, noCert map[string]bool) error {
	rows, err := s.db.Read.QueryContext(ctx, completionsQuery, badge, badge, badge, badge, badge, badge)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var b, course, on, kind, expires string
		var c completionOf
		if err := rows.Scan(&b, &course, &c.Version, &on, &kind, &expires, &c.Revoked); err != nil {
			return err
		}
		if !p.courses[course] || (kind == "uncertified" && !noCert[course]) {
			continue
		}
		c.Course, c.Expires = course, day(expires)
		if kind != "day" {
			c.Completed = compliance.Day(parseTime(on), loc)
		} else {
			c.Completed = day(on)
		}
		p.Done[b] = append(p.Done[b], c)
	}
	return rows.Err()
}

// day parses a "YYYY-MM-DD" day (zero when empty or malformed).
func day(s string) time.Time {
	t, _ := time.Parse(time.DateOnly, s)
	return t
}

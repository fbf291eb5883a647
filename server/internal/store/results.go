package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"time"

	"aula/courses"
	"aula/internal/sqlitedb"
)

// ResultFilter narrows attempt, completion and certificate lists. Empty fields match all.
type ResultFilter struct {
	Course  string
	Station string // station code
	Agency  string // agency code of the officer's station (a coordinator's scope)
	Badge   string
	// Query is words of the officer's badge or name, or of the course id (certificates: or the
	// code), in any case, with or without accents.
	Query string
	// Limit is at most how many rows (0: 10,000; -1: all, for exports); Offset rows are skipped.
	Limit  int
	Offset int
}

func (f ResultFilter) limit() int {
	if f.Limit < 0 {
		return noLimit
	}
	if f.Limit == 0 || f.Limit > 100000 {
		return 10000
	}
	return f.Limit
}

// where is the filter's condition on attempts or certificates (alias a or c) joined with their
// officer (o) and station (s), with its arguments.
func (f ResultFilter) where(table, search string) (string, []any) {
	cond, args := likeWords(search, f.Query)
	return ` WHERE (? = '' OR ` + table + `.course_id = ?) AND (? = '' OR s.code = ?) AND (? = '' OR o.badge = ?) AND ` + agencyCond + ` AND ` + cond,
		append([]any{f.Course, f.Course, f.Station, f.Station, f.Badge, f.Badge, f.Agency, f.Agency}, args...)
}

// Attempt is a submitted attempt as the center knows it.
type Attempt struct {
	ID            string
	Badge         string
	OfficerName   string
	CourseID      string
	CourseVersion int
	Score         float64
	Passed        bool
	Station       string
	SubmittedAt   time.Time // node clock, for display only
	ReceivedAt    time.Time // center clock
	NodeScore     float64   // the score the node reported
	Mismatch      bool      // the center's re-score differs from the node's: possible tampering
	ClockOffset   *int64    // node minus center clock when it arrived, seconds (nil: not recorded)
}

// ListAttempts returns submitted attempts, newest received first: in the order they were written
// (rowid, which the first-completion rule also reads), so that a page reads the table backwards
// from its end and stops, with no index to keep up at every attempt a sync writes. With
// completions, only passed attempts that completed a course: the first passed attempt per officer
// and course version.
func (s *Store) ListAttempts(ctx context.Context, f ResultFilter, completions bool) ([]Attempt, error) {
	from, args := attemptsFrom(f, completions)
	q := `SELECT a.id, o.badge, o.given_names || ' ' || o.family_names, a.course_id, a.course_version, a.score, a.passed,
		s.code, a.submitted_at, a.received_at, coalesce(a.node_score, a.score), a.score_mismatch, a.clock_offset_s` + from +
		` ORDER BY a.rowid DESC` + pageSQL(f.limit(), f.Offset)
	return sqlitedb.QueryAll(ctx, s.db.Read, func(rows *sql.Rows) (zero Attempt, err error) {
		var a Attempt
		var sub, rec string
		if err := rows.Scan(&a.ID, &a.Badge, &a.OfficerName, &a.CourseID, &a.CourseVersion, &a.Score, &a.Passed, &a.Station, &sub, &rec,
			&a.NodeScore, &a.Mismatch, &a.ClockOffset); err != nil {
			return zero, err
		}
		a.SubmittedAt, a.ReceivedAt = parseTime(sub), parseTime(rec)
		return a, nil
	}, q, args...)
}

func attemptsFrom(f ResultFilter, completions bool) (string, []any) {
	where, args := f.where("a", "(o.search || ' ' || lower(a.course_id))")
	q := ` FROM attempts a JOIN officers o ON o.id = a.officer_id JOIN stations s ON s.id = a.station_id` + where
	if completions {
		q += ` AND a.passed = 1 AND a.rowid = (SELECT min(b.rowid) FROM attempts b WHERE b.officer_id = a.officer_id
			AND b.course_id = a.course_id AND b.course_version = a.course_version AND b.passed = 1)`
	}
	return q, args
}

// CountResults returns how many attempts (completions: completions) match f, Limit and Offset aside.
func (s *Store) CountResults(ctx context.Context, f ResultFilter, completions bool) (int, error) {
	from, args := attemptsFrom(f, completions)
	return s.count(ctx, `SELECT count(*)`+from, args...)
}

// Certificate statuses.
const (
	CertValid   = "valid"
	CertRevoked = "revoked"
	CertExpired = "expired"
	CertUnknown = "unknown"
)

// Certificate is a certificate as the center knows it.
type Certificate struct {
	ID            string
	Code          string
	Badge         string
	OfficerName   string
	CourseID      string
	CourseVersion int
	IssuedAt      time.Time
	ExpiresAt     time.Time // zero: never expires
	RevokedAt     time.Time
	RevokedReason string
	RevokedBy     string
	Status        string
	Token         string
	Issuer        string
	NodeID        string
	AttemptID     string
	Title         courses.Text
	Hours         float64
	Score         *float64
}

const certCols = `c.id, c.code, o.badge, o.given_names || ' ' || o.family_names, c.course_id, c.course_version,
	c.issued_at, c.expires_at, c.revoked_at, c.revoked_reason, coalesce(c.revoked_by, ''), c.token, c.issuer,
	coalesce(c.node_id, ''), coalesce(c.attempt_id, ''), c.title_json, c.hours, c.score`

func (s *Store) scanCert(row interface{ Scan(...any) error }) (*Certificate, error) {
	var c Certificate
	var issued, title string
	var expires, revoked, reason sql.NullString
	var score sql.NullFloat64
	if err := row.Scan(&c.ID, &c.Code, &c.Badge, &c.OfficerName, &c.CourseID, &c.CourseVersion, &issued, &expires, &revoked, &reason,
		&c.RevokedBy, &c.Token, &c.Issuer, &c.NodeID, &c.AttemptID, &title, &c.Hours, &score); err != nil {
		return nil, err
	}
	_ = json.Unmarshal([]byte(title), &c.Title)
	if score.Valid {
		c.Score = &score.Float64
	}
	c.IssuedAt, c.ExpiresAt, c.RevokedAt, c.RevokedReason = parseDay(issued), parseDay(expires.String), parseTime(revoked.String), reason.String
	switch {
	case !c.RevokedAt.IsZero():
		c.Status = CertRevoked
	case !c.ExpiresAt.IsZero() && !c.ExpiresAt.Add(dayLength(expires.String)).After(s.now()):
		c.Status = CertExpired
	default:
		c.Status = CertValid
	}
	return &c, nil
}

// ListCertificates returns certificates, newest first.
func (s *Store) ListCertificates(ctx context.Context, f ResultFilter) ([]Certificate, error) {
	from, args := certsFrom(f)
	return sqlitedb.QueryAll(ctx, s.db.Read, func(rows *sql.Rows) (zero Certificate, err error) {
		c, err := s.scanCert(rows)
		if err != nil {
			return zero, err
		}
		return *c, nil
	}, `SELECT `+certCols+from+` ORDER BY c.issued_at DESC, c.id`+pageSQL(f.limit(), f.Offset), args...)
}

func certsFrom(f ResultFilter) (string, []any) {
	where, args := f.where("c", "(o.search || ' ' || lower(c.code) || ' ' || lower(c.course_id))")
	return ` FROM certificates c JOIN officers o ON o.id = c.officer_id JOIN stations s ON s.id = o.station_id` + where, args
}

// CountCertificates returns how many certificates match f, Limit and Offset aside.
func (s *Store) CountCertificates(ctx context.Context, f ResultFilter) (int, error) {
	from, args := certsFrom(f)
	return s.count(ctx, `SELECT count(*)`+from, args...)
}

// FindCertificate returns a certificate by id or by code, or a NotFound error.
func (s *Store) FindCertificate(ctx context.Context, idOrCode string) (*Certificate, error) {
	c, err := s.scanCert(s.db.Read.QueryRowContext(ctx, `SELECT `+certCols+` FROM certificates c JOIN officers o ON o.id = c.officer_id
		WHERE c.id = ? OR c.code = ?`, idOrCode, idOrCode))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, courses.E(courses.NotFound, "cert.unknown", idOrCode)
	}
	return c, err
}

// RevokeCertificate revokes a certificate with a reason, recording who did it. Revoking twice is
// a Conflict: the first revocation's date and reason stand.
func (s *Store) RevokeCertificate(ctx context.Context, id, reason, actor string) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		var revoked sql.NullString
		err := tx.QueryRow(`SELECT revoked_at FROM certificates WHERE id = ?`, id).Scan(&revoked)
		if errors.Is(err, sql.ErrNoRows) {
			return courses.E(courses.NotFound, "cert.unknown", id)
		}
		if err != nil {
			return err
		}
		if revoked.Valid {
			return courses.E(courses.Conflict, "cert.already_revoked", id, revoked.String)
		}
		if _, err := tx.Exec(`UPDATE certificates SET revoked_at = ?, revoked_reason = ?, revoked_by = ? WHERE id = ?`, s.stamp(), reason, actor, id); err != nil {
			return err
		}
		if err := addChange(tx, nil, "revocation", id, s.stamp()); err != nil {
			return err
		}
		return auditAbout(tx, s.stamp(), actor, "certificate.revoke", "certificate:"+id, certBadge(tx, id), id+": "+reason)
	})
}

// Totals are the dashboard's figures.
type Totals struct {
	Officers, Stations, Courses, Attempts, Passed, Certificates int
}

// Dashboard returns totals, the latest completions and the stations not synced for a week: of an
// agency's stations and their officers (agency by code; "" everything).
func (s *Store) Dashboard(ctx context.Context, agency string) (Totals, []Attempt, []Station, error) {
	var t Totals
	q := `SELECT (SELECT count(*) FROM officers), (SELECT count(*) FROM stations),
		(SELECT count(DISTINCT course_id) FROM course_versions), (SELECT count(*) FROM attempts),
		(SELECT count(*) FROM attempts WHERE passed = 1), (SELECT count(*) FROM certificates)`
	var args []any
	if agency != "" {
		ofOfficer := ` JOIN officers o ON o.id = x.officer_id JOIN stations s ON s.id = o.station_id WHERE ` + agencyCond
		q = `SELECT (SELECT count(*) FROM officers o JOIN stations s ON s.id = o.station_id WHERE ` + agencyCond + `),
		(SELECT count(*) FROM stations s WHERE ` + agencyCond + `), (SELECT count(DISTINCT course_id) FROM course_versions),
		(SELECT count(*) FROM attempts x` + ofOfficer + `), (SELECT count(*) FROM attempts x` + ofOfficer + ` AND x.passed = 1),
		(SELECT count(*) FROM certificates x` + ofOfficer + `)`
		for range 5 {
			args = append(args, agency, agency)
		}
	}
	err := s.db.Read.QueryRowContext(ctx, q, args...).
		Scan(&t.Officers, &t.Stations, &t.Courses, &t.Attempts, &t.Passed, &t.Certificates)
	if err != nil {
		return t, nil, nil, err
	}
	recent, err := s.ListAttempts(ctx, ResultFilter{Limit: 10, Agency: agency}, true)
	if err != nil {
		return t, nil, nil, err
	}
	all, err := s.ListStationsOf(ctx, agency)
	if err != nil {
		return t, nil, nil, err
	}
	var stale []Station
	for _, st := range all {
		if st.LastSyncAt.Before(s.now().Add(-7 * 24 * time.Hour)) {
			stale = append(stale, st)
		}
	}
	return t, recent, stale, nil
}

// dayLength is how long after an expiry date a certificate stays valid: the whole day when the
// date is a day (2006-01-02), none when it is a moment.
func dayLength(s string) time.Duration {
	if len(s) == len(time.DateOnly) {
		return 24 * time.Hour
	}
	return 0
}

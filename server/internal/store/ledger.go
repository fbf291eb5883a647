package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"

	"aula/courses"
	"aula/internal/sqlitedb"
)

// LedgerEntry is one line of an officer's training hours (docs/workshops.md, "The ledger"): a
// certificate he holds (neither revoked nor refused) or a completed course that issues none.
// Kind is "workshop" for an in-person workshop (approved here, or issued by hand without a
// course) and "course" otherwise; Day is YYYY-MM-DD (the workshop's day, the certificate's or the
// first pass's); Code is the certificate's verify code ("" for a course without certificates).
type LedgerEntry struct {
	Kind     string
	Title    courses.Text
	Day      string
	Hours    float64
	Area     string
	Code     string
	CourseID string
}

// ledgerRows is every ledger entry of the officers matched by where (over officers o), with the
// officer's id first. Portable SQL: both branches group or join only on plain columns.
const ledgerRows = `SELECT o.id AS oid, CASE WHEN w.id IS NOT NULL OR (c.attempt_id IS NULL AND c.course_id = '') THEN 'workshop' ELSE 'course' END AS kind,
		coalesce(w.title_json, c.title_json) AS title, coalesce(w.day, substr(c.issued_at, 1, 10)) AS day, c.hours AS hours,
		coalesce(w.area, v.area, 'other') AS area, c.code AS code, c.course_id AS course
	FROM certificates c JOIN officers o ON o.id = c.officer_id
	LEFT JOIN workshop_attendance wa ON wa.certificate_id = c.id LEFT JOIN workshops w ON w.id = wa.workshop_id
	LEFT JOIN course_versions v ON v.course_id = c.course_id AND v.version = c.course_version
	WHERE %[1]s AND c.revoked_at IS NULL AND NOT EXISTS (SELECT 1 FROM certificate_refusals r WHERE r.id = c.id)
	UNION ALL
	SELECT o.id, 'course', v.title_json, substr(min(a.submitted_at), 1, 10), v.hours, v.area, '', a.course_id
	FROM attempts a JOIN officers o ON o.id = a.officer_id
	JOIN course_versions v ON v.course_id = a.course_id AND v.version = a.course_version
	WHERE %[1]s AND a.passed = 1 AND v.cert_issue = 'none'
	GROUP BY o.id, a.course_id, a.course_version, v.title_json, v.hours, v.area`

func scanLedger(rows *sql.Rows) (LedgerEntry, error) {
	var e LedgerEntry
	var officer int64
	var title string
	err := rows.Scan(&officer, &e.Kind, &title, &e.Day, &e.Hours, &e.Area, &e.Code, &e.CourseID)
	_ = json.Unmarshal([]byte(title), &e.Title)
	return e, err
}

// Ledger returns an officer's ledger entries, oldest first.
func (s *Store) Ledger(ctx context.Context, badge string) ([]LedgerEntry, error) {
	q := fmt.Sprintf(ledgerRows, "o.badge = ?")
	return sqlitedb.QueryAll(ctx, s.db.Read, scanLedger, `SELECT oid, kind, title, day, hours, area, code, course FROM (`+q+`) l
		ORDER BY day, code`, badge, badge)
}

// HoursRow is the training hours of one group of officers in one year.
type HoursRow struct {
	Key, Year string
	Officers  int // officers with any hours that year
	Hours     float64
}

// HoursSummary sums the ledger of every officer by his station's agency (by "agency") or state
// (by "state") and the year of each entry; agency limits it to one agency's stations ("": all).
func (s *Store) HoursSummary(ctx context.Context, by, agency string) ([]HoursRow, error) {
	key := `coalesce(s.state, '')`
	if by == "agency" {
		key = `coalesce((SELECT a.code FROM agencies a WHERE a.id = s.agency_id), '')`
	}
	q := fmt.Sprintf(ledgerRows, "1 = 1")
	return sqlitedb.QueryAll(ctx, s.db.Read, func(r *sql.Rows) (HoursRow, error) {
		var h HoursRow
		err := r.Scan(&h.Key, &h.Year, &h.Officers, &h.Hours)
		return h, err
	}, `SELECT `+key+` AS k, substr(l.day, 1, 4) AS y, count(DISTINCT l.oid), sum(l.hours) FROM (`+q+`) l
		JOIN officers o ON o.id = l.oid JOIN stations s ON s.id = o.station_id WHERE `+agencyCond+`
		GROUP BY k, y ORDER BY k, y`, agency, agency)
}

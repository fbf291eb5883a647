package store

import (
	"context"
	"database/sql"
	"errors"
	"strconv"
	"time"

	"aula/courses"
	"aula/internal/sqlitedb"
)

// Requirement is a course some officers must hold (docs/programme.md). Agency and Station are
// codes ("" for every one), DueDate a day YYYY-MM-DD; exactly one of DueDate and DueDays is set.
type Requirement struct {
	ID         int64
	CourseID   string
	Agency     string
	Station    string
	Rank       string
	DueDate    string
	DueDays    *int
	WindowDays int
	CreatedBy  string
	CreatedAt  time.Time
	DeletedBy  string
	DeletedAt  time.Time // zero while it is in force
	// StationAgency is the agency code of Station ("" without station), for a coordinator's scope.
	StationAgency string
}

const requirementCols = `r.id, r.course_id, coalesce(a.code, ''), coalesce(s.code, ''), coalesce(r.rank, ''), coalesce(r.due_date, ''),
	r.due_days, r.window_days, r.created_by, r.created_at, coalesce(r.deleted_by, ''), coalesce(r.deleted_at, ''),
	coalesce((SELECT sa.code FROM agencies sa WHERE sa.id = s.agency_id), '')`

const requirementFrom = ` FROM requirements r LEFT JOIN agencies a ON a.id = r.agency_id LEFT JOIN stations s ON s.id = r.station_id`

func scanRequirement(rows *sql.Rows) (Requirement, error) {
	var r Requirement
	var days sql.NullInt64
	var created, deleted string
	err := rows.Scan(&r.ID, &r.CourseID, &r.Agency, &r.Station, &r.Rank, &r.DueDate, &days, &r.WindowDays, &r.CreatedBy, &created,
		&r.DeletedBy, &deleted, &r.StationAgency)
	if days.Valid {
		n := int(days.Int64)
		r.DueDays = &n
	}
	r.CreatedAt, r.DeletedAt = parseTime(created), parseTime(deleted)
	return r, err
}

// CreateRequirement stores a requirement (already validated by the service; an unknown agency or
// station is an Invalid error), records today as its first day for every officer it reaches, and
// sends every station its required training again. It returns the new id.
func (s *Store) CreateRequirement(ctx context.Context, r Requirement, actor string) (int64, error) {
	var id int64
	err := s.tx(ctx, func(tx *sql.Tx) error {
		aid, err := agencyID(tx, r.Agency)
		if err != nil {
			return err
		}
		var sid *int64
		if r.Station != "" {
			var n int64
			if err := tx.QueryRow(`SELECT id FROM stations WHERE code = ?`, r.Station).Scan(&n); errors.Is(err, sql.ErrNoRows) {
				return courses.E(courses.Invalid, "station.unknown", r.Station)
			} else if err != nil {
				return err
			}
			sid = &n
		}
		now := s.stamp()
		if err := tx.QueryRow(`INSERT INTO requirements (course_id, agency_id, station_id, rank, due_date, due_days, window_days, created_by, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`, r.CourseID, aid, sid, nullable(r.Rank), nullable(r.DueDate), r.DueDays,
			r.WindowDays, actor, now).Scan(&id); err != nil {
			return err
		}
		if err := fillApplies(tx, s.today(), nil, &id); err != nil {
			return err
		}
		if err := addChange(tx, nil, ChangeRequirements, strconv.FormatInt(id, 10), now); err != nil {
			return err
		}
		return audit(tx, now, actor, "requirement.create", "requirement:"+strconv.FormatInt(id, 10), requirementDetail(id, r))
	})
	return id, err
}

func requirementDetail(id int64, r Requirement) string {
	d := "#" + strconv.FormatInt(id, 10) + " " + r.CourseID
	for _, kv := range [][2]string{{"agency", r.Agency}, {"station", r.Station}, {"rank", r.Rank}, {"due_date", r.DueDate}} {
		if kv[1] != "" {
			d += " " + kv[0] + "=" + kv[1]
		}
	}
	if r.DueDays != nil {
		d += " due_days=" + strconv.Itoa(*r.DueDays)
	}
	return d
}

// ListRequirements returns the requirements in force, oldest first. With an agency code, only
// those a coordinator of that agency sees: for everyone, for his agency, or for one of its
// stations.
func (s *Store) ListRequirements(ctx context.Context, agency string) ([]Requirement, error) {
	return sqlitedb.QueryAll(ctx, s.db.Read, scanRequirement, `SELECT `+requirementCols+requirementFrom+`
		WHERE r.deleted_at IS NULL AND (? = '' OR (coalesce(a.code, '') IN ('', ?)
			AND (r.station_id IS NULL OR s.agency_id = (SELECT x.id FROM agencies x WHERE x.code = ?))))
		ORDER BY r.id`, agency, agency, agency)
}

// FindRequirement returns a requirement, deleted or not, or a NotFound error.
func (s *Store) FindRequirement(ctx context.Context, id int64) (*Requirement, error) {
	list, err := sqlitedb.QueryAll(ctx, s.db.Read, scanRequirement, `SELECT `+requirementCols+requirementFrom+` WHERE r.id = ?`, id)
	if err != nil {
		return nil, err
	}
	if len(list) == 0 {
		return nil, courses.E(courses.NotFound, "requirement.unknown", id)
	}
	return &list[0], nil
}

// DeleteRequirement ends a requirement: its row stays (deleted_at, deleted_by) for the audit, it
// no longer applies, and every station is sent its required training again. NotFound when there
// is no such requirement in force.
func (s *Store) DeleteRequirement(ctx context.Context, id int64, actor string) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		now := s.stamp()
		res, err := tx.Exec(`UPDATE requirements SET deleted_at = ?, deleted_by = ? WHERE id = ? AND deleted_at IS NULL`, now, actor, id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return courses.E(courses.NotFound, "requirement.unknown", id)
		}
		if err := addChange(tx, nil, ChangeRequirements, strconv.FormatInt(id, 10), now); err != nil {
			return err
		}
		return audit(tx, now, actor, "requirement.delete", "requirement:"+strconv.FormatInt(id, 10), "#"+strconv.FormatInt(id, 10))
	})
}

// CourseExists reports whether any version of a course is published.
func (s *Store) CourseExists(ctx context.Context, courseID string) (bool, error) {
	var n int
	err := s.db.Read.QueryRowContext(ctx, `SELECT count(*) FROM course_versions WHERE course_id = ?`, courseID).Scan(&n)
	return n > 0, err
}

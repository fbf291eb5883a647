package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"aula/courses"
	"aula/internal/sqlitedb"
)

// ChangeWorkshop is the change kind that sends a workshop to its station's node (protocol
// version 4 on; docs/workshops.md).
const ChangeWorkshop = "workshop"

// Workshop statuses.
const (
	WorkshopScheduled = "scheduled"
	WorkshopClosed    = "closed"
	WorkshopApproved  = "approved"
)

// Workshop is an in-person workshop held at one station on one day.
type Workshop struct {
	ID         string
	Title      courses.Text
	Area       string
	Hours      float64
	Station    string // code
	Day        string // YYYY-MM-DD
	Trainer    string
	CourseID   string // "" when it counts for no course
	Counts     bool   // the workshop says attending completes CourseID
	Status     string
	CreatedBy  string
	ApprovedBy string
	// Read back only.
	StationName, Agency, State string
	Officers, Guests           int // participants so far
}

const workshopCols = `w.id, w.title_json, w.area, w.hours, s.code, w.day, w.trainer, coalesce(w.course_id, ''), w.counts, w.status,
	w.created_by, coalesce(w.approved_by, ''), s.name, coalesce((SELECT a.code FROM agencies a WHERE a.id = s.agency_id), ''),
	coalesce(s.state, ''), (SELECT count(*) FROM workshop_attendance x WHERE x.workshop_id = w.id),
	(SELECT count(*) FROM workshop_guests g WHERE g.workshop_id = w.id)`

const workshopFrom = ` FROM workshops w JOIN stations s ON s.id = w.station_id`

func scanWorkshop(rows *sql.Rows) (Workshop, error) {
	var w Workshop
	var title string
	err := rows.Scan(&w.ID, &title, &w.Area, &w.Hours, &w.Station, &w.Day, &w.Trainer, &w.CourseID, &w.Counts, &w.Status,
		&w.CreatedBy, &w.ApprovedBy, &w.StationName, &w.Agency, &w.State, &w.Officers, &w.Guests)
	_ = json.Unmarshal([]byte(title), &w.Title)
	return w, err
}

// CreateWorkshop stores a workshop (validated by the service) and queues it for its station's
// node, in one transaction.
func (s *Store) CreateWorkshop(ctx context.Context, w Workshop, actor string) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		var stationID int64
		if err := tx.QueryRow(`SELECT id FROM stations WHERE code = ?`, w.Station).Scan(&stationID); errors.Is(err, sql.ErrNoRows) {
			return courses.E(courses.Invalid, "station.unknown", w.Station)
		} else if err != nil {
			return err
		}
		title, _ := json.Marshal(w.Title)
		now := s.stamp()
		if _, err := tx.Exec(`INSERT INTO workshops (id, title_json, area, hours, station_id, day, trainer, course_id, counts, status, created_by, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, w.ID, string(title), w.Area, w.Hours, stationID, w.Day, w.Trainer, nullable(w.CourseID),
			w.Counts, WorkshopScheduled, actor, now); err != nil {
			return err
		}
		if err := addChange(tx, &stationID, ChangeWorkshop, w.ID, now); err != nil {
			return err
		}
		return audit(tx, now, actor, "workshop.create", "workshop:"+w.ID, fmt.Sprintf("%s %s %s %s", w.ID, w.Station, w.Day, w.Title.In("es", "es")))
	})
}

// FindWorkshop returns a workshop, or a NotFound error.
func (s *Store) FindWorkshop(ctx context.Context, id string) (*Workshop, error) {
	list, err := sqlitedb.QueryAll(ctx, s.db.Read, scanWorkshop, `SELECT `+workshopCols+workshopFrom+` WHERE w.id = ?`, id)
	if err != nil {
		return nil, err
	}
	if len(list) == 0 {
		return nil, courses.E(courses.NotFound, "workshop.unknown", id)
	}
	return &list[0], nil
}

// WorkshopFilter narrows ListWorkshops; every field is optional. From and To are days
// (inclusive).
type WorkshopFilter struct {
	Agency, State, Station, Status, From, To string
	Paging
}

func (f WorkshopFilter) where() (string, []any) {
	to := f.To
	if to == "" {
		to = "9999-12-31"
	}
	return workshopFrom + ` WHERE (? = '' OR s.code = ?) AND ` + agencyCond + ` AND (? = '' OR s.state = ?) AND (? = '' OR w.status = ?)
		AND w.day >= ? AND w.day <= ?`,
		[]any{f.Station, f.Station, f.Agency, f.Agency, f.State, f.State, f.Status, f.Status, f.From, to}
}

// ListWorkshops returns the workshops matching f, newest day first.
func (s *Store) ListWorkshops(ctx context.Context, f WorkshopFilter) ([]Workshop, error) {
	from, args := f.where()
	limit := f.Limit
	if limit <= 0 {
		limit = noLimit
	}
	return sqlitedb.QueryAll(ctx, s.db.Read, scanWorkshop, `SELECT `+workshopCols+from+` ORDER BY w.day DESC, w.id DESC`+pageSQL(limit, f.Offset),
		args...)
}

// CountWorkshops counts the workshops matching f.
func (s *Store) CountWorkshops(ctx context.Context, f WorkshopFilter) (int, error) {
	from, args := f.where()
	return s.count(ctx, `SELECT count(*)`+from, args...)
}

// Participant is someone on a workshop's list: an officer (Badge set) or a guest (GuestID set).
type Participant struct {
	AttendanceID, Badge, GuestID string
	Name                         string
	Station                      string // the officer's station now ("" for a guest)
	OtherStation                 bool   // an officer of another station than the workshop's
	Document, Institution        string // guests only
	Source                       string // a node id, or "paper"
	CertCode                     string // once approved
}

// Participants lists a workshop's officers (by name) then its guests (in the order added).
func (s *Store) Participants(ctx context.Context, workshopID string) ([]Participant, error) {
	officers, err := sqlitedb.QueryAll(ctx, s.db.Read, func(r *sql.Rows) (Participant, error) {
		var p Participant
		err := r.Scan(&p.AttendanceID, &p.Badge, &p.Name, &p.Station, &p.OtherStation, &p.Source, &p.CertCode)
		return p, err
	}, `SELECT a.id, o.badge, o.given_names || ' ' || o.family_names, s.code, o.station_id <> w.station_id, a.source,
		coalesce((SELECT c.code FROM certificates c WHERE c.id = a.certificate_id), '')
		FROM workshop_attendance a JOIN officers o ON o.id = a.officer_id JOIN stations s ON s.id = o.station_id
		JOIN workshops w ON w.id = a.workshop_id WHERE a.workshop_id = ? ORDER BY o.family_names, o.given_names, o.badge`, workshopID)
	if err != nil {
		return nil, err
	}
	guests, err := sqlitedb.QueryAll(ctx, s.db.Read, func(r *sql.Rows) (Participant, error) {
		var p Participant
		err := r.Scan(&p.GuestID, &p.Name, &p.Document, &p.Institution, &p.Source, &p.CertCode)
		return p, err
	}, `SELECT id, name, document, institution, source, coalesce(cert_code, '') FROM workshop_guests WHERE workshop_id = ?
		ORDER BY added_at, id`, workshopID)
	return append(officers, guests...), err
}

// AddPaperRoster records the officers of a paper roster (badges, already checked to exist) as
// attendees, for a station that had no terminal working that day: the workshop counts as closed.
// It returns how many were new. A workshop already approved is a Conflict.
func (s *Store) AddPaperRoster(ctx context.Context, workshopID string, badges []string, actor string) (int, error) {
	added := 0
	err := s.tx(ctx, func(tx *sql.Tx) error {
		now := s.stamp()
		status, stationID, err := workshopState(tx, workshopID)
		if err != nil {
			return err
		}
		if status == WorkshopApproved {
			return courses.E(courses.Conflict, "workshop.approved")
		}
		for _, b := range badges {
			res, err := tx.Exec(`INSERT INTO workshop_attendance (id, workshop_id, officer_id, source, signed_at, received_at)
				SELECT ?, ?, id, 'paper', ?, ? FROM officers WHERE badge = ? ON CONFLICT DO NOTHING`, courses.NewID(), workshopID, now, now, b)
			if err != nil {
				return err
			}
			n, _ := res.RowsAffected()
			added += int(n)
		}
		if _, err := tx.Exec(`UPDATE workshops SET status = ?, closed_at = coalesce(closed_at, ?) WHERE id = ?`, WorkshopClosed, now, workshopID); err != nil {
			return err
		}
		if err := addChange(tx, &stationID, ChangeWorkshop, workshopID, now); err != nil {
			return err
		}
		return audit(tx, now, actor, "workshop.paper_roster", "workshop:"+workshopID, fmt.Sprintf("%s %d badges, %d new", workshopID, len(badges), added))
	})
	return added, err
}

// workshopState returns a workshop's status and station id in a transaction.
func workshopState(tx *sql.Tx, id string) (status string, stationID int64, err error) {
	err = tx.QueryRow(`SELECT status, station_id FROM workshops WHERE id = ?`, id).Scan(&status, &stationID)
	if errors.Is(err, sql.ErrNoRows) {
		err = courses.E(courses.NotFound, "workshop.unknown", id)
	}
	return status, stationID, err
}

// WorkshopCredits returns, for an approved workshop, each attending officer's badge and
// certificate id (badge order).
func (s *Store) WorkshopCredits(ctx context.Context, id string) ([][2]string, error) {
	return sqlitedb.QueryAll(ctx, s.db.Read, func(r *sql.Rows) ([2]string, error) {
		var c [2]string
		err := r.Scan(&c[0], &c[1])
		return c, err
	}, `SELECT o.badge, a.certificate_id FROM workshop_attendance a JOIN officers o ON o.id = a.officer_id
		WHERE a.workshop_id = ? AND a.certificate_id IS NOT NULL ORDER BY o.badge`, id)
}

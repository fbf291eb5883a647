package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"strings"
	"time"

	"aula/courses"
	"aula/internal/sqlitedb"
	"aula/sync/protocol"
)

// Workshop is an in-person workshop of this station, with what was taken here.
type Workshop struct {
	ID       string
	Title    courses.Text
	Area     string
	Hours    float64
	Day      string // YYYY-MM-DD
	Trainer  string
	CourseID string
	Status   string // at the center: scheduled, closed or approved
	// ClosedHere: the commander closed the list on this node.
	ClosedHere       bool
	Officers, Guests int
	SignedIn         bool // the officer asked about (ListWorkshops' badge) is on the list
	CertificateID    string
}

// Open reports whether officers may still sign in and guests be added.
func (w *Workshop) Open() bool { return w.Status == "scheduled" && !w.ClosedHere }

const nodeWorkshopCols = `w.id, w.title_json, w.area, w.hours, w.day, w.trainer, w.course_id, w.status,
	EXISTS (SELECT 1 FROM workshop_closes c WHERE c.workshop_id = w.id),
	(SELECT count(*) FROM workshop_attendance a WHERE a.workshop_id = w.id),
	(SELECT count(*) FROM workshop_guests g WHERE g.workshop_id = w.id),
	EXISTS (SELECT 1 FROM workshop_attendance a WHERE a.workshop_id = w.id AND a.badge = ?),
	coalesce((SELECT cr.certificate_id FROM workshop_credits cr WHERE cr.workshop_id = w.id AND cr.badge = ?), '')`

func scanNodeWorkshop(rows *sql.Rows) (Workshop, error) {
	var w Workshop
	var title string
	err := rows.Scan(&w.ID, &title, &w.Area, &w.Hours, &w.Day, &w.Trainer, &w.CourseID, &w.Status, &w.ClosedHere, &w.Officers, &w.Guests,
		&w.SignedIn, &w.CertificateID)
	_ = json.Unmarshal([]byte(title), &w.Title)
	return w, err
}

// ListWorkshops returns this station's workshops, newest day first, with whether badge signed in.
func (s *Store) ListWorkshops(ctx context.Context, badge string) ([]Workshop, error) {
	return sqlitedb.QueryAll(ctx, s.db.Read, scanNodeWorkshop, `SELECT `+nodeWorkshopCols+` FROM workshops w ORDER BY w.day DESC, w.id`, badge, badge)
}

// FindWorkshop returns one of this station's workshops, or a NotFound error.
func (s *Store) FindWorkshop(ctx context.Context, id, badge string) (*Workshop, error) {
	list, err := sqlitedb.QueryAll(ctx, s.db.Read, scanNodeWorkshop, `SELECT `+nodeWorkshopCols+` FROM workshops w WHERE w.id = ?`, badge, badge, id)
	if err != nil {
		return nil, err
	}
	if len(list) == 0 {
		return nil, courses.E(courses.NotFound, "workshop.unknown")
	}
	return &list[0], nil
}

// openWorkshop checks, in a transaction, that a workshop exists and its list is still open.
func openWorkshop(tx *sql.Tx, id string) error {
	var status string
	var closed bool
	err := tx.QueryRow(`SELECT status, EXISTS (SELECT 1 FROM workshop_closes c WHERE c.workshop_id = w.id) FROM workshops w WHERE id = ?`, id).
		Scan(&status, &closed)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return courses.E(courses.NotFound, "workshop.unknown")
	case err != nil:
		return err
	case closed || status != "scheduled":
		return courses.E(courses.Conflict, "workshop.closed")
	}
	return nil
}

// enqueueFact records a workshop fact in the outbox (in the caller's transaction).
func enqueueFact(tx *sql.Tx, kind string, f protocol.WorkshopFact, now string) error {
	payload, err := json.Marshal(f)
	if err != nil {
		return err
	}
	return enqueue(tx, kind, f.ID, payload, now)
}

// SignIn puts an officer (who proved his PIN) on a workshop's list and queues the fact for the
// center. It reports whether he was new on it: signing in twice is harmless. A closed list is a
// Conflict.
func (s *Store) SignIn(ctx context.Context, workshopID, badge string) (bool, error) {
	added := false
	err := s.tx(ctx, func(tx *sql.Tx) error {
		var held int
		if err := tx.QueryRow(`SELECT count(*) FROM workshop_attendance WHERE workshop_id = ? AND badge = ?`, workshopID, badge).Scan(&held); err != nil {
			return err
		}
		if err := openWorkshop(tx, workshopID); err != nil {
			if held > 0 && courses.ErrorCode(err) == courses.Conflict {
				return nil // already on the closed list: nothing to refuse
			}
			return err
		}
		if held > 0 {
			return nil
		}
		now := s.stamp()
		f := protocol.WorkshopFact{ID: courses.NewID(), Workshop: workshopID, Badge: badge, At: s.Now().Unix()}
		if _, err := tx.Exec(`INSERT INTO workshop_attendance (id, workshop_id, badge, signed_at) VALUES (?, ?, ?, ?)`, f.ID, workshopID, badge, now); err != nil {
			return err
		}
		added = true
		return enqueueFact(tx, protocol.KindWorkshopAttendance, f, now)
	})
	return added, err
}

// Guest is a participant who is not an officer.
type Guest struct {
	ID, Name, Document, Institution string
}

// AddGuest adds a guest to an open workshop's list and queues the fact; it returns the guest's
// id. Name (≤ 200) and identity document (≤ 60) are required.
func (s *Store) AddGuest(ctx context.Context, workshopID string, g Guest, by string) (string, error) {
	g.Name, g.Document, g.Institution = strings.TrimSpace(g.Name), strings.TrimSpace(g.Document), strings.TrimSpace(g.Institution)
	fields := map[string]courses.Msg{}
	if g.Name == "" || len(g.Name) > 200 {
		fields["name"] = courses.M("v.guest_name")
	}
	if g.Document == "" || len(g.Document) > 60 {
		fields["document"] = courses.M("v.guest_document")
	}
	if len(g.Institution) > 200 {
		fields["institution"] = courses.M("v.guest_institution")
	}
	if len(fields) > 0 {
		return "", courses.InvalidFields(fields)
	}
	f := protocol.WorkshopFact{ID: courses.NewID(), Workshop: workshopID, Name: g.Name, Document: g.Document, Institution: g.Institution,
		By: by, At: s.Now().Unix()}
	err := s.tx(ctx, func(tx *sql.Tx) error {
		if err := openWorkshop(tx, workshopID); err != nil {
			return err
		}
		now := s.stamp()
		if _, err := tx.Exec(`INSERT INTO workshop_guests (id, workshop_id, name, document, institution, added_by, added_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
			f.ID, workshopID, g.Name, g.Document, g.Institution, by, now); err != nil {
			return err
		}
		return enqueueFact(tx, protocol.KindWorkshopGuest, f, now)
	})
	return f.ID, err
}

// CloseWorkshop closes a workshop's list (once: closing again changes nothing) and queues the
// fact; the attendance then travels up with the next sync.
func (s *Store) CloseWorkshop(ctx context.Context, workshopID, by string) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		if err := openWorkshop(tx, workshopID); err != nil {
			if courses.ErrorCode(err) == courses.Conflict {
				return nil
			}
			return err
		}
		now := s.stamp()
		f := protocol.WorkshopFact{ID: courses.NewID(), Workshop: workshopID, By: by, At: s.Now().Unix()}
		if _, err := tx.Exec(`INSERT INTO workshop_closes (workshop_id, id, closed_by, closed_at) VALUES (?, ?, ?, ?)`, workshopID, f.ID, by, now); err != nil {
			return err
		}
		return enqueueFact(tx, protocol.KindWorkshopClose, f, now)
	})
}

// Attendee is someone on a workshop's list here.
type Attendee struct {
	Badge, Name, Guest, Institution string
	At                              time.Time
}

// Attendees lists a workshop's officers (with their names from the roster) then its guests.
func (s *Store) Attendees(ctx context.Context, workshopID string) ([]Attendee, error) {
	return sqlitedb.QueryAll(ctx, s.db.Read, func(r *sql.Rows) (Attendee, error) {
		var a Attendee
		var at string
		err := r.Scan(&a.Badge, &a.Name, &a.Guest, &a.Institution, &at)
		a.At, _ = time.Parse(time.RFC3339Nano, at)
		return a, err
	}, `SELECT a.badge, coalesce((SELECT o.given_names || ' ' || o.family_names FROM officers o WHERE o.badge = a.badge), a.badge), '', '', a.signed_at
		FROM workshop_attendance a WHERE a.workshop_id = ?
		UNION ALL SELECT '', g.name, g.id, g.institution, g.added_at FROM workshop_guests g WHERE g.workshop_id = ?
		ORDER BY 5`, workshopID, workshopID)
}

// applyWorkshops stores the workshops of a reply as the center holds them now.
func applyWorkshops(tx *sql.Tx, list []protocol.Workshop) error {
	for _, w := range list {
		title, _ := json.Marshal(w.Title)
		if _, err := tx.Exec(`INSERT INTO workshops (id, title_json, area, hours, day, trainer, course_id, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT(id) DO UPDATE SET title_json = excluded.title_json, area = excluded.area, hours = excluded.hours, day = excluded.day,
			trainer = excluded.trainer, course_id = excluded.course_id, status = excluded.status`,
			w.ID, string(title), w.Area, w.Hours, w.Date, w.Trainer, w.CourseID, w.Status); err != nil {
			return err
		}
		for _, cr := range w.Credits {
			if _, err := tx.Exec(`INSERT INTO workshop_credits (workshop_id, badge, certificate_id) VALUES (?, ?, ?)
				ON CONFLICT(workshop_id, badge) DO UPDATE SET certificate_id = excluded.certificate_id`, w.ID, cr.Badge, cr.CertID); err != nil {
				return err
			}
		}
	}
	return nil
}

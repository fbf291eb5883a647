package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"aula/courses"
	"aula/sync/protocol"
)

// applyWorkshopFact writes a workshop fact a node pushed (an attendance, a guest, a close), or
// returns why it is set aside: a workshop that is unknown or not the node's station's, an officer
// never on the station's roster, anything new once the workshop is approved. The same fact sent
// again is already applied; a second attendance of the same officer adds nothing.
func (ps *pushStmts) applyWorkshopFact(nodeID string, stationID int64, kind string, f *protocol.WorkshopFact, now string) (string, error) {
	tx := ps.tx
	var status string
	var at int64
	err := tx.QueryRow(`SELECT status, station_id FROM workshops WHERE id = ?`, f.Workshop).Scan(&status, &at)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return fmt.Sprintf("workshop %q is not known at the center", f.Workshop), nil
	case err != nil:
		return "", err
	case at != stationID:
		return fmt.Sprintf("workshop %s is not held at this node's station", f.Workshop), nil
	case f.ID == "" || len(f.ID) > 64:
		return "malformed workshop record: its id is empty or too long", nil
	}
	signed := time.Unix(f.At, 0).UTC().Format(time.RFC3339)
	switch kind {
	case protocol.KindWorkshopAttendance:
		var held int
		if err := tx.QueryRow(`SELECT count(*) FROM workshop_attendance WHERE id = ?`, f.ID).Scan(&held); err != nil || held > 0 {
			return "", err
		}
		if status == WorkshopApproved {
			return fmt.Sprintf("workshop %s was already approved: the attendance of %s came too late", f.Workshop, f.Badge), nil
		}
		var officerID int64
		if err := ps.officer.QueryRow(f.Badge, stationID).Scan(&officerID); errors.Is(err, sql.ErrNoRows) {
			return fmt.Sprintf("officer %s has never been on this station's roster", f.Badge), nil
		} else if err != nil {
			return "", err
		}
		_, err := tx.Exec(`INSERT INTO workshop_attendance (id, workshop_id, officer_id, source, signed_at, received_at)
			VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`, f.ID, f.Workshop, officerID, nodeID, signed, now)
		return "", err
	case protocol.KindWorkshopGuest:
		var held int
		if err := tx.QueryRow(`SELECT count(*) FROM workshop_guests WHERE id = ?`, f.ID).Scan(&held); err != nil || held > 0 {
			return "", err
		}
		if status == WorkshopApproved {
			return fmt.Sprintf("workshop %s was already approved: the guest %s came too late", f.Workshop, f.Name), nil
		}
		if problem := guestProblem(f.Name, f.Document, f.Institution); problem != "" {
			return "malformed guest: " + problem, nil
		}
		_, err := tx.Exec(`INSERT INTO workshop_guests (id, workshop_id, name, document, institution, source, added_by, added_at, received_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`, f.ID, f.Workshop, strings.TrimSpace(f.Name), strings.TrimSpace(f.Document),
			strings.TrimSpace(f.Institution), nodeID, f.By, signed, now)
		return "", err
	case protocol.KindWorkshopClose:
		_, err := tx.Exec(`UPDATE workshops SET status = ?, closed_at = ? WHERE id = ? AND status = ?`, WorkshopClosed, now, f.Workshop, WorkshopScheduled)
		return "", err
	}
	return fmt.Sprintf("unknown record kind %q", kind), nil
}

// guestProblem says what is wrong with a guest's details ("" when nothing).
func guestProblem(name, document, institution string) string {
	name, document, institution = strings.TrimSpace(name), strings.TrimSpace(document), strings.TrimSpace(institution)
	switch {
	case name == "" || len(name) > 200:
		return "the name is empty or longer than 200 bytes"
	case document == "" || len(document) > 60:
		return "the identity document is empty or longer than 60 bytes"
	case len(institution) > 200:
		return "the institution is longer than 200 bytes"
	}
	return ""
}

// GuestCert is the certificate issued to a guest of an approved workshop.
type GuestCert struct {
	GuestID, ID, Code, Token, IssuedOn string
}

// ApproveWorkshop approves a workshop: it records each officer's certificate (keyed by his
// attendance id; each is queued for his station's node) and each guest's, marks the workshop
// approved and sends it to its node again, all in one transaction. A workshop already approved
// is a Conflict, and so is a list that changed since the certificates were made (try again).
func (s *Store) ApproveWorkshop(ctx context.Context, id string, officers map[string]NewCertificate, guests []GuestCert, actor string) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		now := s.stamp()
		status, stationID, err := workshopState(tx, id)
		if err != nil {
			return err
		}
		if status == WorkshopApproved {
			return courses.E(courses.Conflict, "workshop.approved")
		}
		var nOfficers, nGuests int
		if err := tx.QueryRow(`SELECT (SELECT count(*) FROM workshop_attendance WHERE workshop_id = ?),
			(SELECT count(*) FROM workshop_guests WHERE workshop_id = ?)`, id, id).Scan(&nOfficers, &nGuests); err != nil {
			return err
		}
		if nOfficers != len(officers) || nGuests != len(guests) {
			return courses.E(courses.Conflict, "workshop.changed")
		}
		if nOfficers+nGuests == 0 {
			return courses.E(courses.Invalid, "workshop.no_participants")
		}
		certs := make([]NewCertificate, 0, len(officers))
		for attendance, c := range officers {
			certs = append(certs, c)
			if _, err := tx.Exec(`UPDATE workshop_attendance SET certificate_id = ? WHERE id = ? AND workshop_id = ?`, c.Claims.ID, attendance, id); err != nil {
				return err
			}
		}
		if err := issueCerts(tx, certs, actor, now); err != nil {
			return err
		}
		for _, g := range guests {
			if _, err := tx.Exec(`UPDATE workshop_guests SET cert_id = ?, cert_code = ?, cert_token = ?, cert_issued = ? WHERE id = ? AND workshop_id = ?`,
				g.ID, g.Code, g.Token, g.IssuedOn, g.GuestID, id); err != nil {
				return err
			}
		}
		if _, err := tx.Exec(`UPDATE workshops SET status = ?, approved_by = ?, approved_at = ?, closed_at = coalesce(closed_at, ?) WHERE id = ?`,
			WorkshopApproved, actor, now, now, id); err != nil {
			return err
		}
		if err := addChange(tx, &stationID, ChangeWorkshop, id, now); err != nil {
			return err
		}
		return audit(tx, now, actor, "workshop.approve", "workshop:"+id, fmt.Sprintf("%s %d officers %d guests", id, len(officers), len(guests)))
	})
}

// GuestCertificate is a guest's certificate as /verify shows it: never the identity document.
type GuestCertificate struct {
	Code, Name, Institution, IssuedOn, Token string
	Title                                    courses.Text
}

// FindGuestCertificate returns the guest certificate with a code, or a NotFound error.
func (s *Store) FindGuestCertificate(ctx context.Context, code string) (*GuestCertificate, error) {
	var g GuestCertificate
	var title string
	err := s.db.Read.QueryRowContext(ctx, `SELECT g.cert_code, g.name, g.institution, g.cert_issued, g.cert_token, w.title_json
		FROM workshop_guests g JOIN workshops w ON w.id = g.workshop_id WHERE g.cert_code = ?`, code).Scan(&g.Code, &g.Name, &g.Institution, &g.IssuedOn, &g.Token, &title)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, courses.E(courses.NotFound, "cert.unknown", code)
	}
	if err != nil {
		return nil, err
	}
	_ = json.Unmarshal([]byte(title), &g.Title)
	return &g, nil
}

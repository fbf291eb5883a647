package store

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"aula/courses"
	"aula/courses/compliance"
	"aula/courses/format"
	"aula/internal/sqlitedb"
)

// Staff roles of the programme (docs/programme.md).
const (
	RoleCoordinator = "coordinator" // an agency's training office: only that agency
	RoleAuditor     = "auditor"     // reads everything, changes nothing
)

// ChangeRequirements is the change-feed kind that sends a station its required training again
// (protocol.ChangeRequirements); station_id NULL: every station.
const ChangeRequirements = "requirements"

// Agency is a police force ("cuerpo"): the national police, a state or a municipal police.
type Agency struct {
	ID        int64
	Code      string
	Name      string
	CreatedAt time.Time
	Stations  int
}

// SetZone sets the time zone of the calendar days the store writes (a requirement's first day);
// nil keeps America/Caracas.
func (s *Store) SetZone(loc *time.Location) {
	if loc != nil {
		s.zone = loc
	}
}

// today is the center's calendar day now, as YYYY-MM-DD.
func (s *Store) today() string {
	zone := s.zone
	if zone == nil {
		zone, _ = format.Zone("")
	}
	return compliance.Day(s.now(), zone).Format(time.DateOnly)
}

// CreateAgency registers an agency; its code must be new.
func (s *Store) CreateAgency(ctx context.Context, code, name, actor string) (*Agency, error) {
	a := &Agency{Code: code, Name: name, CreatedAt: s.now()}
	err := s.tx(ctx, func(tx *sql.Tx) error {
		err := tx.QueryRow(`INSERT INTO agencies (code, name, created_at) VALUES (?, ?, ?) RETURNING id`, code, name, s.stamp()).Scan(&a.ID)
		if isUnique(err) {
			return courses.E(courses.Conflict, "agency.exists", code)
		}
		if err != nil {
			return err
		}
		return audit(tx, s.stamp(), actor, "agency.create", "agency:"+code, code+" "+name)
	})
	return a, err
}

// ListAgencies returns every agency by code with its number of stations.
func (s *Store) ListAgencies(ctx context.Context) ([]Agency, error) {
	return sqlitedb.QueryAll(ctx, s.db.Read, scanAgency, `SELECT a.id, a.code, a.name, a.created_at,
		(SELECT count(*) FROM stations s WHERE s.agency_id = a.id) FROM agencies a ORDER BY a.code`)
}

// FindAgency returns the agency with code, or a NotFound error.
func (s *Store) FindAgency(ctx context.Context, code string) (*Agency, error) {
	rows, err := s.db.Read.QueryContext(ctx, `SELECT a.id, a.code, a.name, a.created_at,
		(SELECT count(*) FROM stations s WHERE s.agency_id = a.id) FROM agencies a WHERE a.code = ?`, code)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	if !rows.Next() {
		return nil, errors.Join(rows.Err(), courses.E(courses.NotFound, "agency.unknown", code))
	}
	a, err := scanAgency(rows)
	return &a, err
}

func scanAgency(rows *sql.Rows) (Agency, error) {
	var a Agency
	var created string
	err := rows.Scan(&a.ID, &a.Code, &a.Name, &created, &a.Stations)
	a.CreatedAt = parseTime(created)
	return a, err
}

// agencyID returns the id of the agency with code inside tx ("" is no agency: nil).
func agencyID(tx *sql.Tx, code string) (*int64, error) {
	if code == "" {
		return nil, nil
	}
	var id int64
	err := tx.QueryRow(`SELECT id FROM agencies WHERE code = ?`, code).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, courses.E(courses.Invalid, "agency.unknown", code)
	}
	return &id, err
}

// SetStationOrg puts a station in an agency and a state ("" leaves either empty). The station's
// node is sent its required training again (requirements of the new agency now apply there).
func (s *Store) SetStationOrg(ctx context.Context, code, agency, state, actor string) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		aid, err := agencyID(tx, agency)
		if err != nil {
			return err
		}
		var sid int64
		err = tx.QueryRow(`UPDATE stations SET agency_id = ?, state = ? WHERE code = ? RETURNING id`, aid, nullable(state), code).Scan(&sid)
		if errors.Is(err, sql.ErrNoRows) {
			return courses.E(courses.NotFound, "station.unknown", code)
		}
		if err != nil {
			return err
		}
		if err := s.rosterChanged(tx, sid, s.stamp()); err != nil {
			return err
		}
		return audit(tx, s.stamp(), actor, "station.org", "station:"+code, code+" "+agency+" "+state)
	})
}

// SetCommander makes an officer of the station its commander (on) or not. The officer must
// belong to that station; the flag reaches the station's node with the roster.
func (s *Store) SetCommander(ctx context.Context, stationCode, badge string, on bool, actor string) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		id, sid, code, _, err := officerIn(tx, badge)
		if err != nil {
			return err
		}
		if code != stationCode {
			return courses.E(courses.Invalid, "commander.not_at_station", badge, stationCode)
		}
		if _, err := tx.Exec(`UPDATE officers SET commander = ?, updated_at = ? WHERE id = ?`, boolInt(on), s.stamp(), id); err != nil {
			return err
		}
		if err := s.rosterChanged(tx, sid, s.stamp()); err != nil {
			return err
		}
		action := "station.commander"
		if !on {
			action = "station.commander_removed"
		}
		return auditOn(tx, s.stamp(), actor, action, badge, code)
	})
}

// rosterChanged notes that a station's roster changed (import, move, PIN, commander, agency):
// the requirements that now reach its officers get their first day (today, for those they did
// not reach before), and the node is sent both the roster and its required training again.
func (s *Store) rosterChanged(tx *sql.Tx, stationID int64, now string) error {
	if err := fillApplies(tx, s.today(), &stationID, nil); err != nil {
		return err
	}
	if err := addChange(tx, &stationID, "roster", "", now); err != nil {
		return err
	}
	return addChange(tx, &stationID, ChangeRequirements, "", now)
}

// fillApplies records day as the first day of every live requirement that applies to an active
// officer and had not applied to him before, limited to a station's officers and/or to one
// requirement.
func fillApplies(tx *sql.Tx, day string, stationID, requirementID *int64) error {
	// The optional filters are typed: PostgreSQL cannot determine the type of a parameter that
	// "? IS NULL" is its first use of (SQLSTATE 42P18); SQLite reads the casts as no-ops.
	_, err := tx.Exec(`INSERT INTO requirement_applies (requirement_id, officer_id, first_day)
		SELECT r.id, o.id, CAST(? AS TEXT) FROM requirements r, officers o JOIN stations s ON s.id = o.station_id
		WHERE r.deleted_at IS NULL AND o.active = 1
			AND (r.agency_id IS NULL OR r.agency_id = s.agency_id)
			AND (r.station_id IS NULL OR r.station_id = o.station_id)
			AND (r.rank IS NULL OR lower(r.rank) = lower(o.rank))
			AND (CAST(? AS BIGINT) IS NULL OR o.station_id = ?) AND (CAST(? AS BIGINT) IS NULL OR r.id = ?)
		ON CONFLICT (officer_id, requirement_id) DO NOTHING`, day, stationID, stationID, requirementID, requirementID)
	return err
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"aula/courses"
	"aula/internal/sqlitedb"
)

// OfficerRow is one validated row of an officer import, with its line in the file.
type OfficerRow struct {
	Line        int
	Badge       string
	GivenNames  string
	FamilyNames string
	Rank        string
	StationCode string
	// PINHash is the argon2id hash of the row's PIN. Empty keeps the officer's stored hash: the
	// importer found PINCheck equal to the stored one, so the PIN did not change.
	PINHash string
	// PINCheck is a keyed MAC of badge and PIN (see roster), or empty.
	PINCheck string
}

// RowError is a problem with one line of an import.
type RowError struct {
	Line    int
	Station string // the station code that does not exist
	Message string
}

// ImportResult counts what an import did.
type ImportResult struct {
	Created, Updated, Moved int
}

// ErrPINChanged reports a row meant to keep an officer's stored PIN whose PIN changed meanwhile
// (two imports at once).
var ErrPINChanged = courses.E(courses.Conflict, "roster.changed")

// ImportOfficers creates or updates every row in one transaction: all rows or none. Rows whose
// station does not exist are returned as RowErrors and nothing is written. An officer moved to
// another station gets a new posting; their history stays.
func (s *Store) ImportOfficers(ctx context.Context, rows []OfficerRow, actor string) (ImportResult, []RowError, error) {
	var res ImportResult
	var bad []RowError
	err := s.tx(ctx, func(tx *sql.Tx) error {
		now := s.stamp()
		stations, err := stationIDs(tx)
		if err != nil {
			return err
		}
		for _, r := range rows {
			if stations[r.StationCode] == 0 {
				bad = append(bad, RowError{r.Line, r.StationCode, fmt.Sprintf("station %q does not exist: add it first with station add", r.StationCode)})
			}
		}
		if len(bad) > 0 {
			return errRollback
		}
		// One statement of each kind, prepared once: 50,000 rows are 50,000 executions, not
		// 50,000 parses.
		var prepErr error
		prep := func(q string) *sql.Stmt {
			st, err := tx.Prepare(q)
			if err != nil && prepErr == nil {
				prepErr = err
			}
			return st
		}
		find := prep(`SELECT id, station_id, pin_check FROM officers WHERE badge = ?`)
		insert := prep(`INSERT INTO officers (badge, given_names, family_names, rank, station_id, pin_hash, pin_check, created_at, updated_at, search)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`)
		update := prep(`UPDATE officers SET given_names = ?, family_names = ?, rank = ?, station_id = ?,
			pin_hash = CASE WHEN ? = '' THEN pin_hash ELSE ? END, pin_check = ?, updated_at = ?, search = ? WHERE id = ?`)
		posting := prep(`INSERT INTO officer_postings (officer_id, station_id, since) VALUES (?, ?, ?) ON CONFLICT DO NOTHING`)
		if prepErr != nil {
			return prepErr
		}
		touched := map[int64]bool{}
		for _, r := range rows {
			sid := stations[r.StationCode]
			touched[sid] = true
			var id, oldStation int64
			var oldCheck string
			err := find.QueryRow(r.Badge).Scan(&id, &oldStation, &oldCheck)
			switch {
			case errors.Is(err, sql.ErrNoRows):
				if r.PINHash == "" {
					return ErrPINChanged
				}
				if err := insert.QueryRow(r.Badge, r.GivenNames, r.FamilyNames, r.Rank, sid, r.PINHash, r.PINCheck, now, now,
					officerKey(r.Badge, r.GivenNames, r.FamilyNames)).Scan(&id); err != nil {
					return err
				}
				res.Created++
			case err != nil:
				return err
			default:
				if r.PINHash == "" && (r.PINCheck == "" || r.PINCheck != oldCheck) {
					return ErrPINChanged
				}
				if _, err := update.Exec(r.GivenNames, r.FamilyNames, r.Rank, sid, r.PINHash, r.PINHash, r.PINCheck, now,
					officerKey(r.Badge, r.GivenNames, r.FamilyNames), id); err != nil {
					return err
				}
				res.Updated++
				touched[oldStation] = true
				if oldStation == sid {
					continue
				}
				res.Moved++
			}
			if _, err := posting.Exec(id, sid, now); err != nil {
				return err
			}
		}
		for sid := range touched {
			if err := s.rosterChanged(tx, sid, now); err != nil {
				return err
			}
		}
		return audit(tx, now, actor, "officer.import", "roster", fmt.Sprintf("%d created, %d updated, %d moved", res.Created, res.Updated, res.Moved))
	})
	if errors.Is(err, errRollback) {
		return ImportResult{}, bad, nil
	}
	return res, nil, err
}

// stationIDs maps every station code to its id.
func stationIDs(q interface {
	Query(string, ...any) (*sql.Rows, error)
}) (map[string]int64, error) {
	rows, err := q.Query(`SELECT code, id FROM stations`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]int64{}
	for rows.Next() {
		var code string
		var id int64
		if err := rows.Scan(&code, &id); err != nil {
			return nil, err
		}
		out[code] = id
	}
	return out, rows.Err()
}

// StationCodes returns the code of every station, for checking an import before it runs.
func (s *Store) StationCodes(ctx context.Context) (map[string]bool, error) {
	ids, err := stationIDs(s.db.Read)
	out := make(map[string]bool, len(ids))
	for code := range ids {
		out[code] = true
	}
	return out, err
}

// PINChecks returns each officer's PIN check (badge → keyed MAC of badge and PIN; empty when the
// officer was imported before PIN checks existed).
func (s *Store) PINChecks(ctx context.Context) (map[string]string, error) {
	rows, err := s.db.Read.QueryContext(ctx, `SELECT badge, pin_check FROM officers`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var badge, check string
		if err := rows.Scan(&badge, &check); err != nil {
			return nil, err
		}
		out[badge] = check
	}
	return out, rows.Err()
}

var errRollback = errors.New("rollback")

// Officer is an officer on the roster.
type Officer struct {
	ID          int64
	Badge       string
	GivenNames  string
	FamilyNames string
	Rank        string
	StationCode string
	StationName string
	UpdatedAt   time.Time
	Active      bool   // false: deactivated, on no station's roster
	Agency      string // the station's agency code ("" when not set)
	Commander   bool   // commands his station
}

// Name returns the officer's full name.
func (o *Officer) Name() string { return o.GivenNames + " " + o.FamilyNames }

// OfficerFilter narrows ListOfficers.
type OfficerFilter struct {
	Station string // station code
	Agency  string // agency code of the officer's station (a coordinator's scope)
	Query   string // words of the badge or the name, in any case, with or without accents
	Limit   int    // at most this many (0: 500); Offset rows are skipped first
	Offset  int
}

const officerCols = `o.id, o.badge, o.given_names, o.family_names, o.rank, s.code, s.name, o.updated_at, o.active,
	coalesce((SELECT a.code FROM agencies a WHERE a.id = s.agency_id), ''), o.commander`

func (f OfficerFilter) where() (string, []any) {
	cond, args := likeWords("o.search", f.Query)
	return ` FROM officers o JOIN stations s ON s.id = o.station_id WHERE (? = '' OR s.code = ?) AND ` + agencyCond + ` AND ` + cond,
		append([]any{f.Station, f.Station, f.Agency, f.Agency}, args...)
}

// ListOfficers returns officers matching f by family name.
func (s *Store) ListOfficers(ctx context.Context, f OfficerFilter) ([]Officer, error) {
	if f.Limit <= 0 || f.Limit > 5000 {
		f.Limit = 500
	}
	from, args := f.where()
	return sqlitedb.QueryAll(ctx, s.db.Read, func(rows *sql.Rows) (zero Officer, err error) {
		o, err := scanOfficer(rows)
		if err != nil {
			return zero, err
		}
		return *o, nil
	}, `SELECT `+officerCols+from+` ORDER BY o.family_names, o.given_names, o.id`+pageSQL(f.Limit, f.Offset), args...)
}

// CountOfficers returns how many officers match f (Limit and Offset aside).
func (s *Store) CountOfficers(ctx context.Context, f OfficerFilter) (int, error) {
	from, args := f.where()
	return s.count(ctx, `SELECT count(*)`+from, args...)
}

// FindOfficer returns the officer with badge, or a NotFound error.
func (s *Store) FindOfficer(ctx context.Context, badge string) (*Officer, error) {
	o, err := scanOfficer(s.db.Read.QueryRowContext(ctx, `SELECT `+officerCols+` FROM officers o JOIN stations s ON s.id = o.station_id WHERE o.badge = ?`, badge))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, courses.E(courses.NotFound, "officer.unknown", badge)
	}
	return o, err
}

func scanOfficer(row interface{ Scan(...any) error }) (*Officer, error) {
	var o Officer
	var updated string
	if err := row.Scan(&o.ID, &o.Badge, &o.GivenNames, &o.FamilyNames, &o.Rank, &o.StationCode, &o.StationName, &updated, &o.Active,
		&o.Agency, &o.Commander); err != nil {
		return nil, err
	}
	o.UpdatedAt = parseTime(updated)
	return &o, nil
}

// agencyCond limits a query over stations s to an agency code given twice as arguments ("": all).
const agencyCond = `(? = '' OR s.agency_id = (SELECT a.id FROM agencies a WHERE a.code = ?))`

// Posting is a station an officer has belonged to.
type Posting struct {
	StationCode, StationName string
	Since                    time.Time
}

// Postings returns the stations an officer has belonged to, oldest first.
func (s *Store) Postings(ctx context.Context, officerID int64) ([]Posting, error) {
	return sqlitedb.QueryAll(ctx, s.db.Read, func(rows *sql.Rows) (zero Posting, err error) {
		var p Posting
		var since string
		if err := rows.Scan(&p.StationCode, &p.StationName, &since); err != nil {
			return zero, err
		}
		p.Since = parseTime(since)
		return p, nil
	}, `SELECT s.code, s.name, p.since FROM officer_postings p JOIN stations s ON s.id = p.station_id
		WHERE p.officer_id = ? ORDER BY p.since, s.code`, officerID)
}

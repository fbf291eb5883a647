package store

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"aula/courses"
	"aula/internal/sqlitedb"
)

// EnrollmentValidity is how long a station's one-time enrollment token stays valid.
const EnrollmentValidity = 7 * 24 * time.Hour

// Station is a police station with (eventually) one node.
type Station struct {
	ID            int64
	Code          string
	Name          string
	CreatedAt     time.Time
	EnrollExpires time.Time // zero once the token is spent
	LastSyncAt    time.Time // zero until the node first syncs
	NodeVersion   string
	Pending       int
	ClockOffset   *time.Duration
	Officers      int
	Agency        string // agency code, "" when not set
	AgencyName    string
	State         string
}

// NewStation is a station to register; Agency (a code) and State are optional.
type NewStation struct {
	Code, Name, Agency, State string
}

// CreateStation registers a station with the hash of its one-time enrollment token.
func (s *Store) CreateStation(ctx context.Context, code, name, tokenHash, actor string) (*Station, error) {
	return s.CreateStationIn(ctx, NewStation{Code: code, Name: name}, tokenHash, actor)
}

// CreateStationIn registers a station in an agency and a state (both optional; an unknown agency
// is an Invalid error) with the hash of its one-time enrollment token.
func (s *Store) CreateStationIn(ctx context.Context, n NewStation, tokenHash, actor string) (*Station, error) {
	code, name := n.Code, n.Name
	st := &Station{Code: code, Name: name, CreatedAt: s.now(), EnrollExpires: s.now().Add(EnrollmentValidity), Agency: n.Agency, State: n.State}
	err := s.tx(ctx, func(tx *sql.Tx) error {
		aid, err := agencyID(tx, n.Agency)
		if err != nil {
			return err
		}
		err = tx.QueryRow(`INSERT INTO stations (code, name, enroll_token_hash, enroll_expires_at, created_at, agency_id, state) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`,
			code, name, tokenHash, st.EnrollExpires.Format(time.RFC3339), s.stamp(), aid, nullable(n.State)).Scan(&st.ID)
		if isUnique(err) {
			return courses.E(courses.Conflict, "station.exists", code)
		}
		if err != nil {
			return err
		}
		return audit(tx, s.stamp(), actor, "station.create", "station:"+code, code+" "+name)
	})
	return st, err
}

// ListStations returns every station by code, with its officer count and sync state.
func (s *Store) ListStations(ctx context.Context) ([]Station, error) {
	return s.ListStationsOf(ctx, "")
}

// ListStationsOf returns the stations of an agency (by code; "" every station) by code.
func (s *Store) ListStationsOf(ctx context.Context, agency string) ([]Station, error) {
	return sqlitedb.QueryAll(ctx, s.db.Read, func(rows *sql.Rows) (zero Station, err error) {
		st, err := scanStation(rows)
		if err != nil {
			return zero, err
		}
		return *st, nil
	}, `SELECT s.id, s.code, s.name, s.created_at, s.enroll_expires_at, s.last_sync_at,
		s.node_version, s.pending, s.clock_offset_s, (SELECT count(*) FROM officers o WHERE o.station_id = s.id),
		coalesce(a.code, ''), coalesce(a.name, ''), coalesce(s.state, '')
		FROM stations s LEFT JOIN agencies a ON a.id = s.agency_id WHERE (? = '' OR a.code = ?) ORDER BY s.code`, agency, agency)
}

// FindStation returns the station with code, or a NotFound error.
func (s *Store) FindStation(ctx context.Context, code string) (*Station, error) {
	row := s.db.Read.QueryRowContext(ctx, `SELECT s.id, s.code, s.name, s.created_at, s.enroll_expires_at, s.last_sync_at,
		s.node_version, s.pending, s.clock_offset_s, (SELECT count(*) FROM officers o WHERE o.station_id = s.id),
		coalesce(a.code, ''), coalesce(a.name, ''), coalesce(s.state, '')
		FROM stations s LEFT JOIN agencies a ON a.id = s.agency_id WHERE s.code = ?`, code)
	st, err := scanStation(row)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, courses.E(courses.NotFound, "station.unknown", code)
	}
	return st, err
}

func scanStation(row interface{ Scan(...any) error }) (*Station, error) {
	var st Station
	var created string
	var enroll, last, version sql.NullString
	var offset sql.NullInt64
	if err := row.Scan(&st.ID, &st.Code, &st.Name, &created, &enroll, &last, &version, &st.Pending, &offset, &st.Officers,
		&st.Agency, &st.AgencyName, &st.State); err != nil {
		return nil, err
	}
	st.CreatedAt, st.EnrollExpires, st.LastSyncAt = parseTime(created), parseTime(enroll.String), parseTime(last.String)
	st.NodeVersion = version.String
	if offset.Valid {
		d := time.Duration(offset.Int64) * time.Second
		st.ClockOffset = &d
	}
	return &st, nil
}

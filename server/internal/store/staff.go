package store

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"aula/courses"
	"aula/internal/sqlitedb"
)

// Staff roles.
const (
	RoleAdmin   = "admin"
	RoleTrainer = "trainer"
)

// Login lockout: after MaxLoginFailures failed passwords in a row an account is locked for
// LockoutPeriod.
const (
	MaxLoginFailures = 5
	LockoutPeriod    = 15 * time.Minute
)

// Staff is a staff account (administrator or trainer).
type Staff struct {
	ID           int64
	Username     string
	Role         string
	PasswordHash string
	LockedUntil  time.Time // zero when not locked
	CreatedAt    time.Time
	// TokenGen is the generation of API tokens the account accepts: a password change raises it,
	// which ends every token issued before.
	TokenGen int64
	// Agency is a coordinator's agency code ("" for the other roles).
	Agency string
}

// CreateStaff adds a staff account. The username must be new.
func (s *Store) CreateStaff(ctx context.Context, username, role, passwordHash string) (*Staff, error) {
	return s.CreateStaffIn(ctx, username, role, "", passwordHash)
}

// CreateStaffIn adds a staff account with a coordinator's agency (a code; "" for other roles).
// The username must be new and the agency must exist (else an Invalid error).
func (s *Store) CreateStaffIn(ctx context.Context, username, role, agency, passwordHash string) (*Staff, error) {
	st := &Staff{Username: username, Role: role, PasswordHash: passwordHash, Agency: agency}
	err := s.tx(ctx, func(tx *sql.Tx) error {
		aid, err := agencyID(tx, agency)
		if err != nil {
			return err
		}
		err = tx.QueryRow(`INSERT INTO staff (username, role, password_hash, created_at, agency_id) VALUES (?, ?, ?, ?, ?) RETURNING id`,
			username, role, passwordHash, s.stamp(), aid).Scan(&st.ID)
		if isUnique(err) {
			return courses.E(courses.Conflict, "staff.exists", username)
		}
		if err != nil {
			return err
		}
		return audit(tx, s.stamp(), "cli", "staff.create", "staff:"+username, username+" ("+role+")")
	})
	return st, err
}

// FindStaff returns the account with username, or a NotFound error.
func (s *Store) FindStaff(ctx context.Context, username string) (*Staff, error) {
	return s.scanStaff(s.db.Read.QueryRowContext(ctx, `SELECT `+staffColumns+` FROM staff WHERE username = ?`, username))
}

// FindStaffByID returns the account with id, or a NotFound error.
func (s *Store) FindStaffByID(ctx context.Context, id int64) (*Staff, error) {
	return s.scanStaff(s.db.Read.QueryRowContext(ctx, `SELECT `+staffColumns+` FROM staff WHERE id = ?`, id))
}

const staffColumns = "id, username, role, password_hash, locked_until, created_at, token_gen, " +
	"coalesce((SELECT a.code FROM agencies a WHERE a.id = staff.agency_id), '')"

func (s *Store) scanStaff(row *sql.Row) (*Staff, error) {
	var st Staff
	var locked sql.NullString
	var created string
	err := row.Scan(&st.ID, &st.Username, &st.Role, &st.PasswordHash, &locked, &created, &st.TokenGen, &st.Agency)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, courses.E(courses.NotFound, "staff.unknown")
	}
	if err != nil {
		return nil, err
	}
	st.LockedUntil = parseTime(locked.String)
	st.CreatedAt = parseTime(created)
	return &st, nil
}

// ListStaff returns every staff account by username.
func (s *Store) ListStaff(ctx context.Context) ([]Staff, error) {
	return sqlitedb.QueryAll(ctx, s.db.Read, func(rows *sql.Rows) (zero Staff, err error) {
		var st Staff
		var locked sql.NullString
		var created string
		if err := rows.Scan(&st.ID, &st.Username, &st.Role, &locked, &created, &st.Agency); err != nil {
			return zero, err
		}
		st.LockedUntil, st.CreatedAt = parseTime(locked.String), parseTime(created)
		return st, nil
	}, `SELECT id, username, role, locked_until, created_at, coalesce((SELECT a.code FROM agencies a WHERE a.id = staff.agency_id), '')
		FROM staff ORDER BY username`)
}

// CreateSession stores a web session (by the hash of its token) for ttl.
func (s *Store) CreateSession(ctx context.Context, tokenHash string, staffID int64, ttl time.Duration) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		now := s.now()
		if _, err := tx.Exec(`DELETE FROM sessions WHERE expires_at < ?`, now.Format(time.RFC3339)); err != nil {
			return err
		}
		_, err := tx.Exec(`INSERT INTO sessions (token_hash, staff_id, created_at, expires_at) VALUES (?, ?, ?, ?)`,
			tokenHash, staffID, now.Format(time.RFC3339), now.Add(ttl).Format(time.RFC3339))
		return err
	})
}

// FindSession returns the staff account of a live session, or an Unauthorized error.
func (s *Store) FindSession(ctx context.Context, tokenHash string) (*Staff, error) {
	var id int64
	var expires string
	err := s.db.Read.QueryRowContext(ctx, `SELECT staff_id, expires_at FROM sessions WHERE token_hash = ?`, tokenHash).Scan(&id, &expires)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && !parseTime(expires).After(s.now())) {
		return nil, courses.E(courses.Unauthorized, "err.session_ended")
	}
	if err != nil {
		return nil, err
	}
	return s.FindStaffByID(ctx, id)
}

// DeleteSession ends a session.
func (s *Store) DeleteSession(ctx context.Context, tokenHash string) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		_, err := tx.Exec(`DELETE FROM sessions WHERE token_hash = ?`, tokenHash)
		return err
	})
}

func parseTime(s string) time.Time {
	if s == "" {
		return time.Time{}
	}
	t, _ := time.Parse(time.RFC3339, s)
	return t
}

// parseDay reads a day (2006-01-02) or a full time stamp ("" or neither: zero). The form is
// told by the length, not by a failed parse: an export reads millions of these, and each failed
// time.Parse builds an error.
func parseDay(s string) time.Time {
	if len(s) == len(time.DateOnly) {
		t, _ := time.Parse(time.DateOnly, s)
		return t
	}
	return parseTime(s)
}

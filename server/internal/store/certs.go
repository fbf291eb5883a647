package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"aula/courses"
	"aula/internal/sqlitedb"
	"aula/sync/certificate"
)

// NewCertificate is a certificate to record: its claims and signed token.
type NewCertificate struct {
	Claims    certificate.Claims
	Token     string
	AttemptID string
	// A certificate a node pushed: NodeToken is the node's own token once Token is the center's
	// countersignature; Countersign makes that (the syncer holds the center's key).
	NodeToken   string
	Countersign func(c certificate.Claims, station string) string
}

const certInsert = `INSERT INTO certificates (id, code, officer_id, course_id, course_version, issued_at, expires_at, token, issuer, node_id,
	attempt_id, title_json, hours, score, node_token) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`

// insertCert records a certificate; it returns false when its id or code is already taken.
func insertCert(exec interface {
	Exec(...any) (sql.Result, error)
}, officerID int64, c NewCertificate) (bool, error) {
	title, _ := json.Marshal(c.Claims.Title)
	res, err := exec.Exec(c.Claims.ID, c.Claims.Code, officerID, c.Claims.CourseID, c.Claims.Version, c.Claims.IssuedOn,
		nullable(c.Claims.ExpiresOn), c.Token, c.Claims.Issuer, nullable(c.Claims.NodeID), nullable(c.AttemptID), string(title), c.Claims.Hours, c.Claims.Score, nullable(c.NodeToken))
	if err != nil {
		return false, err
	}
	n, _ := res.RowsAffected()
	return n > 0, nil
}

type txExec struct {
	tx *sql.Tx
	q  string
}

func (e txExec) Exec(args ...any) (sql.Result, error) { return e.tx.Exec(e.q, args...) }

func nullable(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// IssueCertificates records certificates the center issues (workshops, approvals) and queues each
// for its officer's station, in one transaction.
func (s *Store) IssueCertificates(ctx context.Context, certs []NewCertificate, actor string) error {
	return s.tx(ctx, func(tx *sql.Tx) error { return issueCerts(tx, certs, actor, s.stamp()) })
}

func issueCerts(tx *sql.Tx, certs []NewCertificate, actor, now string) error {
	for _, c := range certs {
		var officerID, stationID int64
		err := tx.QueryRow(`SELECT id, station_id FROM officers WHERE badge = ?`, c.Claims.Badge).Scan(&officerID, &stationID)
		if errors.Is(err, sql.ErrNoRows) {
			return courses.E(courses.Invalid, "officer.unknown", c.Claims.Badge)
		}
		if err != nil {
			return err
		}
		ok, err := insertCert(txExec{tx, certInsert}, officerID, c)
		if err != nil {
			return err
		}
		if !ok {
			return courses.E(courses.Conflict, "cert.exists", c.Claims.Code)
		}
		if err := addChange(tx, &stationID, "certificate", c.Claims.ID, now); err != nil {
			return err
		}
		if err := auditAbout(tx, now, actor, "certificate.issue", "certificate:"+c.Claims.ID, c.Claims.Badge, fmt.Sprintf("%s %s %s", c.Claims.Code, c.Claims.Badge, c.Claims.Title.In("es", "es"))); err != nil {
			return err
		}
	}
	return nil
}

// PendingApproval is a passed attempt of a course whose certificates need an administrator's
// approval, with no decision yet.
type PendingApproval struct {
	AttemptID     string
	Badge         string
	OfficerName   string
	Station       string
	StationName   string
	CourseID      string
	CourseVersion int
	Title         courses.Text
	Hours         float64
	Months        int
	Score         float64
	SubmittedAt   time.Time
}

// PendingApprovals lists the approval queue, oldest first.
func (s *Store) PendingApprovals(ctx context.Context) ([]PendingApproval, error) {
	return sqlitedb.QueryAll(ctx, s.db.Read, func(rows *sql.Rows) (zero PendingApproval, err error) {
		var p PendingApproval
		var title, sub string
		if err := rows.Scan(&p.AttemptID, &p.Badge, &p.OfficerName, &p.Station, &p.StationName, &p.CourseID, &p.CourseVersion,
			&title, &p.Hours, &p.Months, &p.Score, &sub); err != nil {
			return zero, err
		}
		_ = json.Unmarshal([]byte(title), &p.Title)
		p.SubmittedAt = parseTime(sub)
		return p, nil
	}, `SELECT a.id, o.badge, o.given_names || ' ' || o.family_names, st.code, st.name, a.course_id, a.course_version,
		v.title_json, v.hours, v.cert_months, a.score, a.submitted_at
		FROM attempts a JOIN officers o ON o.id = a.officer_id JOIN stations st ON st.id = a.station_id
		JOIN course_versions v ON v.course_id = a.course_id AND v.version = a.course_version
		WHERE a.passed = 1 AND v.cert_issue = 'approval'
		AND NOT EXISTS (SELECT 1 FROM approvals p WHERE p.attempt_id = a.id)
		AND NOT EXISTS (SELECT 1 FROM certificates c WHERE c.attempt_id = a.id)
		ORDER BY a.received_at, a.id LIMIT 1000`)
}

// Decide records approvals (with the certificates they issue) and rejections, in one
// transaction. An attempt already decided is a Conflict: nothing is written.
func (s *Store) Decide(ctx context.Context, approved []NewCertificate, rejected []string, actor string) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		now := s.stamp()
		decide := func(attemptID, decision, certID string) error {
			res, err := tx.Exec(`INSERT INTO approvals (attempt_id, decision, decided_by, decided_at, certificate_id) VALUES (?, ?, ?, ?, ?)
				ON CONFLICT DO NOTHING`, attemptID, decision, actor, now, nullable(certID))
			if err != nil {
				return err
			}
			if n, _ := res.RowsAffected(); n == 0 {
				return courses.E(courses.Conflict, "attempt.decided", attemptID)
			}
			return auditAbout(tx, now, actor, "approval."+decision, "attempt:"+attemptID, attemptBadge(tx, attemptID), attemptID)
		}
		for _, c := range approved {
			if err := decide(c.AttemptID, "approved", c.Claims.ID); err != nil {
				return err
			}
		}
		for _, id := range rejected {
			if err := decide(id, "rejected", ""); err != nil {
				return err
			}
		}
		return issueCerts(tx, approved, actor, now)
	})
}

// ExpiringCertificates lists valid certificates that expire within the next days, soonest first.
func (s *Store) ExpiringCertificates(ctx context.Context, days int) ([]Certificate, error) {
	now := s.now()
	return sqlitedb.QueryAll(ctx, s.db.Read, func(rows *sql.Rows) (zero Certificate, err error) {
		c, err := s.scanCert(rows)
		if err != nil {
			return zero, err
		}
		return *c, nil
	}, `SELECT `+certCols+` FROM certificates c JOIN officers o ON o.id = c.officer_id
		WHERE c.revoked_at IS NULL AND c.expires_at IS NOT NULL AND c.expires_at >= ? AND c.expires_at <= ?
		ORDER BY c.expires_at, c.id`, now.Format(time.DateOnly), now.AddDate(0, 0, days).Format(time.DateOnly))
}

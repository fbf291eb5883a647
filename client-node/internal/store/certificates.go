package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"

	"aula/courses"
	"aula/internal/sqlitedb"
	"aula/sync/certificate"
	"aula/sync/protocol"
)

// Certificate is a certificate the node holds.
type Certificate struct {
	Claims    certificate.Claims
	Token     string
	AttemptID string
	Origin    string // "node" or "center"
	// Refused is the center's reason when it set aside this certificate, issued here: it is
	// not valid.
	Refused string
	// OB3 is the certificate's Open Badges 3.0 credential (VC-JWT) as the center sent it; "" none.
	OB3 string
}

func insertCertificate(tx *sql.Tx, c *Certificate) error {
	_, err := tx.Exec(`INSERT INTO certificates (id, code, badge, course_id, course_version, attempt_id, issued_on, expires_on, token, origin)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO NOTHING`,
		c.Claims.ID, c.Claims.Code, c.Claims.Badge, c.Claims.CourseID, c.Claims.Version, nullable(c.AttemptID),
		c.Claims.IssuedOn, nullable(c.Claims.ExpiresOn), c.Token, c.Origin)
	return err
}

// storeCenterCertificate stores a certificate the center sent: one it issued, or its
// countersignature of one this node issued, which replaces the node's own token (the certificate
// is confirmed from then on).
func storeCenterCertificate(tx *sql.Tx, c *Certificate) error {
	_, err := tx.Exec(`INSERT INTO certificates (id, code, badge, course_id, course_version, attempt_id, issued_on, expires_on, token, origin, ob3)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'center', ?)
		ON CONFLICT(id) DO UPDATE SET token = excluded.token, issued_on = excluded.issued_on, expires_on = excluded.expires_on, refused = NULL,
		ob3 = coalesce(excluded.ob3, certificates.ob3)`,
		c.Claims.ID, c.Claims.Code, c.Claims.Badge, c.Claims.CourseID, c.Claims.Version, nullable(c.AttemptID),
		c.Claims.IssuedOn, nullable(c.Claims.ExpiresOn), c.Token, nullable(c.OB3))
	return err
}

func nullable(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// enqueueCertificate queues a certificate issued here for the center.
func enqueueCertificate(tx *sql.Tx, c *Certificate, now string) error {
	payload, _ := json.Marshal(protocol.Cert{Token: c.Token, AttemptID: c.AttemptID})
	return enqueue(tx, protocol.KindCert, c.Claims.ID, payload, now)
}

const certCols = `token, coalesce(attempt_id, ''), origin, coalesce(refused, ''), coalesce(ob3, '')`

func scanCertificate(row interface{ Scan(...any) error }) (*Certificate, error) {
	var c Certificate
	var token string
	if err := row.Scan(&token, &c.AttemptID, &c.Origin, &c.Refused, &c.OB3); err != nil {
		return nil, err
	}
	c.Token = token
	// The token was verified when it was stored; here it is only read back.
	claims, err := certificate.Read(token)
	if err != nil {
		return nil, err
	}
	c.Claims = claims
	return &c, nil
}

// FindCertificate returns a certificate by id or code, or a NotFound error.
func (s *Store) FindCertificate(ctx context.Context, idOrCode string) (*Certificate, error) {
	c, err := scanCertificate(s.db.Read.QueryRowContext(ctx, `SELECT `+certCols+` FROM certificates WHERE id = ? OR code = ?`, idOrCode, idOrCode))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, courses.E(courses.NotFound, "cert.no_such", idOrCode)
	}
	return c, err
}

// CertificateForAttempt returns the certificate issued for an attempt, if any.
func (s *Store) CertificateForAttempt(ctx context.Context, attemptID string) (*Certificate, error) {
	c, err := scanCertificate(s.db.Read.QueryRowContext(ctx, `SELECT `+certCols+` FROM certificates WHERE attempt_id = ?`, attemptID))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	return c, err
}

// CertificatesOf returns an officer's certificates, newest first.
func (s *Store) CertificatesOf(ctx context.Context, badge string) ([]Certificate, error) {
	return sqlitedb.QueryAll(ctx, s.db.Read, func(rows *sql.Rows) (zero Certificate, err error) {
		c, err := scanCertificate(rows)
		if err != nil {
			return zero, err
		}
		return *c, nil
	}, `SELECT `+certCols+` FROM certificates WHERE badge = ? ORDER BY issued_on DESC, id DESC`, badge)
}

// NodeRevoked reports whether the center revoked a node (as far as this station knows).
func (s *Store) NodeRevoked(ctx context.Context, nodeID string) (bool, error) {
	var n int
	err := s.db.Read.QueryRowContext(ctx, `SELECT count(*) FROM revoked_nodes WHERE node_id = ?`, nodeID).Scan(&n)
	return n > 0, err
}

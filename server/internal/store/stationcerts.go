package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"time"

	"aula/courses"
	"aula/sync/certificate"
	"aula/sync/protocol"
)

// querier is a transaction or the read pool.
type querier interface {
	QueryRow(query string, args ...any) *sql.Row
	Query(query string, args ...any) (*sql.Rows, error)
}

// checkStationClaims checks what a station's certificate states against the center's records:
// the course version (title, hours, expiry, issued at stations), the officer (name) and the
// officer's posting at that station on the day of issue, give or take a day for station clocks.
// It returns nil, a *certificate.Refusal, or a store error.
func checkStationClaims(q querier, stationID int64, c *certificate.Claims, today time.Time) error {
	var title string
	var f certificate.CourseFacts
	err := q.QueryRow(`SELECT title_json, hours, cert_issue, cert_months FROM course_versions WHERE course_id = ? AND version = ?`,
		c.CourseID, c.Version).Scan(&title, &f.Hours, &f.Issue, &f.ValidMonths)
	if errors.Is(err, sql.ErrNoRows) {
		return certificate.Refuse(certificate.RefusedCourse, fmt.Sprintf("course %s version %d is not published on this center", c.CourseID, c.Version))
	}
	if err != nil {
		return err
	}
	_ = json.Unmarshal([]byte(title), &f.Title)
	if err := c.CheckStation(f, today); err != nil {
		return err
	}
	var officerID int64
	var name string
	err = q.QueryRow(`SELECT id, given_names || ' ' || family_names FROM officers WHERE badge = ?`, c.Badge).Scan(&officerID, &name)
	if errors.Is(err, sql.ErrNoRows) {
		return certificate.Refuse(certificate.RefusedRoster, "no officer with badge "+c.Badge)
	}
	if err != nil {
		return err
	}
	if name != c.Name {
		return certificate.Refuse(certificate.RefusedFacts, fmt.Sprintf("the name %q is not the center's name for %s", c.Name, c.Badge))
	}
	return postedOn(q, officerID, stationID, c)
}

// postedOn checks that an officer was on a station's roster on the certificate's day of issue (or
// the day before or after: station clocks may be off): the station of his latest posting that
// started by then.
func postedOn(q querier, officerID, stationID int64, c *certificate.Claims) error {
	issued, _ := time.Parse(time.DateOnly, c.IssuedOn) // checked by CheckStation
	rows, err := q.Query(`SELECT station_id, substr(since, 1, 10) FROM officer_postings WHERE officer_id = ? ORDER BY since`, officerID)
	if err != nil {
		return err
	}
	defer rows.Close()
	type posting struct {
		station int64
		since   string
	}
	var list []posting
	for rows.Next() {
		var p posting
		if err := rows.Scan(&p.station, &p.since); err != nil {
			return err
		}
		list = append(list, p)
	}
	if err := rows.Err(); err != nil {
		return err
	}
	for _, d := range []int{-1, 0, 1} {
		day := issued.AddDate(0, 0, d).Format(time.DateOnly)
		at := int64(0)
		for _, p := range list {
			if p.since <= day {
				at = p.station
			}
		}
		if at == stationID {
			return nil
		}
	}
	return certificate.Refuse(certificate.RefusedRoster, fmt.Sprintf("officer %s was not on this station's roster on %s", c.Badge, c.IssuedOn))
}

// judgePushed checks a certificate a node pushed: it must be backed by an attempt the same node
// sent (in this push before it, or earlier) for the same officer and course version, that the
// center's re-score marked passed, with no other certificate; its claims must agree with the
// center's records and the center's score. It returns the claims to countersign, or a refusal.
func judgePushed(q querier, nodeID string, stationID int64, c *NewCertificate, today time.Time) (*certificate.Claims, error) {
	cl := c.Claims
	if c.AttemptID == "" {
		return nil, certificate.Refuse(certificate.RefusedAttempt, "the certificate names no attempt")
	}
	var from, badge, course string
	var version int
	var passed bool
	var score float64
	err := q.QueryRow(`SELECT coalesce(a.node_id, ''), o.badge, a.course_id, a.course_version, a.passed, a.score
		FROM attempts a JOIN officers o ON o.id = a.officer_id WHERE a.id = ?`, c.AttemptID).Scan(&from, &badge, &course, &version, &passed, &score)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return nil, certificate.Refuse(certificate.RefusedAttempt, "the center holds no attempt "+c.AttemptID)
	case err != nil:
		return nil, err
	case from != nodeID:
		return nil, certificate.Refuse(certificate.RefusedAttempt, fmt.Sprintf("attempt %s came from node %s, not from this node", c.AttemptID, from))
	case badge != cl.Badge || course != cl.CourseID || version != cl.Version:
		return nil, certificate.Refuse(certificate.RefusedFacts, fmt.Sprintf("attempt %s is of %s on %s version %d, not of %s on %s version %d",
			c.AttemptID, badge, course, version, cl.Badge, cl.CourseID, cl.Version))
	case !passed:
		return nil, certificate.Refuse(certificate.RefusedAttempt, fmt.Sprintf("the center re-scored attempt %s at %.2f: not passed", c.AttemptID, score))
	case cl.Score == nil || math.Abs(*cl.Score-score) > 0.005:
		return nil, certificate.Refuse(certificate.RefusedFacts, fmt.Sprintf("the certificate's score is not the center's score of attempt %s (%.2f)", c.AttemptID, score))
	}
	if err := checkStationClaims(q, stationID, &cl, today); err != nil {
		return nil, err
	}
	var other string
	err = q.QueryRow(`SELECT code FROM certificates c WHERE attempt_id = ? AND id <> ?
		AND NOT EXISTS (SELECT 1 FROM certificate_refusals r WHERE r.id = c.id)`, c.AttemptID, cl.ID).Scan(&other)
	if err == nil {
		return nil, certificate.Refuse(certificate.RefusedAttempt, fmt.Sprintf("attempt %s already has certificate %s", c.AttemptID, other))
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return nil, err
	}
	cl.Score = &score
	return &cl, nil
}

// applyStationCert records a certificate a node pushed, countersigned, and queues the
// countersigned token for the station; or, when the center's records do not back it, keeps the
// refusal (for the public verify page) and returns the reason it is set aside.
func (ps *pushStmts) applyStationCert(nodeID string, stationID, officerID int64, c *NewCertificate, now string) (string, error) {
	if from, known := ps.certFrom(c.Claims.ID); known && from == nodeID {
		return "", nil // the same certificate again
	}
	if c.Countersign == nil {
		return "", errors.New("a pushed certificate reached the store without the center's countersigning")
	}
	confirmed, err := judgePushed(ps.tx, nodeID, stationID, c, parseTime(now))
	if r := (*certificate.Refusal)(nil); errors.As(err, &r) {
		if _, err := ps.tx.Exec(`INSERT INTO certificate_refusals (id, code, node_id, reason, detail, refused_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
			c.Claims.ID, c.Claims.Code, nodeID, r.Code, r.Detail, now); err != nil {
			return "", err
		}
		return certificate.RejectReason(c.Claims.Code, r), nil
	}
	if err != nil {
		return "", err
	}
	var code, name string
	if err := ps.tx.QueryRow(`SELECT code, name FROM stations WHERE id = ?`, stationID).Scan(&code, &name); err != nil {
		return "", err
	}
	issuer := certificate.StationIssuer(code, name)
	rec := NewCertificate{Claims: *confirmed, Token: c.Countersign(*confirmed, issuer), NodeToken: c.Token, AttemptID: c.AttemptID}
	rec.Claims.Issuer, rec.Claims.NodeID = issuer, nodeID
	ok, err := insertCert(ps.cert, officerID, rec)
	if err != nil {
		return "", err
	}
	if !ok {
		return fmt.Sprintf("certificate %s (code %s) was already received", c.Claims.ID, c.Claims.Code), nil
	}
	return "", addChange(ps.tx, &stationID, "certificate", c.Claims.ID, now)
}

// CertificateRefusal is why the center refused a certificate a station pushed.
type CertificateRefusal struct {
	Reason, Detail string
}

// FindRefusal returns the refusal of a certificate by id or code, or nil when none.
func (s *Store) FindRefusal(ctx context.Context, idOrCode string) (*CertificateRefusal, error) {
	var r CertificateRefusal
	err := s.db.Read.QueryRowContext(ctx, `SELECT reason, detail FROM certificate_refusals WHERE id = ? OR code = ? LIMIT 1`, idOrCode, idOrCode).Scan(&r.Reason, &r.Detail)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	return &r, err
}

// JudgeToken checks a node-signed certificate that the center does not hold (yet): its node must
// be known and not revoked, and its claims must agree with the center's records (the officer on
// that station's roster on the day of issue, the course version's facts). It returns nil (the
// certificate is provisional), a *certificate.Refusal, or a store error.
func (s *Store) JudgeToken(ctx context.Context, c *certificate.Claims, e *protocol.Endorsement) error {
	if r, err := s.FindRefusal(ctx, c.ID); err != nil || r != nil {
		if r != nil {
			return certificate.Refuse(r.Reason, r.Detail)
		}
		return err
	}
	n, err := s.FindNode(ctx, e.NodeID)
	if courses.ErrorCode(err) == courses.NotFound {
		return certificate.Refuse(certificate.RefusedSignature, "node "+e.NodeID+" is not enrolled here")
	}
	if err != nil {
		return err
	}
	if !n.RevokedAt.IsZero() {
		return certificate.Refuse(certificate.RefusedRevokedNode, "node "+n.ID+" was revoked on "+n.RevokedAt.Format(time.DateOnly))
	}
	return checkStationClaims(s.db.Read, n.StationID, c, s.now())
}

// ConfirmEarlier checks the station certificates that a center of an earlier release accepted
// without checking them (their token is still the node's own), as a push would now: each one
// backed by its attempt is countersigned and sent down to its station; any other is remembered
// as refused. It runs at start-up; a certificate once judged is not judged again.
func (s *Store) ConfirmEarlier(ctx context.Context, countersign func(c certificate.Claims, station string) string) (confirmed, refused int, err error) {
	type earlier struct {
		id, token, attemptID, nodeID, station string
		stationID                             int64
	}
	err = s.tx(ctx, func(tx *sql.Tx) error {
		rows, err := tx.Query(`SELECT c.id, c.token, coalesce(c.attempt_id, ''), c.node_id, n.station_id, st.code || ' — ' || st.name
			FROM certificates c JOIN nodes n ON n.id = c.node_id JOIN stations st ON st.id = n.station_id
			WHERE c.node_token IS NULL AND NOT EXISTS (SELECT 1 FROM certificate_refusals r WHERE r.id = c.id) ORDER BY c.id`)
		if err != nil {
			return err
		}
		var list []earlier
		for rows.Next() {
			var e earlier
			if err := rows.Scan(&e.id, &e.token, &e.attemptID, &e.nodeID, &e.stationID, &e.station); err != nil {
				rows.Close()
				return err
			}
			if !certificate.CenterSigned(e.token) {
				list = append(list, e)
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		now := s.now()
		for _, e := range list {
			claims, err := certificate.Read(e.token)
			var cl *certificate.Claims
			if err != nil {
				err = certificate.Refuse(certificate.RefusedSignature, "the stored token does not read")
				claims.Code = e.id
			} else {
				cl, err = judgePushed(tx, e.nodeID, e.stationID, &NewCertificate{Claims: claims, Token: e.token, AttemptID: e.attemptID}, now)
			}
			if r := (*certificate.Refusal)(nil); errors.As(err, &r) {
				refused++
				_, err = tx.Exec(`INSERT INTO certificate_refusals (id, code, node_id, reason, detail, refused_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
					e.id, claims.Code, e.nodeID, r.Code, r.Detail, s.stamp())
			}
			if err != nil || cl == nil {
				if err != nil {
					return err
				}
				continue
			}
			if _, err := tx.Exec(`UPDATE certificates SET token = ?, node_token = ?, issuer = ?, score = ? WHERE id = ?`,
				countersign(*cl, e.station), e.token, e.station, cl.Score, e.id); err != nil {
				return err
			}
			if err := addChange(tx, &e.stationID, "certificate", e.id, s.stamp()); err != nil {
				return err
			}
			confirmed++
		}
		return nil
	})
	return confirmed, refused, err
}

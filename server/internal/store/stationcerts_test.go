package store

import (
	"context"
	"crypto/ed25519"
	"database/sql"
	"encoding/json"
	"slices"
	"testing"
	"time"

	"aula/courses"
	"aula/internal/pgtest"
	"aula/sync/certificate"
)

// A center upgraded from a release that took station certificates unchecked checks them once at
// start-up: the one its attempt backs is countersigned and queued for its station, the other is
// refused; running it again changes nothing.
func TestConfirmEarlierStationCertificates(t *testing.T) {
	pgtest.Dialects(t, func(t *testing.T) {
		s := open(t)
		if _, err := s.CreateStation(context.Background(), "CCS-01", "Caracas", "tok", "t"); err != nil {
			t.Fatal(err)
		}
		rows := []OfficerRow{{Line: 2, Badge: "PNB-1", GivenNames: "Ana", FamilyNames: "Pérez", Rank: "Oficial", StationCode: "CCS-01", PINHash: "p"}}
		if _, bad, err := s.ImportOfficers(context.Background(), rows, "t"); err != nil || len(bad) > 0 {
			t.Fatal(err, bad)
		}
		pub, nodeKey, _ := ed25519.GenerateKey(nil)
		n, err := s.EnrollNode(context.Background(), "tok", "node-1", pub, "t")
		if err != nil {
			t.Fatal(err)
		}
		title := courses.Text{"es": "Curso", "en": "Course"}
		tj, _ := json.Marshal(title)
		if err := s.tx(context.Background(), func(tx *sql.Tx) error {
			_, err := tx.Exec(`INSERT INTO course_versions (course_id, version, title_json, area, hours, manifest, signature, published_by, published_at,
				cert_issue, cert_months) VALUES ('c', 1, ?, 'other', 2, ?, ?, 't', 'now', 'automatic', 0)`, string(tj), []byte{0}, []byte{0})
			return err
		}); err != nil {
			t.Fatal(err)
		}
		a := &IncomingAttempt{ID: "att-1", Badge: "PNB-1", CourseID: "c", Version: 1, Secret: "s", Responses: "[true]",
			Started: time.Unix(1, 0), Submitted: time.Unix(2, 0), NodeScore: 100, Score: 100, Passed: true}
		if _, rej, err := s.ApplyPush(context.Background(), n.ID, slices.Values([]Incoming{{Seq: 1, Kind: "attempt", Attempt: a, Payload: func() string { return "{}" }}}),
			func() (SyncInfo, error) { return SyncInfo{NodeTime: time.Now()}, nil }); err != nil || len(rej) > 0 {
			t.Fatal(err, rej)
		}
		score := 100.0
		good := certificate.Claims{ID: "cert-good", Code: "GOOD-0000-01", Name: "Ana Pérez", Badge: "PNB-1", CourseID: "c", Version: 1, Title: title,
			Hours: 2, Score: &score, IssuedOn: time.Now().UTC().Format(time.DateOnly), Issuer: "CCS-01 — Caracas", NodeID: n.ID}
		bad := good
		bad.ID, bad.Code, bad.Hours = "cert-bad", "BAD0-0000-01", 40
		for _, c := range []certificate.Claims{bad, good} {
			// As the earlier release stored them: the node's token, nothing checked.
			if err := s.tx(context.Background(), func(tx *sql.Tx) error {
				_, err := insertCert(txExec{tx, certInsert}, officerOf(t, s, "PNB-1"), NewCertificate{Claims: c, Token: certificate.SignByNode(c, nodeKey, []byte("{}"), ""), AttemptID: "att-1"})
				return err
			}); err != nil {
				t.Fatal(err)
			}
		}
		sign := func(c certificate.Claims, station string) string { return "AULA1.center." + c.ID + "." + station }
		if ok, refused, err := s.ConfirmEarlier(context.Background(), sign); err != nil || ok != 1 || refused != 1 {
			t.Fatalf("confirmed %d, refused %d, %v; want 1 and 1", ok, refused, err)
		}
		if c, _ := s.FindCertificate(context.Background(), "cert-good"); c == nil || c.Token != sign(good, "CCS-01 — Caracas") {
			t.Errorf("the backed certificate was not countersigned: %+v", c)
		}
		if r, _ := s.FindRefusal(context.Background(), "BAD0-0000-01"); r == nil || r.Reason != certificate.RefusedFacts {
			t.Errorf("the other was not refused: %+v", r)
		}
		if changes, _ := s.ChangesSince(context.Background(), n.StationID, 0, 100); len(changes) == 0 || changes[len(changes)-1].Ref != "cert-good" {
			t.Errorf("the countersignature is not queued for the station: %+v", changes)
		}
		if ok, refused, err := s.ConfirmEarlier(context.Background(), sign); err != nil || ok+refused != 0 {
			t.Errorf("second run: %d %d %v", ok, refused, err)
		}
	})
}

func officerOf(t *testing.T, s *Store, badge string) int64 {
	t.Helper()
	var id int64
	if err := s.db.Read.QueryRow(`SELECT id FROM officers WHERE badge = ?`, badge).Scan(&id); err != nil {
		t.Fatal(err)
	}
	return id
}

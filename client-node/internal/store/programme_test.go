package store

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"
	"time"

	"aula/courses/compliance"
	"aula/sync/protocol"
)

// A requirements change and the roster's commander flag are applied with the reply; the node
// then computes, with the center out of reach, who stands where: an expiring certificate, a
// revoked one (overdue), a rank the requirement does not name, a node-side pass with its
// certificate, a revocation that came after the requirements. A second change replaces the
// first whole.
func TestProgrammeAppliedAndEvaluated(t *testing.T) {
	ctx := context.Background()
	st, err := Open(filepath.Join(t.TempDir(), "node"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	center := time.Date(2026, 12, 2, 18, 5, 0, 0, time.UTC)
	if err := st.SetMeta(ctx, MetaStationCode, "CAR-01"); err != nil {
		t.Fatal(err)
	}
	pg := &protocol.Programme{Agency: "PEZ", State: "Zulia", AsOf: center.Unix(),
		Requirements: []protocol.Requirement{
			{ID: 1, CourseID: "uso-fuerza", Agency: "PEZ", DueDate: "2026-11-30", WindowDays: 60},
			{ID: 2, CourseID: "ddhh", Rank: "oficial ", DueDays: 30},
			{ID: 3, CourseID: "tiro", DueDays: 10},
		},
		Officers: []protocol.OfficerProgramme{
			{Badge: "A-1", Applied: map[string]string{"1": "2026-01-01", "2": "2026-11-20", "3": "2026-11-01"},
				Done: []protocol.Completion{{CourseID: "uso-fuerza", Version: 1, Completed: "2026-01-10", Expires: "2027-01-10"}}},
			{Badge: "B-2", Applied: map[string]string{"1": "2026-01-01", "3": "2026-11-01"},
				Done: []protocol.Completion{{CourseID: "uso-fuerza", Version: 2, Completed: "2026-06-01", Revoked: true}}},
			{Badge: "C-3", Applied: map[string]string{"1": "2026-01-01", "x": "2026-01-01"},
				Done: []protocol.Completion{{CourseID: "uso-fuerza", Version: 1, Completed: "2026-03-03", Expires: "2028-03-03"}}},
		}}
	roster := []Officer{
		{Badge: "A-1", GivenNames: "Ana", FamilyNames: "Álvarez", Rank: "Oficial", PINHash: "h", Commander: true},
		{Badge: "B-2", GivenNames: "Beto", FamilyNames: "Bravo", Rank: "Sargento", PINHash: "h"},
		{Badge: "C-3", GivenNames: "Ciro", FamilyNames: "Castro", Rank: "Oficial", PINHash: "h"},
	}
	reply := PulledReply{Cursor: 5, CenterTime: center, Roster: roster, Programme: pg, Protocol: protocol.Version}
	for range 2 { // a reply applied twice changes nothing
		if err := st.ApplyReply(ctx, reply); err != nil {
			t.Fatal(err)
		}
	}
	if o, err := st.FindOfficer(ctx, "A-1"); err != nil || !o.Commander {
		t.Fatalf("A-1 commander flag not kept: %+v %v", o, err)
	}
	if o, _ := st.FindOfficer(ctx, "B-2"); o.Commander {
		t.Fatal("B-2 is no commander")
	}
	// A certificate C-3 earned here (tiro) and one of B-2's that the center revoked after the change.
	mustExec(t, st, `INSERT INTO attempts (id, badge, course_id, course_version, secret, started_at, submitted_at, score, passed)
		VALUES ('at1', 'C-3', 'tiro', 1, 's', '2026-11-05T13:00:00Z', '2026-11-06T02:30:00Z', 1, 1)`)
	mustExec(t, st, `INSERT INTO certificates (id, code, badge, course_id, course_version, attempt_id, issued_on, expires_on, token, origin)
		VALUES ('ce1', 'K1', 'C-3', 'tiro', 1, 'at1', '2026-11-05', '2027-11-05', 't', 'node'),
		       ('ce2', 'K2', 'C-3', 'uso-fuerza', 1, NULL, '2026-03-03', '2028-03-03', 't', 'center')`)
	mustExec(t, st, `INSERT INTO revocations (certificate_id, revoked_at, reason) VALUES ('ce2', '2026-12-01T00:00:00Z', 'fraude')`)

	caracas := time.FixedZone("VET", -4*3600)
	p, err := st.LoadProgramme(ctx, "", caracas, nil)
	if err != nil {
		t.Fatal(err)
	}
	if p.Agency != "PEZ" || p.State != "Zulia" || p.Station != "CAR-01" || !p.AsOf.Equal(center) {
		t.Errorf("station facts %q %q %q %v", p.Agency, p.State, p.Station, p.AsOf)
	}
	today := time.Date(2026, 12, 2, 0, 0, 0, 0, time.UTC)
	got := map[string]string{}
	for _, os := range p.Evaluate(today) {
		for _, s := range os.Standings {
			if s.Applies {
				got[os.Officer.Badge+"/"+s.Requirement.CourseID] = s.Status + " " + s.DueAt.Format(time.DateOnly)
			} else {
				got[os.Officer.Badge+"/"+s.Requirement.CourseID] = "-"
			}
		}
	}
	want := map[string]string{
		"A-1/uso-fuerza": "expiring 2027-01-10", "A-1/ddhh": "due 2026-12-20", "A-1/tiro": "overdue 2026-11-11",
		"B-2/uso-fuerza": "overdue 2026-11-30", "B-2/ddhh": "-", "B-2/tiro": "overdue 2026-11-11",
		// C-3's uso-fuerza certificate was revoked after the requirements change; tiro passed here
		// late on 5 November in Caracas (02:30 UTC on the 6th), certificate to 2027-11-05.
		"C-3/uso-fuerza": "overdue 2026-11-30", "C-3/ddhh": "due", "C-3/tiro": "compliant 2027-11-05",
	}
	for k, w := range want {
		if g := got[k]; g != w && !(w == "due" && len(g) > 3 && g[:3] == "due") {
			t.Errorf("%s: %q, want %q", k, g, w)
		}
	}
	// A pass here without a certificate counts only for a course that issues none (one awaiting
	// a trainer's approval does not count yet, as at the center).
	mustExec(t, st, `INSERT INTO attempts (id, badge, course_id, course_version, secret, started_at, submitted_at, score, passed)
		VALUES ('at2', 'A-1', 'tiro', 1, 's', '2026-11-20T13:00:00Z', '2026-11-20T14:00:00Z', 1, 1)`)
	for noCert, want := range map[bool]string{false: compliance.Overdue, true: compliance.Compliant} {
		p, err := st.LoadProgramme(ctx, "A-1", caracas, map[string]bool{"tiro": noCert})
		if err != nil {
			t.Fatal(err)
		}
		if got := p.Evaluate(today)[0].ByCourse()["tiro"].Status; got != want {
			t.Errorf("A-1 tiro passed here without certificate (course issues none: %v): %s, want %s", noCert, got, want)
		}
	}
	one, err := st.LoadProgramme(ctx, "C-3", caracas, nil)
	if err != nil || len(one.Officers) != 1 {
		t.Fatalf("one officer: %v %v", one, err)
	}
	if c := one.Done["C-3"]; !hasDay(c, "2026-11-05") {
		t.Errorf("C-3's local pass is not on 5 November (Caracas): %+v", c)
	}
	if by := p.Evaluate(today)[0].ByCourse(); by["uso-fuerza"].Status != compliance.Expiring || len(by) != 3 {
		t.Errorf("A-1 by course: %+v", by)
	}

	// The next change lists only tiro: the others no longer apply.
	pg2 := &protocol.Programme{Agency: "PEZ", AsOf: center.Add(time.Hour).Unix(), Requirements: []protocol.Requirement{{ID: 3, CourseID: "tiro", DueDays: 10}}}
	if err := st.ApplyReply(ctx, PulledReply{Cursor: 6, CenterTime: center.Add(time.Hour), Programme: pg2, Protocol: protocol.Version}); err != nil {
		t.Fatal(err)
	}
	p, err = st.LoadProgramme(ctx, "", caracas, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Requirements) != 1 || p.Requirements[0].CourseID != "tiro" || len(p.Applied) != 0 || p.State != "" {
		t.Errorf("second change not applied whole: %+v applied %v state %q", p.Requirements, p.Applied, p.State)
	}
	if len(p.Officers) != 3 {
		t.Errorf("a reply without a roster keeps it: %d officers", len(p.Officers))
	}
}

func hasDay(cs []completionOf, d string) bool {
	for _, c := range cs {
		if c.Completed.Format(time.DateOnly) == d {
			return true
		}
	}
	return false
}

func mustExec(t *testing.T, st *Store, q string) {
	t.Helper()
	if err := st.tx(context.Background(), func(tx *sql.Tx) error { _, err := tx.Exec(q); return err }); err != nil {
		t.Fatal(err)
	}
}

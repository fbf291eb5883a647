package store

import (
	"context"
	"fmt"
	"testing"

	"aula/courses"
)

func searchEnv(t *testing.T, n int) *Store {
	t.Helper()
	s := open(t)
	ctx := context.Background()
	s.CreateStation(ctx, "A-1", "Uno", "h1", "t")
	s.CreateStation(ctx, "B-2", "Dos", "h2", "t")
	rows := []OfficerRow{{Line: 1, Badge: "PNB-7000", GivenNames: "María José", FamilyNames: "Suárez Núñez", Rank: "Oficial", StationCode: "A-1", PINHash: "p"}}
	for i := 1; i < n; i++ {
		rows = append(rows, OfficerRow{Line: i + 1, Badge: fmt.Sprintf("PNB-%04d", i), GivenNames: "Ana", FamilyNames: fmt.Sprintf("Gómez %03d", i),
			Rank: "Agente", StationCode: "A-1", PINHash: "p"})
	}
	if _, bad, err := s.ImportOfficers(ctx, rows, "t"); err != nil || len(bad) > 0 {
		t.Fatal(bad, err)
	}
	return s
}

// A search ignores case and accents, takes the words in any order, and pages count the whole match.
func TestOfficerSearchFoldsAccentsAndPages(t *testing.T) {
	s := searchEnv(t, 120)
	ctx := context.Background()
	for _, q := range []string{"suarez", "SUÁREZ", "nunez maria", "pnb-7000", "Jose Suarez"} {
		list, err := s.ListOfficers(ctx, OfficerFilter{Query: q})
		if err != nil || len(list) != 1 || list[0].Badge != "PNB-7000" {
			t.Errorf("search %q: %v %v, want PNB-7000", q, list, err)
		}
	}
	if list, _ := s.ListOfficers(ctx, OfficerFilter{Query: "%"}); len(list) != 0 {
		t.Errorf("%% matched %d officers: LIKE wildcards must be literal", len(list))
	}
	if n, _ := s.CountOfficers(ctx, OfficerFilter{Query: "gomez"}); n != 119 {
		t.Errorf("count gomez = %d, want 119", n)
	}
	p3, _ := s.ListOfficers(ctx, OfficerFilter{Query: "gomez", Limit: PageSize, Offset: 2 * PageSize})
	if len(p3) != 19 || p3[0].FamilyNames != "Gómez 101" {
		t.Errorf("page 3: %d officers, first %+v", len(p3), p3[0])
	}
}

// Each officer action changes the roster sent to the station, writes an audit entry about the
// officer, and refuses what makes no sense.
func TestOfficerActions(t *testing.T) {
	s := searchEnv(t, 3)
	ctx := context.Background()
	a1, _ := s.FindStation(ctx, "A-1")
	before, _ := s.ChangesSince(ctx, a1.ID, 0, 100)
	if err := s.ResetPIN(ctx, "PNB-7000", "newhash", "", "admin"); err != nil {
		t.Fatal(err)
	}
	after, _ := s.ChangesSince(ctx, a1.ID, 0, 100)
	added := after[len(before):]
	if len(added) != 3 || added[0].Kind != "roster" || added[1].Kind != ChangeRequirements || added[2].Kind != ChangeUnlock || added[2].Ref != "PNB-7000" {
		t.Errorf("reset PIN added changes %+v, want roster, requirements (sent with every roster) then unlock PNB-7000", added)
	}
	roster, _ := s.Roster(ctx, a1.ID)
	if roster[len(roster)-1].PINHash != "newhash" {
		t.Errorf("roster after reset: %+v", roster)
	}
	if err := s.SetOfficerActive(ctx, "PNB-7000", false, "admin"); err != nil {
		t.Fatal(err)
	}
	if roster, _ := s.Roster(ctx, a1.ID); len(roster) != 2 {
		t.Errorf("a deactivated officer is still on the roster: %+v", roster)
	}
	if err := s.SetOfficerActive(ctx, "PNB-7000", false, "admin"); courses.ErrorCode(err) != courses.Conflict {
		t.Errorf("deactivating twice: %v, want a conflict", err)
	}
	if err := s.MoveOfficer(ctx, "PNB-0001", "B-2", "admin"); err != nil {
		t.Fatal(err)
	}
	if err := s.MoveOfficer(ctx, "PNB-0001", "B-2", "admin"); courses.ErrorCode(err) != courses.Conflict {
		t.Errorf("moving to the same station: %v", err)
	}
	if err := s.MoveOfficer(ctx, "PNB-0001", "NOPE", "admin"); courses.ErrorCode(err) != courses.NotFound {
		t.Errorf("moving to no station: %v", err)
	}
	if err := s.UnlockOfficer(ctx, "NOBODY", "admin"); courses.ErrorCode(err) != courses.NotFound {
		t.Errorf("unlocking no officer: %v", err)
	}
	log, _ := s.OfficerAudit(ctx, "PNB-7000")
	if len(log) != 2 || log[0].Action != "officer.deactivate" || log[1].Action != "officer.reset_pin" || log[1].Actor != "admin" {
		t.Errorf("audit of PNB-7000 = %+v", log)
	}
}

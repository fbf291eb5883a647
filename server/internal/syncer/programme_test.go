package syncer

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"aula/internal/pgtest"
	"aula/server/internal/store"
	"aula/sync/protocol"
)

// TestProgrammeTravelsDown: a version-3 node pulls its station's requirements (with each
// officer's first day) and the roster's commander flag; a version-2 node gets neither, so it
// never meets a field or kind it cannot read.
func TestProgrammeTravelsDown(t *testing.T) {
	pgtest.Dialects(t, func(t *testing.T) {
		e := newTestCenter(t)
		ctx := context.Background()
		now := time.Now()
		st := e.c.Store
		if _, err := st.CreateAgency(ctx, "CPNB", "Cuerpo de Policía Nacional Bolivariana", "test"); err != nil {
			t.Fatal(err)
		}
		if err := st.SetStationOrg(ctx, "CCS-01", "CPNB", "Distrito Capital", "test"); err != nil {
			t.Fatal(err)
		}
		versions, err := st.LatestVersions(ctx)
		if err != nil || len(versions) == 0 {
			t.Fatalf("no course: %v", err)
		}
		days := 30
		if _, err := st.CreateRequirement(ctx, store.Requirement{CourseID: versions[0].CourseID, Agency: "CPNB", DueDays: &days, WindowDays: 60}, "test"); err != nil {
			t.Fatal(err)
		}
		roster, _ := st.Roster(ctx, e.node.StationID)
		if len(roster) == 0 {
			t.Fatal("no officer on the roster")
		}
		badge := roster[0].Badge
		if err := st.SetCommander(ctx, "CCS-01", badge, true, "test"); err != nil {
			t.Fatal(err)
		}

		old := upgradePush(t, e, 2, 0, 2, now.Unix())
		for _, ch := range old.Changes {
			if ch.Kind == protocol.ChangeRequirements || ch.Programme != nil {
				t.Error("a version-2 node was sent a requirements change")
			}
			for _, r := range ch.Roster {
				if r.Commander {
					t.Error("a version-2 node was sent the commander flag, a field it refuses")
				}
			}
		}
		body, _ := protocol.Encode(old)
		var decoded protocol.Reply
		if protocol.Decode(body, &decoded); strings.Contains(strings.ToLower(jsonOf(t, decoded)), `"cm"`) {
			t.Error("the version-2 reply carries cm")
		}

		reply := upgradePush(t, e, 3, 0, 3, now.Unix())
		var pg *protocol.Programme
		commander := false
		for _, ch := range reply.Changes {
			if ch.Kind == protocol.ChangeRequirements {
				pg = ch.Programme
			}
			for _, r := range ch.Roster {
				if r.Badge == badge {
					commander = r.Commander
				}
			}
		}
		if !commander {
			t.Errorf("the commander flag of %s did not come down", badge)
		}
		if pg == nil || len(pg.Requirements) != 1 || pg.Requirements[0].DueDays != 30 || pg.Agency != "CPNB" || pg.State != "Distrito Capital" {
			t.Fatalf("programme %+v", pg)
		}
		if len(pg.Officers) != len(roster) || len(pg.Officers[0].Applied) != 1 {
			t.Errorf("officers' first days: %+v", pg.Officers)
		}
	})
}

func jsonOf(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

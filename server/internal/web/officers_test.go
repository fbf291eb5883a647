package web_test

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"aula/internal/pgtest"
)

const rosterHeader = "badge,given_names,family_names,rank,station_code,pin\n"

// officerCount returns how many officers the API lists.
func (e *env) officerCount(token string) int {
	e.t.Helper()
	var out []map[string]any
	decode(e.t, e.api(http.MethodGet, "/api/v1/officers", token, nil), &out)
	return len(out)
}

// TestOfficerImportAllOrNothing: one bad row among good ones, or a row naming an unknown
// station, imports nothing and names every bad line as FILE:LINE: message.
func TestOfficerImportAllOrNothing(t *testing.T) {
	t.Parallel()
	pgtest.Dialects(t, func(t *testing.T) {
		e := newEnv(t)
		admin := e.adminToken()
		tests := []struct {
			name, csv string
			want      []string // expected problems, in order
		}{
			{"three-digit PIN on line 3",
				rosterHeader + "PNB-1001,María José,Pérez Rojas,Oficial,CCS-01,4821\n" +
					"PNB-1002,Luis,Gómez,Oficial,CCS-01,123\n" +
					"PNB-1003,Ana,Núñez,Inspectora,MCB-02,97153\n",
				[]string{`officers.csv:3: pin must be 4 to 8 digits`}},
			{"unknown station on line 4",
				rosterHeader + "PNB-1001,María José,Pérez Rojas,Oficial,CCS-01,4821\n" +
					"PNB-1002,Luis,Gómez,Oficial,CCS-01,7395\n" +
					"PNB-1003,Ana,Núñez,Inspectora,XYZ-99,97153\n",
				[]string{`officers.csv:4: station "XYZ-99" does not exist: add it first (Stations, or aula-server station add)`}},
			{"several bad lines",
				rosterHeader + "PNB-1001,María José,Pérez Rojas,Oficial,CCS-01,4821\n" +
					"PNB 1002,Luis,Gómez,Oficial,CCS-01,7395\n" +
					"PNB-1003,Ana,Núñez,Inspectora,MCB-02\n" +
					"pnb-1001,Ana,<script>,Inspectora,MCB-02,61845\n" +
					"PNB-1004,Ana,Núñez,Inspectora,MCB-02,12ab\n",
				[]string{
					`officers.csv:3: badge must be 1-20 letters, digits or dashes (got "PNB 1002")`,
					`officers.csv:4: expected 6 fields (badge,given_names,family_names,rank,station_code,pin), found 5`,
					`officers.csv:5: family_names must be letters, spaces, apostrophes, dots or dashes (at most 80) (got "<script>")`,
					`officers.csv:6: pin must be 4 to 8 digits`,
				}},
			{"same badge twice",
				rosterHeader + "PNB-1001,María José,Pérez Rojas,Oficial,CCS-01,4821\n" +
					"pnb-1001,María,Pérez,Oficial,CCS-01,4821\n",
				[]string{`officers.csv:3: badge pnb-1001 already appears on line 2`}},
			{"wrong header",
				"placa,nombres,apellidos,jerarquia,estacion,pin\nPNB-1001,María José,Pérez Rojas,Oficial,CCS-01,4821\n",
				[]string{`officers.csv:1: the first line must be exactly badge,given_names,family_names,rank,station_code,pin`}},
			{"header only", rosterHeader, []string{`officers.csv:1: the file has no officers after its header line`}},
			{"empty file", "", []string{`officers.csv:1: the file is empty; the first line must be badge,given_names,family_names,rank,station_code,pin`}},
			{"unterminated quote", rosterHeader + "PNB-1001,\"María,Pérez,Oficial,CCS-01,4821\n", nil},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				rec := e.api(http.MethodPost, "/api/v1/officers/import?lang=en", admin, tt.csv)
				if rec.Code != http.StatusUnprocessableEntity {
					t.Fatalf("status %d, want 422: %s", rec.Code, rec.Body)
				}
				var out struct {
					Error    string
					Problems []string
				}
				decode(t, rec, &out)
				if out.Error == "" || len(out.Problems) == 0 {
					t.Fatalf("no message or problems: %s", rec.Body)
				}
				if tt.want != nil && strings.Join(out.Problems, "\n") != strings.Join(tt.want, "\n") {
					t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(out.Problems, "\n"), strings.Join(tt.want, "\n"))
				}
				for _, p := range out.Problems {
					if !strings.HasPrefix(p, "officers.csv:") {
						t.Errorf("problem not in FILE:LINE form: %q", p)
					}
				}
				mustNotContain(t, "problems", rec.Body.String(), "4821", "97153", "\"123\"")
				if n := e.officerCount(admin); n != 0 {
					t.Errorf("a failed import left %d officers", n)
				}
			})
		}
	})
}

// TestOfficerImportUpdates: importing a badge again updates the officer without a duplicate; a
// new station moves them and keeps the old posting.
func TestOfficerImportUpdates(t *testing.T) {
	t.Parallel()
	pgtest.Dialects(t, func(t *testing.T) {
		e := newEnv(t)
		admin := e.adminToken()
		if got := e.importCSV(admin, rosterCSV); got["created"] != 3 || got["updated"] != 0 || got["moved"] != 0 {
			t.Fatalf("first import: %v", got)
		}
		e.clock.Advance(24 * time.Hour)
		admin = e.adminToken() // the first token expired meanwhile
		// A spreadsheet in Spanish saves with semicolons and a byte-order mark.
		moved := "\xef\xbb\xbfbadge;given_names;family_names;rank;station_code;pin\n" +
			"pnb-1001;María José;Pérez Rojas;Sargento;MCB-02;4821\n" +
			"PNB-1002;Luis;D'Angelo;Sgto. 1ro;CCS-01;7395\n"
		if got := e.importCSV(admin, moved); got["created"] != 0 || got["updated"] != 2 || got["moved"] != 1 {
			t.Fatalf("second import: %v", got)
		}
		if n := e.officerCount(admin); n != 3 {
			t.Errorf("officers after re-import: %d, want 3", n)
		}
		var out struct {
			Officer  map[string]string
			Postings []map[string]string
		}
		decode(t, e.api(http.MethodGet, "/api/v1/officers/PNB-1001", admin, nil), &out)
		if out.Officer["station"] != "MCB-02" || out.Officer["rank"] != "Sargento" {
			t.Errorf("officer after the move: %v", out.Officer)
		}
		if len(out.Postings) != 2 || out.Postings[0]["station"] != "CCS-01" || out.Postings[1]["station"] != "MCB-02" {
			t.Errorf("postings after the move: %v", out.Postings)
		}
		var stations []map[string]any
		decode(t, e.api(http.MethodGet, "/api/v1/stations", admin, nil), &stations)
		if stations[0]["officers"] != 1.0 || stations[1]["officers"] != 2.0 {
			t.Errorf("station officer counts after the move: %v", stations)
		}
		// The new PIN hash replaced the old one; the PIN itself is stored nowhere.
		o, err := e.store.FindOfficer(context.Background(), "PNB-1001")
		if err != nil || o.Rank != "Sargento" {
			t.Fatalf("store: %+v %v", o, err)
		}
	})
}

package syncer

import (
	"context"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"aula/client-node/internal/store"
	"aula/internal/e2e"
	"aula/internal/pgtest"
)

// The enrollment code is printed in groups of four (the last line of station add) and read over
// the phone: aula-node enroll accepts it as printed, without its dashes, and in lowercase with
// spaces.
func TestEnrollAcceptsTheCodeHoweverTyped(t *testing.T) {
	pgtest.Dialects(t, func(t *testing.T) {
		c := e2e.NewCenter(t)
		if !regexp.MustCompile(`^[0-9A-Z]{4}(-[0-9A-Z]{4}){5}$`).MatchString(c.Token) {
			t.Fatalf("station add printed %q last, not a code in groups of four", c.Token)
		}
		codes := []string{c.Token}
		for _, station := range []string{"MCB-02", "VAL-03"} {
			out := c.Must(t, "", "station", "add", "--data", c.Data, "--code", station, "--name", "Estación "+station)
			lines := strings.Split(strings.TrimSpace(out), "\n")
			codes = append(codes, lines[len(lines)-1])
		}
		typed := []string{
			codes[0],                              // as printed
			strings.ReplaceAll(codes[1], "-", ""), // without dashes
			" " + strings.ToLower(strings.ReplaceAll(codes[2], "-", " ")), // lowercase, spaces
		}
		for i, tok := range typed {
			dir := t.TempDir()
			st, err := store.Open(dir)
			if err != nil {
				t.Fatal(err)
			}
			station, _, err := Enroll(context.Background(), st, dir, c.URL, tok, http.DefaultClient)
			st.Close()
			if err != nil {
				t.Errorf("enroll with %q: %v", tok, err)
				continue
			}
			if want := []string{"CCS-01", "MCB-02", "VAL-03"}[i]; !strings.HasPrefix(station, want) {
				t.Errorf("enroll with %q: station %s, want %s", tok, station, want)
			}
		}
	})
}

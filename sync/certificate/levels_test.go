package certificate

import (
	"crypto/ed25519"
	"errors"
	"strings"
	"testing"
	"time"

	"aula/courses"
)

// A countersignature is the center's token for the same certificate, naming the station and no
// node: it verifies as confirmed (also with Verify as nodes of the first release have it, which
// refuses a center token naming a node).
func TestCountersign(t *testing.T) {
	_, center, _ := ed25519.GenerateKey(nil)
	c := claims("n1")
	tok := Countersign(c, StationIssuer("CCS-01", "Caracas"), center)
	got, end, err := Verify(tok, center.Public().(ed25519.PublicKey))
	if err != nil || end != nil || got.ID != c.ID || got.Code != c.Code || got.NodeID != "" || LevelOf(end) != Confirmed || !CenterSigned(tok) {
		t.Fatalf("countersigned token: %v %v %+v", err, end, got)
	}
	if code, name := Station(got, nil); code != "CCS-01" || name != "Caracas" {
		t.Errorf("station of a countersigned certificate: %q %q", code, name)
	}
	if code, _ := Station(&Claims{Issuer: CenterIssuer}, nil); code != "" {
		t.Errorf("a center certificate names station %q", code)
	}
	if u := VerifyURL("https://aula.example.org/", "7K3M-QX2P-9A", tok); u != "https://aula.example.org/verify/7K3M-QX2P-9A?t="+tok {
		t.Errorf("verify URL %s", u)
	}
}

// CheckStation refuses what a station states against the course version: a course not issued at
// stations, another title, other hours, an expiry not the version's, a date after tomorrow.
func TestCheckStation(t *testing.T) {
	day := func(s string) time.Time { d, _ := time.Parse(time.DateOnly, s); return d }
	facts := CourseFacts{Title: courses.Text{"es": "Uso de la fuerza", "en": "Use of force"}, Hours: 2, Issue: courses.IssueAutomatic, ValidMonths: 12}
	today := day("2026-11-27")
	if c := claims("n1"); c.CheckStation(facts, today) != nil {
		t.Fatal("true claims refused")
	}
	for name, tc := range map[string]struct {
		edit func(*Claims, *CourseFacts)
		code string
	}{
		"approval course": {func(_ *Claims, f *CourseFacts) { f.Issue = courses.IssueApproval }, RefusedCourse},
		"title":           {func(c *Claims, _ *CourseFacts) { c.Title = courses.Text{"es": "Otro"} }, RefusedFacts},
		"hours":           {func(c *Claims, _ *CourseFacts) { c.Hours = 40 }, RefusedFacts},
		"longer validity": {func(c *Claims, _ *CourseFacts) { c.ExpiresOn = "2031-11-27" }, RefusedFacts},
		"never expires":   {func(c *Claims, _ *CourseFacts) { c.ExpiresOn = "" }, RefusedFacts},
		"future":          {func(c *Claims, _ *CourseFacts) { c.IssuedOn, c.ExpiresOn = "2026-11-29", "2027-11-29" }, RefusedFuture},
	} {
		c, f := claims("n1"), facts
		tc.edit(&c, &f)
		var r *Refusal
		if err := c.CheckStation(f, today); !errors.As(err, &r) || r.Code != tc.code {
			t.Errorf("%s: %v, want refusal %s", name, err, tc.code)
		}
	}
	c := claims("n1")
	c.IssuedOn, c.ExpiresOn = "2026-11-28", "2027-11-28" // tomorrow: a station clock a little ahead
	if err := c.CheckStation(facts, today); err != nil {
		t.Errorf("issued tomorrow: %v", err)
	}
}

// The center words a refusal so that the node can read its code back.
func TestRefusalCode(t *testing.T) {
	r := Refuse(RefusedAttempt, "the center holds no attempt x (really)")
	if got := RefusalCode(RejectReason("7K3M-QX2P-9A", r)); got != RefusedAttempt {
		t.Errorf("code %q", got)
	}
	for _, s := range []string{"", "officer PNB-9 has never been on this station's roster", "certificate refused: bad"} {
		if got := RefusalCode(s); got != "" {
			t.Errorf("%q: code %q", s, got)
		}
	}
	if !strings.Contains(AsRefusal(ErrSignature).Detail, "signature") || AsRefusal(ErrSignature).Code != RefusedSignature {
		t.Error("a Verify error is a signature refusal")
	}
}

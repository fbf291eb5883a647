// Package xapi sends the center's learning records to a Learning Record Store as xAPI 1.0.3
// statements (docs/evidence.md): one per attempt (passed or failed, scored), per completion and
// per workshop attendance, the officer as an account (the center's address and his salted hash:
// no e-mail, no name). Statements wait in a durable outbox (store.QueueXAPI) until the LRS takes
// them; their ids derive from the records', so sending one twice is harmless.
package xapi

import (
	"crypto/ed25519"
	"crypto/sha1"
	"fmt"
	"math"
	"strconv"
	"time"

	"aula/server/internal/credential"
	"aula/server/internal/store"
)

// Version is the xAPI version of every statement and request.
const Version = "1.0.3"

// namespace is the UUID namespace of Aula's statement ids (a fixed random UUID).
var namespace = [16]byte{0x6b, 0x1e, 0x3a, 0x51, 0x0c, 0x7d, 0x4f, 0x1a, 0x9a, 0x77, 0x2e, 0x51, 0xc4, 0x0b, 0x93, 0x11}

// UUID5 is the name-based (SHA-1, version 5) UUID of name in Aula's namespace.
func UUID5(name string) string {
	h := sha1.New()
	h.Write(namespace[:])
	h.Write([]byte(name))
	u := h.Sum(nil)[:16]
	u[6] = u[6]&0x0f | 0x50
	u[8] = u[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", u[0:4], u[4:6], u[6:8], u[8:10], u[10:16])
}

// Statement is an xAPI statement, with the fields Aula uses.
type Statement struct {
	ID        string   `json:"id"`
	Actor     Agent    `json:"actor"`
	Verb      Verb     `json:"verb"`
	Object    Activity `json:"object"`
	Result    *Result  `json:"result,omitempty"`
	Context   Context  `json:"context"`
	Timestamp string   `json:"timestamp"`
	Version   string   `json:"version"`
}

// Agent is the officer: an account at the center, named by his salted hash.
type Agent struct {
	ObjectType string  `json:"objectType"`
	Account    Account `json:"account"`
}

// Account identifies an agent by a name at a home page.
type Account struct {
	HomePage string `json:"homePage"`
	Name     string `json:"name"`
}

// Verb is what the officer did.
type Verb struct {
	ID      string            `json:"id"`
	Display map[string]string `json:"display"`
}

// Activity is a course version or a workshop.
type Activity struct {
	ObjectType string     `json:"objectType"`
	ID         string     `json:"id"`
	Definition Definition `json:"definition"`
}

// Definition names an activity.
type Definition struct {
	Name map[string]string `json:"name"`
	Type string            `json:"type"`
}

// Result is an attempt's outcome.
type Result struct {
	Score      *Score `json:"score,omitempty"`
	Success    *bool  `json:"success,omitempty"`
	Completion *bool  `json:"completion,omitempty"`
	Duration   string `json:"duration,omitempty"`
}

// Score is an attempt's score, 0..100 raw and 0..1 scaled.
type Score struct {
	Scaled float64 `json:"scaled"`
	Raw    float64 `json:"raw"`
	Min    float64 `json:"min"`
	Max    float64 `json:"max"`
}

// Context places a statement: the registration, the station (platform) and the language.
type Context struct {
	Registration string `json:"registration"`
	Platform     string `json:"platform"`
	Language     string `json:"language"`
}

var verbs = map[string]Verb{
	"passed":    {ID: "http://adlnet.gov/expapi/verbs/passed", Display: map[string]string{"es": "aprobó", "en-US": "passed"}},
	"failed":    {ID: "http://adlnet.gov/expapi/verbs/failed", Display: map[string]string{"es": "reprobó", "en-US": "failed"}},
	"completed": {ID: "http://adlnet.gov/expapi/verbs/completed", Display: map[string]string{"es": "completó", "en-US": "completed"}},
	"attended":  {ID: "http://adlnet.gov/expapi/verbs/attended", Display: map[string]string{"es": "asistió", "en-US": "attended"}},
}

// Build makes the statement of a record; base is the center's public address (no trailing
// slash), key the center's key (for the officer's salted hash).
func Build(base string, key ed25519.PrivateKey, r store.XAPIRecord) Statement {
	name := map[string]string{}
	for lang, text := range r.Title {
		if text != "" {
			name[lang] = text
		}
	}
	if len(name) == 0 {
		name["es"] = r.CourseID + r.WorkshopID
	}
	st := Statement{
		ID:        UUID5(r.Source),
		Actor:     Agent{ObjectType: "Agent", Account: Account{HomePage: base, Name: credential.OfficerHash(key, r.Badge)}},
		Context:   Context{Registration: UUID5("registration:attempt:" + r.ID), Platform: r.Station, Language: "es"},
		Timestamp: timestamp(r.At),
		Version:   Version,
	}
	course := Activity{ObjectType: "Activity", ID: base + "/xapi/activities/course/" + r.CourseID + "/" + strconv.Itoa(r.Version),
		Definition: Definition{Name: name, Type: "http://adlnet.gov/expapi/activities/assessment"}}
	yes := true
	switch r.Kind {
	case "attempt":
		verb := "failed"
		if r.Passed {
			verb = "passed"
		}
		st.Verb, st.Object = verbs[verb], course
		score := math.Max(0, math.Min(100, r.Score))
		st.Result = &Result{Score: &Score{Scaled: score / 100, Raw: score, Min: 0, Max: 100}, Success: &r.Passed, Duration: duration(r.StartedAt, r.At)}
	case "completion":
		course.Definition.Type = "http://adlnet.gov/expapi/activities/course"
		st.Verb, st.Object = verbs["completed"], course
		st.Result = &Result{Completion: &yes, Success: &yes}
	default: // attendance
		st.Verb = verbs["attended"]
		st.Object = Activity{ObjectType: "Activity", ID: base + "/xapi/activities/workshop/" + r.WorkshopID,
			Definition: Definition{Name: name, Type: "http://adlnet.gov/expapi/activities/meeting"}}
		st.Context.Registration = UUID5("registration:workshop:" + r.WorkshopID)
		st.Result = &Result{Completion: &yes}
	}
	return st
}

// timestamp is an RFC 3339 time as xAPI wants it (UTC); the Unix epoch when unreadable.
func timestamp(at string) string {
	t, err := time.Parse(time.RFC3339, at)
	if err != nil {
		t = time.Unix(0, 0)
	}
	return t.UTC().Format(time.RFC3339)
}

// duration is the ISO 8601 duration from start to end ("" when unknown or negative).
func duration(start, end string) string {
	t0, err0 := time.Parse(time.RFC3339, start)
	t1, err1 := time.Parse(time.RFC3339, end)
	if err0 != nil || err1 != nil || t1.Before(t0) {
		return ""
	}
	d := t1.Sub(t0).Round(time.Second)
	h, m, s := int(d.Hours()), int(d.Minutes())%60, int(d.Seconds())%60
	return fmt.Sprintf("PT%dH%dM%dS", h, m, s)
}

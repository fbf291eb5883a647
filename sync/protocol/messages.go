package protocol

import (
	"aula/sync/auditchain"
	"bytes"
	"compress/gzip"
	"crypto/ed25519"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sync"
)

// Sync protocol versions. A center accepts nodes speaking MinVersion..Version and answers each in
// the version it states (docs/sync.md, "Rolling upgrades"); a node outside that range is told
// which program to upgrade (HTTP 426 / a clear error in a reply file), never fed data it could
// misread.
//
// Version 1: the first release. Version 2: request counters (X-Aula-Counter), the
// node_revocation and unlock change kinds, and the push's cursor version (cp). Version 3: the
// programme (issue 15): the requirements change kind and the roster's commander flag (cm).
// Version 4: in-person workshops (issue 16): the workshop change kind down, the workshop
// attendance, guest and close records up. Version 5: the evidence issue (19): the reply carries
// the center's signed audit head (ah). Version 6: the node's chained event log (ev up, ea down).
const (
	Version    = 6
	MinVersion = 1
)

// ChangeVersion is the protocol version a node must speak to receive a change kind: the center
// leaves a newer kind out of a reply to an older node, and sends it again once the node speaks a
// version that knows it (Push.CursorProtocol). Every kind a release adds is listed here with the
// version that introduced it.
func ChangeVersion(kind string) int {
	switch kind {
	case ChangeNodeRevocation, ChangeUnlock:
		return 2
	case ChangeRequirements:
		return 3
	case ChangeWorkshop:
		return 4
	}
	return 1
}

// ContentVersion is the newest protocol version that changed what a change of kind carries
// (at least ChangeVersion(kind)). A node that upgrades past it is sent the kind's latest change
// again (docs/sync.md, "Rolling upgrades"): the roster gained the commander flag in version 3, so
// a node upgraded to 3 learns its commanders without waiting for the next roster change.
func ContentVersion(kind string) int {
	if kind == ChangeRoster {
		return 3
	}
	return ChangeVersion(kind)
}

// Limits of one HTTP push: a batch is bounded in records and in bytes (before compression), so a
// round on a bad link stays small and a failed one costs little to repeat. A full push of
// 10-question attempts is about 46 KB on the wire; the center pays one durable commit and one
// reply per push, which is why pushes are not smaller (docs/benchmarks.md).
const (
	MaxBatchRecords = 1000
	MaxBatchBytes   = 512 << 10
	MaxChanges      = 200
)

// Push is what a node sends: the records it has not seen acknowledged (in outbox order, from the
// first unacknowledged one), and its pull cursor. Times are the node's clock, for display only.
type Push struct {
	Protocol    int      `json:"p"`
	NodeID      string   `json:"n"`
	NodeVersion string   `json:"nv"`
	NodeTime    int64    `json:"t"`           // Unix seconds, node clock
	Pending     int      `json:"q"`           // records waiting on the node, this batch included
	Records     []Record `json:"r,omitempty"` // seq ascending
	Cursor      int64    `json:"c"`           // last center change the node applied
	// CursorProtocol (version 2 on) is the protocol version the node spoke when it applied the
	// changes up to Cursor: when it is lower than Protocol, changes of kinds newer than it were
	// left out and the center sends them again (0: version 1).
	CursorProtocol int      `json:"cp,omitempty"`
	Have           []string `json:"h,omitempty"` // file exports only: SHA-256 of the files the node holds
	// Events (version 6 on) are the node's chained events after the last one the center
	// acknowledged (Reply.EventsAcked), in seq order, at most MaxEvents.
	Events []NodeEvent `json:"ev,omitempty"`
}

// Record kinds.
const (
	KindAttempt    = "attempt"
	KindLessonRead = "lesson_read"
	KindCert       = "certificate"
	// KindWorkshopAttendance, KindWorkshopGuest and KindWorkshopClose (version 4 on) are the
	// facts of an in-person workshop taken at the station, in Workshop.
	KindWorkshopAttendance = "ws_attendance"
	KindWorkshopGuest      = "ws_guest"
	KindWorkshopClose      = "ws_close"
)

// Record is one outbox entry.
type Record struct {
	Seq        int64         `json:"s"`
	Kind       string        `json:"k"`
	Attempt    *Attempt      `json:"a,omitempty"`
	LessonRead *LessonRead   `json:"l,omitempty"`
	Cert       *Cert         `json:"ce,omitempty"`
	Workshop   *WorkshopFact `json:"w,omitempty"` // version 4 on
}

// Cert is a certificate: its signed token (see sync/certificate), which carries every fact, and
// the attempt it certifies ("" for a workshop). Nodes send the ones they issue; the center sends
// the ones it issues (approvals, workshops).
type Cert struct {
	Token     string `json:"tk"`
	AttemptID string `json:"at,omitempty"`
	// OB3 (version 5 on, center to node only) is the certificate's Open Badges 3.0 credential, a
	// VC-JWT signed with the center key, so the officer can download it at his station offline.
	OB3 string `json:"o3,omitempty"`
}

// Attempt is a submitted attempt with every response, in canonical form (see courses.Paper.
// Canonical): the center rebuilds the paper from ID and Secret and re-scores it.
type Attempt struct {
	ID        string          `json:"i"`
	Badge     string          `json:"b"`
	Course    string          `json:"c"`
	Version   int             `json:"v"`
	Secret    string          `json:"x"`
	Started   int64           `json:"t0"` // node clock
	Submitted int64           `json:"t1"` // node clock
	TimedOut  bool            `json:"to,omitempty"`
	Responses json.RawMessage `json:"r"`  // a JSON array, one canonical response per paper question
	Score     float64         `json:"sc"` // the node's score; the center's own score decides
}

// LessonRead records that an officer opened a lesson (progress only grows).
type LessonRead struct {
	Badge  string `json:"b"`
	Course string `json:"c"`
	Lesson string `json:"l"`
	At     int64  `json:"t"` // node clock
	// Seconds is how long the lesson page was open before the officer marked it read, measured
	// on the node and capped at MaxReadingSeconds; absent when not measured. Sent only in pushes
	// of ReadingTimeVersion or later (a center that predates it refuses unknown fields).
	Seconds *int64 `json:"sec,omitempty"`
}

// ReadingTimeVersion is the protocol version whose lesson readings may carry the reading time
// (LessonRead.Seconds): a node leaves it out of pushes in an older version.
const ReadingTimeVersion = 3

// MaxReadingSeconds caps a reading time: a lesson page left open longer (a terminal left on, a
// lunch break) counts as this long, which keeps the median meaningful.
const MaxReadingSeconds = 30 * 60

// Reply is what the center answers: the highest contiguous sequence it has applied, and the
// changes after the node's cursor (bounded; More says there are others).
type Reply struct {
	Protocol   int               `json:"p"`
	NodeID     string            `json:"n"`
	Acked      int64             `json:"a"`
	CenterTime int64             `json:"t"` // Unix seconds, center clock
	Changes    []Change          `json:"ch,omitempty"`
	Cursor     int64             `json:"c"` // the cursor after applying Changes
	More       bool              `json:"m,omitempty"`
	Restart    bool              `json:"rs,omitempty"` // the center's change feed restarted (restored from a backup): take Cursor as is
	Rejected   []Rejected        `json:"rj,omitempty"`
	Blobs      map[string][]byte `json:"b,omitempty"` // file replies only: the course files the node lacks
	// AuditHead (version 5 on) is the center's audit chain head, signed with its key: the node
	// keeps every head it is sent, so a rewrite of the center's history is detectable later.
	AuditHead *auditchain.Head `json:"ah,omitempty"`
	// EventsAcked (version 6 on) is the seq of the last node event the center holds for the node.
	EventsAcked int64 `json:"ea,omitempty"`
}

// Rejected tells the node that a record was received but set aside for an administrator (for
// example an officer who is not on this station's roster). It is acknowledged all the same.
type Rejected struct {
	Seq    int64  `json:"s"`
	Reason string `json:"r"`
}

// Change kinds. A node skips a kind it does not know, but refuses a message with a field it does
// not know: a new kind must carry only fields every node in use decodes (docs/sync.md).
const (
	ChangeCourse     = "course"
	ChangeRoster     = "roster"
	ChangeRevocation = "revocation"
	ChangeCert       = "certificate"
	// ChangeNodeRevocation: a node the center revoked, in Revocation (ID is the node's id):
	// tokens it signed are refused from then on, on every node.
	ChangeNodeRevocation = "node_revocation"
	// ChangeUnlock: an officer whose PIN lockout an administrator cleared at the center (or whose
	// PIN was reset), in Revocation (ID is the badge): the node clears the badge's lockout.
	ChangeUnlock = "unlock"
	// ChangeRequirements (version 3 on): the required training that applies to the station, in
	// Programme, whole (like the roster): what is not in it no longer applies.
	ChangeRequirements = "requirements"
	// ChangeWorkshop (version 4 on): a workshop scheduled at the station, in Workshop, as it is
	// now (sent again when the center closes or approves it).
	ChangeWorkshop = "workshop"
)

// Change is one thing the node must take from the center.
type Change struct {
	Seq        int64         `json:"s"`
	Kind       string        `json:"k"`
	Course     *CourseChange `json:"co,omitempty"`
	Roster     []RosterEntry `json:"ro,omitempty"`
	Revocation *RevokedCert  `json:"rv,omitempty"`
	Cert       *Cert         `json:"ce,omitempty"`
	Programme  *Programme    `json:"pg,omitempty"` // version 3 on
	Workshop   *Workshop     `json:"ws,omitempty"` // version 4 on
}

// CourseChange is a course version to install: its signed manifest (the files come apart).
type CourseChange struct {
	Manifest  []byte `json:"m"`
	Signature []byte `json:"s"`
}

// RosterEntry is an officer of the station. The whole roster comes in one change: who is not in
// it can no longer log in at this station.
type RosterEntry struct {
	Badge       string `json:"b"`
	GivenNames  string `json:"g"`
	FamilyNames string `json:"f"`
	Rank        string `json:"r"`
	PINHash     string `json:"p"`
	// Commander (version 3 on; never sent to an older node, which would refuse the field): the
	// officer commands this station and sees its compliance table on the node.
	Commander bool `json:"cm,omitempty"`
}

// RevokedCert is a certificate revoked by the center (in a node_revocation change: a node).
type RevokedCert struct {
	ID        string `json:"i"`
	RevokedAt int64  `json:"t"`
	Reason    string `json:"r"`
}

// writers recycles gzip writers: making one allocates about a megabyte of compressor state, which
// cost more than the compressing when a thousand stations sync at once.
var writers = sync.Pool{New: func() any {
	zw, _ := gzip.NewWriterLevel(io.Discard, gzip.BestCompression)
	return zw
}}

// Encode serializes a message: JSON, gzip-compressed.
func Encode(v any) ([]byte, error) {
	var buf bytes.Buffer
	zw := writers.Get().(*gzip.Writer)
	defer writers.Put(zw)
	zw.Reset(&buf)
	if err := json.NewEncoder(zw).Encode(v); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// MaxMessage bounds a decoded message (a reply file with course files can be large).
const MaxMessage = 256 << 20

// Decode reads a message written by Encode into v. Unknown fields are errors: a newer peer's
// message is refused rather than half understood.
func Decode(data []byte, v any) error {
	zr, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		return fmt.Errorf("not a sync message: %w", err)
	}
	dec := json.NewDecoder(io.LimitReader(zr, MaxMessage))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return fmt.Errorf("malformed sync message: %w", err)
	}
	return nil
}

// ErrUpgrade is returned when a peer speaks a protocol version this program does not.
var ErrUpgrade = errors.New("sync protocol version not supported")

// CheckVersion returns ErrUpgrade (wrapped with advice) when v is outside what this program speaks.
func CheckVersion(v int) error {
	if v < MinVersion || v > Version {
		return fmt.Errorf("%w: the message uses version %d, this program speaks %d to %d; upgrade the older program", ErrUpgrade, v, MinVersion, Version)
	}
	return nil
}

// Sign signs data with key and returns the signature in base64 (for headers and files).
func Sign(key ed25519.PrivateKey, data []byte) string {
	return base64.StdEncoding.EncodeToString(ed25519.Sign(key, data))
}

// Verify checks a base64 signature over data.
func Verify(pub ed25519.PublicKey, data []byte, sig string) bool {
	raw, err := base64.StdEncoding.Strict().DecodeString(sig)
	return err == nil && len(pub) == ed25519.PublicKeySize && ed25519.Verify(pub, data, raw)
}

package certificate

import (
	"crypto/ed25519"
	"errors"
	"fmt"
	"math"
	"strings"
	"time"

	"aula/courses"
	"aula/sync/protocol"
)

// Trust levels of a certificate (docs/certificates.md).
const (
	// Confirmed: the center holds the certificate and signed it (it issued it, or it checked a
	// station's certificate against the attempt it re-scored and countersigned it).
	Confirmed = "confirmed"
	// Provisional: a station node signed it offline and the center has not confirmed it yet.
	Provisional = "provisional"
)

// CenterIssuer names the center on the certificates it issues itself.
const CenterIssuer = "Aula"

// LevelOf is the level a verified token shows by itself: confirmed when the center signed it
// (Verify returned no endorsement), provisional when a station node did.
func LevelOf(e *protocol.Endorsement) string {
	if e == nil {
		return Confirmed
	}
	return Provisional
}

// CenterSigned reports whether a token (already verified) is the center's: confirmed.
func CenterSigned(token string) bool { return strings.Count(token, ".") == 2 }

// Station returns the code and name of the station that issued a certificate: the endorsement's
// for a node-signed token; for a center-signed one, the issuer the center wrote when it
// countersigned ("CODE — Name"), or nothing when the center issued it itself.
func Station(c *Claims, e *protocol.Endorsement) (code, name string) {
	if e != nil {
		return e.StationCode, e.StationName
	}
	if c.Issuer == CenterIssuer || c.Issuer == "" {
		return "", ""
	}
	code, name, _ = strings.Cut(c.Issuer, " — ")
	return code, name
}

// StationIssuer is how a station names itself on the certificates it issues: "CODE — Name".
func StationIssuer(code, name string) string { return code + " — " + name }

// Countersign returns the center's token for a station-issued certificate it has checked: the
// same certificate (id and code) signed by the center, naming the station as its issuer. It
// carries no node id: a center-signed token that names a node is refused by Verify, here and in
// nodes of earlier releases, which would stop syncing on it.
func Countersign(c Claims, station string, key ed25519.PrivateKey) string {
	c.NodeID, c.Issuer = "", station
	return SignByCenter(c, key)
}

// VerifyURL is the public address that checks a certificate: the center's verify page for its
// code, carrying the signed token, so that the center can check a certificate issued offline
// that it has not received yet. Tokens are base64url and dots: nothing needs escaping.
func VerifyURL(base, code, token string) string {
	u := strings.TrimRight(base, "/") + "/verify/" + code
	if token != "" {
		u += "?t=" + token
	}
	return u
}

// Refusal codes: why a station's certificate is not taken as valid.
const (
	RefusedSignature   = "signature"    // the token does not verify, or is for another code
	RefusedRevokedNode = "revoked_node" // the node that signed it was revoked
	RefusedRoster      = "roster"       // the officer was not on the station's roster that day
	RefusedCourse      = "course"       // no such course version, or its certificates are not issued at stations
	RefusedFacts       = "facts"        // name, title, hours, score or expiry differ from the records
	RefusedAttempt     = "attempt"      // no attempt the center re-scored as passed backs it
	RefusedFuture      = "future"       // dated after the day it was checked
)

// Refusal is why a certificate issued at a station is refused: a code (above) and a detail for
// administrators.
type Refusal struct {
	Code, Detail string
}

func (r *Refusal) Error() string { return r.Detail }

// RejectReason is how the center words a refused certificate in the sync-rejects queue and in
// its reply to the node; RefusalCode reads the code back (the node shows it in its language).
func RejectReason(code string, r *Refusal) string {
	return fmt.Sprintf("certificate %s refused (%s): %s", code, r.Code, r.Detail)
}

// RefusalCode returns the refusal code in a reason written by RejectReason, or "".
func RefusalCode(reason string) string {
	_, rest, ok := strings.Cut(reason, " refused (")
	code, _, ok2 := strings.Cut(rest, "): ")
	if !ok || !ok2 || strings.ContainsAny(code, " ()") {
		return ""
	}
	return code
}

// Refuse returns a Refusal.
func Refuse(code, detail string) *Refusal { return &Refusal{Code: code, Detail: detail} }

// AsRefusal returns the refusal in err (a Verify error is a signature refusal), or nil.
func AsRefusal(err error) *Refusal {
	var r *Refusal
	if err == nil {
		return nil
	}
	if errors.As(err, &r) {
		return r
	}
	return Refuse(RefusedSignature, err.Error())
}

// CourseFacts is what a verifier knows of a course version.
type CourseFacts struct {
	Title       courses.Text
	Hours       float64
	Issue       string // courses.IssueAutomatic: a station may issue its certificates
	ValidMonths int
}

// CheckStation checks what a station's certificate states against the course version it names
// and the day it is checked on: the course's certificates are issued at stations, title, hours
// and expiry are the version's, and it is not dated after tomorrow (a day's grace for station
// clocks). It returns nil or a *Refusal.
func (c *Claims) CheckStation(f CourseFacts, today time.Time) error {
	if f.Issue != courses.IssueAutomatic {
		return Refuse(RefusedCourse, "course "+c.CourseID+" does not issue its certificates at stations")
	}
	issued, err := time.Parse(time.DateOnly, c.IssuedOn)
	if err != nil {
		return Refuse(RefusedFacts, "issue date "+c.IssuedOn+" is not a day")
	}
	if issued.After(today.UTC().AddDate(0, 0, 1)) {
		return Refuse(RefusedFuture, "issued on "+c.IssuedOn+", after "+today.UTC().Format(time.DateOnly))
	}
	expires := ""
	if f.ValidMonths > 0 {
		expires = issued.AddDate(0, f.ValidMonths, 0).Format(time.DateOnly)
	}
	switch {
	case !sameText(c.Title, f.Title):
		return Refuse(RefusedFacts, "the course title differs from the published version's")
	case math.Abs(c.Hours-f.Hours) > 1e-9:
		return Refuse(RefusedFacts, "the hours differ from the published version's")
	case c.ExpiresOn != expires:
		return Refuse(RefusedFacts, "the expiry "+c.ExpiresOn+" is not the version's validity from the issue date ("+expires+")")
	}
	return nil
}

func sameText(a, b courses.Text) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

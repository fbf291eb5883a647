package certificate

import (
	"crypto/ed25519"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"aula/courses"
	"aula/sync/protocol"
)

// Claims is what a certificate states. Dates are days (2006-01-02); ExpiresOn "" never expires.
type Claims struct {
	ID        string       `json:"id"`
	Code      string       `json:"code"`
	Name      string       `json:"name"`
	Badge     string       `json:"badge"`
	CourseID  string       `json:"course_id,omitempty"` // "" for a workshop certificate
	Version   int          `json:"course_version,omitempty"`
	Title     courses.Text `json:"title"`
	Hours     float64      `json:"hours"`
	Score     *float64     `json:"score,omitempty"`
	IssuedOn  string       `json:"issued_on"`
	ExpiresOn string       `json:"expires_on,omitempty"`
	Issuer    string       `json:"issuer"` // "Aula" (the center) or the station's code and name
	NodeID    string       `json:"node_id,omitempty"`
}

// Expired reports whether the certificate has expired on day now.
func (c *Claims) Expired(now time.Time) bool {
	return c.ExpiresOn != "" && now.UTC().Format(time.DateOnly) > c.ExpiresOn
}

// tokenPrefix names the token format and version.
const tokenPrefix = "AULA1"

var b64 = base64.RawURLEncoding.Strict() // strict: one token has exactly one spelling

// SignByCenter returns the token of a certificate the center issues.
func SignByCenter(c Claims, key ed25519.PrivateKey) string {
	payload, _ := json.Marshal(c)
	return strings.Join([]string{tokenPrefix, b64.EncodeToString(payload), b64.EncodeToString(ed25519.Sign(key, payload))}, ".")
}

// SignByNode returns the token of a certificate a station node issues: the claims signed by the
// node's key, with the center's endorsement of that key.
func SignByNode(c Claims, key ed25519.PrivateKey, endorsement []byte, endorsementSig string) string {
	payload, _ := json.Marshal(c)
	sig, _ := base64.StdEncoding.Strict().DecodeString(endorsementSig)
	return strings.Join([]string{tokenPrefix, b64.EncodeToString(payload), b64.EncodeToString(ed25519.Sign(key, payload)),
		b64.EncodeToString(endorsement), b64.EncodeToString(sig)}, ".")
}

// Errors of Verify.
var (
	ErrMalformed   = errors.New("this is not an Aula certificate token")
	ErrSignature   = errors.New("the certificate's signature does not verify: it was altered or not issued by Aula")
	ErrEndorsement = errors.New("the issuing station was not endorsed by this center's key")
)

// Verify checks a token with only the center's public key: a center-issued certificate must be
// signed by it; a station-issued one must be signed by a node key that the center endorsed for
// that station, on a day within the endorsement's validity. It returns the claims (whose expiry
// and revocation the caller judges).
func Verify(token string, center ed25519.PublicKey) (*Claims, *protocol.Endorsement, error) {
	parts := strings.Split(strings.TrimSpace(token), ".")
	if (len(parts) != 3 && len(parts) != 5) || parts[0] != tokenPrefix {
		return nil, nil, ErrMalformed
	}
	payload, err1 := b64.DecodeString(parts[1])
	sig, err2 := b64.DecodeString(parts[2])
	if err1 != nil || err2 != nil {
		return nil, nil, ErrMalformed
	}
	var c Claims
	dec := json.NewDecoder(strings.NewReader(string(payload)))
	dec.DisallowUnknownFields()
	if dec.Decode(&c) != nil {
		return nil, nil, ErrMalformed
	}
	if len(parts) == 3 {
		if !ed25519.Verify(center, payload, sig) || c.NodeID != "" {
			return nil, nil, ErrSignature
		}
		return &c, nil, nil
	}
	eData, err1 := b64.DecodeString(parts[3])
	eSig, err2 := b64.DecodeString(parts[4])
	if err1 != nil || err2 != nil {
		return nil, nil, ErrMalformed
	}
	if !ed25519.Verify(center, eData, eSig) {
		return nil, nil, ErrEndorsement
	}
	var e protocol.Endorsement
	if json.Unmarshal(eData, &e) != nil || len(e.PublicKey) != ed25519.PublicKeySize {
		return nil, nil, ErrEndorsement
	}
	if !ed25519.Verify(e.PublicKey, payload, sig) {
		return nil, nil, ErrSignature
	}
	if c.NodeID != e.NodeID {
		return nil, nil, fmt.Errorf("%w: the certificate names node %s, the endorsement node %s", ErrEndorsement, c.NodeID, e.NodeID)
	}
	issued, err := time.Parse(time.DateOnly, c.IssuedOn)
	if err != nil {
		return nil, nil, ErrMalformed
	}
	from := time.Unix(e.ValidFrom, 0).UTC().Truncate(24 * time.Hour)
	until := time.Unix(e.ValidUntil, 0).UTC()
	if issued.Before(from) || issued.After(until) {
		return nil, nil, fmt.Errorf("%w: issued on %s, outside the endorsement's validity (%s to %s)", ErrEndorsement,
			c.IssuedOn, from.Format(time.DateOnly), until.Format(time.DateOnly))
	}
	return &c, &e, nil
}

// Read returns the claims of a token without checking its signature: for tokens already
// verified when they were stored.
func Read(token string) (Claims, error) {
	var c Claims
	parts := strings.Split(token, ".")
	if len(parts) < 3 || parts[0] != tokenPrefix {
		return c, ErrMalformed
	}
	payload, err := b64.DecodeString(parts[1])
	if err != nil || json.Unmarshal(payload, &c) != nil {
		return c, ErrMalformed
	}
	return c, nil
}

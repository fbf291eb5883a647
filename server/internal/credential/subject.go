// Package credential turns the center's records into open credentials: Open Badges 3.0
// OpenBadgeCredentials signed as VC-JWTs (EdDSA), the Bitstring Status List credential that says
// which of them are revoked, and the salted officer identifier they and the xAPI statements use
// instead of the badge number (docs/evidence.md).
package credential

import (
	"crypto/ed25519"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
)

// SubjectID is the officer's identifier outside Aula: "urn:aula:officer:" and the hex HMAC-SHA256
// of his badge under a salt derived from the center's private key. The same officer always gets
// the same identifier from the same center; nobody without the center's key can tell whose
// badge it is, or compute it from a badge.
func SubjectID(key ed25519.PrivateKey, badge string) string {
	return "urn:aula:officer:" + OfficerHash(key, badge)
}

// OfficerHash is the salted hash of a badge (32 hex digits), see SubjectID.
func OfficerHash(key ed25519.PrivateKey, badge string) string {
	salt := sha256.Sum256(append([]byte("aula-officer-salt/1\n"), key.Seed()...))
	m := hmac.New(sha256.New, salt[:])
	m.Write([]byte(badge))
	return hex.EncodeToString(m.Sum(nil))[:32]
}

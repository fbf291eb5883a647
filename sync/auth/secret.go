// Package auth holds Aula's credentials code: argon2id hashes for passwords and PINs, Ed25519 keys
// kept in a data folder, short-lived signed API tokens, and the rules that refuse guessable PINs
// and passwords (WeakPIN, WeakPassword). It is the only importer of golang-jwt.
package auth

import (
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"

	"golang.org/x/crypto/argon2"
)

// Argon2id parameters (OWASP's minimum for argon2id: 19 MiB, 2 passes, 1 lane). A station node
// on a Raspberry Pi checks officer PINs with these, so they stay modest; the hash format records
// them, so they can be raised later without breaking old hashes.
const (
	argonMemory  = 19 * 1024
	argonTime    = 2
	argonThreads = 1
	argonKeyLen  = 32
	argonSaltLen = 16
)

var b64 = base64.RawStdEncoding

// PIN parameters: 1 MiB and 1 pass (one pass is what RFC 9106 recommends), under 1 ms of CPU.
// A PIN has 4 to 8 digits (weak ones are refused), so no argon2 setting keeps a stolen verifier
// from giving its PIN away: at OWASP's 7 MiB and 5 passes (27 ms) a 4-digit PIN falls in under 5
// minutes of one core, at these in seconds. A PIN's protection is elsewhere: five failures lock it
// on the node, and rosters travel only to authenticated nodes and are never logged (docs/sync.md,
// "Replay"). The slow setting did cost what stations and the training office feel: 50,000 new PINs
// took 10 minutes to import on 2 cores, and 7 MiB per check on a Raspberry Pi where 50 terminals
// log in at once. Hashes made with the old parameters keep verifying: a hash records its own.
const (
	pinMemory = 1024
	pinTime   = 1
)

// HashSecret returns the argon2id hash of a password in the PHC string format
// ($argon2id$v=19$m=...,t=...,p=...$salt$hash).
func HashSecret(secret string) (string, error) { return hash(secret, argonMemory, argonTime) }

// HashPIN returns the argon2id hash of an officer's PIN, with the low-memory parameters.
func HashPIN(pin string) (string, error) { return hash(pin, pinMemory, pinTime) }

func hash(secret string, memory, passes uint32) (string, error) {
	salt := make([]byte, argonSaltLen)
	if _, err := rand.Read(salt); err != nil {
		return "", fmt.Errorf("hash secret: %w", err)
	}
	key := argon2.IDKey([]byte(secret), salt, passes, memory, argonThreads, argonKeyLen)
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, memory, passes, argonThreads,
		b64.EncodeToString(salt), b64.EncodeToString(key)), nil
}

// ErrBadHash reports a stored hash that is not a valid argon2id PHC string.
var ErrBadHash = errors.New("stored hash is not an argon2id hash")

// VerifySecret reports whether secret matches the argon2id hash. It compares in constant time.
func VerifySecret(hash, secret string) (bool, error) {
	parts := strings.Split(hash, "$")
	if len(parts) != 6 || parts[1] != "argon2id" {
		return false, ErrBadHash
	}
	var version int
	var mem, passes uint32
	var threads uint8
	if _, err := fmt.Sscanf(parts[2], "v=%d", &version); err != nil || version != argon2.Version {
		return false, ErrBadHash
	}
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &mem, &passes, &threads); err != nil ||
		mem == 0 || mem > 1<<20 || passes == 0 || passes > 16 || threads == 0 {
		return false, ErrBadHash
	}
	salt, err1 := b64.DecodeString(parts[4])
	want, err2 := b64.DecodeString(parts[5])
	if err1 != nil || err2 != nil || len(want) == 0 {
		return false, ErrBadHash
	}
	got := argon2.IDKey([]byte(secret), salt, passes, mem, threads, uint32(len(want)))
	return subtle.ConstantTimeCompare(got, want) == 1, nil
}

// RandomToken returns a random URL-safe token of n random bytes (enrollment tokens, session ids).
func RandomToken(n int) string {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		panic("crypto/rand failed: " + err.Error()) // the OS has no randomness: nothing is safe
	}
	return base64.RawURLEncoding.EncodeToString(b)
}

// HashToken returns the SHA-256 (hex) of a random, high-entropy token such as a session id or an
// enrollment token. Such tokens are stored only as this hash; argon2id is for low-entropy secrets
// (passwords, PINs).
func HashToken(tok string) string {
	sum := sha256.Sum256([]byte(tok))
	return hex.EncodeToString(sum[:])
}

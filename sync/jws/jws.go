// Package jws signs and verifies compact JWS with EdDSA (Ed25519), the header carrying the public
// key as a JWK: the form of the center's VC-JWT credentials (Open Badges 3.0, status lists), which
// the center signs and the station nodes check with the pinned center key.
package jws

import (
	"crypto/ed25519"
	"encoding/base64"
	"encoding/json"
	"errors"
	"strings"
)

var b64 = base64.RawURLEncoding

// JWK is an Ed25519 public key as a JSON Web Key (RFC 8037).
type JWK struct {
	Kty string `json:"kty"`
	Crv string `json:"crv"`
	X   string `json:"x"`
}

// PublicJWK returns the public half of key as a JWK.
func PublicJWK(key ed25519.PrivateKey) JWK {
	return JWK{Kty: "OKP", Crv: "Ed25519", X: b64.EncodeToString(key.Public().(ed25519.PublicKey))}
}

type header struct {
	Alg string `json:"alg"`
	Typ string `json:"typ"`
	JWK JWK    `json:"jwk"`
}

// Sign returns payload as a compact JWS signed with EdDSA (Ed25519), its header carrying the
// public key as jwk (typ JWT, as Open Badges 3.0 asks of a VC-JWT).
func Sign(key ed25519.PrivateKey, payload any) (string, error) {
	h, err := json.Marshal(header{Alg: "EdDSA", Typ: "JWT", JWK: PublicJWK(key)})
	if err != nil {
		return "", err
	}
	p, err := json.Marshal(payload)
	if err != nil {
		return "", err
	}
	input := b64.EncodeToString(h) + "." + b64.EncodeToString(p)
	return input + "." + b64.EncodeToString(ed25519.Sign(key, []byte(input))), nil
}

// ErrInvalid means a compact JWS is malformed or its signature does not verify.
var ErrInvalid = errors.New("not a valid EdDSA JWS from this key")

// Verify checks a compact JWS against pub and decodes its payload into v.
func Verify(pub ed25519.PublicKey, token string, v any) error {
	parts := strings.Split(token, ".")
	if len(parts) != 3 {
		return ErrInvalid
	}
	sig, err := b64.DecodeString(parts[2])
	if err != nil || !ed25519.Verify(pub, []byte(parts[0]+"."+parts[1]), sig) {
		return ErrInvalid
	}
	p, err := b64.DecodeString(parts[1])
	if err != nil {
		return ErrInvalid
	}
	return json.Unmarshal(p, v)
}

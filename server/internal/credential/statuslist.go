package credential

import (
	"encoding/base64"

	"aula/sync/jws"
	"bytes"
	"compress/gzip"
	"crypto/ed25519"
	"errors"
	"io"
	"time"
)

// StatusListCredential is a Bitstring Status List credential (revocation), as a VC-JWT payload.
type StatusListCredential struct {
	Context           []string          `json:"@context"`
	ID                string            `json:"id"`
	Type              []string          `json:"type"`
	Issuer            string            `json:"issuer"`
	ValidFrom         string            `json:"validFrom"`
	CredentialSubject StatusListSubject `json:"credentialSubject"`
	Iss               string            `json:"iss"`
	Jti               string            `json:"jti"`
	Nbf               int64             `json:"nbf"`
	Iat               int64             `json:"iat"`
}

// StatusListSubject is the list itself.
type StatusListSubject struct {
	ID            string `json:"id"`
	Type          string `json:"type"`
	StatusPurpose string `json:"statusPurpose"`
	EncodedList   string `json:"encodedList"` // "u" + base64url(gzip(bits)), bit 0 the first byte's highest
}

// StatusList builds list n with the given indexes (within the list) set: revoked.
func StatusList(baseURL string, n int64, revoked []int64, now time.Time) StatusListCredential {
	bits := make([]byte, StatusListSize/8)
	for _, i := range revoked {
		if i >= 0 && i < StatusListSize {
			bits[i/8] |= 0x80 >> (i % 8)
		}
	}
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write(bits) // a bytes.Buffer does not fail
	zw.Close()
	url := StatusListURL(baseURL, n)
	at := now.UTC().Truncate(time.Second)
	return StatusListCredential{
		Context: []string{ContextVC2}, ID: url, Type: []string{"VerifiableCredential", "BitstringStatusListCredential"},
		Issuer: IssuerID(baseURL), ValidFrom: at.Format(time.RFC3339),
		CredentialSubject: StatusListSubject{ID: url + "#list", Type: "BitstringStatusList", StatusPurpose: "revocation",
			EncodedList: "u" + base64.RawURLEncoding.EncodeToString(buf.Bytes())},
		Iss: IssuerID(baseURL), Jti: url, Nbf: at.Unix(), Iat: at.Unix(),
	}
}

// Revoked reads bit i of an encoded list.
func Revoked(encodedList string, i int64) (bool, error) {
	if len(encodedList) < 2 || encodedList[0] != 'u' {
		return false, errors.New("not a multibase base64url list")
	}
	z, err := base64.RawURLEncoding.DecodeString(encodedList[1:])
	if err != nil {
		return false, err
	}
	zr, err := gzip.NewReader(bytes.NewReader(z))
	if err != nil {
		return false, err
	}
	bits, err := io.ReadAll(zr)
	if err != nil {
		return false, err
	}
	if i < 0 || i/8 >= int64(len(bits)) {
		return false, errors.New("index outside the list")
	}
	return bits[i/8]&(0x80>>(i%8)) != 0, nil
}

// SignStatusList signs list as a VC-JWT.
func SignStatusList(key ed25519.PrivateKey, list StatusListCredential) (string, error) {
	return jws.Sign(key, list)
}

package auth

import (
	"crypto/ed25519"
	"errors"
	"fmt"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

// Claims are what an API token says about its holder.
type Claims struct {
	Role string `json:"role"`
	// Gen is the holder's token generation when the token was issued: the center refuses a token
	// whose generation is older than the account's (raised by a password change).
	Gen int64 `json:"gen,omitempty"`
	jwt.RegisteredClaims
}

// IssueToken signs a token (EdDSA JWT) for subject with role, valid for ttl from now. Its ID
// (jti) is random, so one token can be revoked.
func IssueToken(key ed25519.PrivateKey, issuer, subject, role string, ttl time.Duration, now time.Time) (string, error) {
	return IssueTokenGen(key, issuer, subject, role, 0, ttl, now)
}

// IssueTokenGen is IssueToken for a holder whose token generation is gen.
func IssueTokenGen(key ed25519.PrivateKey, issuer, subject, role string, gen int64, ttl time.Duration, now time.Time) (string, error) {
	c := Claims{Role: role, Gen: gen, RegisteredClaims: jwt.RegisteredClaims{
		Issuer: issuer, Subject: subject,
		IssuedAt: jwt.NewNumericDate(now), ExpiresAt: jwt.NewNumericDate(now.Add(ttl)),
		ID: RandomToken(12),
	}}
	s, err := jwt.NewWithClaims(jwt.SigningMethodEdDSA, c).SignedString(key)
	if err != nil {
		return "", fmt.Errorf("sign token: %w", err)
	}
	return s, nil
}

// ErrInvalidToken is returned for a token that is malformed, expired, from another issuer or not
// signed by the key.
var ErrInvalidToken = errors.New("invalid or expired token")

// ParseToken verifies a token signed by pub for issuer and returns its claims.
func ParseToken(pub ed25519.PublicKey, issuer, token string, now time.Time) (*Claims, error) {
	var c Claims
	_, err := jwt.ParseWithClaims(token, &c, func(*jwt.Token) (any, error) { return pub, nil },
		jwt.WithValidMethods([]string{jwt.SigningMethodEdDSA.Alg()}),
		jwt.WithIssuer(issuer), jwt.WithExpirationRequired(), jwt.WithStrictDecoding(),
		jwt.WithTimeFunc(func() time.Time { return now }))
	if err != nil {
		return nil, ErrInvalidToken
	}
	return &c, nil
}

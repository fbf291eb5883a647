package service

import (
	"context"
	"crypto/rand"
	"math/big"
	"strings"

	"aula/server/internal/roster"
	"aula/sync/auth"
)

// NewPINDigits is how many digits a PIN made by ResetPIN has (the roster takes 4 to 8).
const NewPINDigits = 6

// ResetPIN gives an officer a new random PIN, never a weak one (auth.WeakPIN), and returns it to
// be shown once: the center keeps only its hash. The station's node takes it, and clears the
// officer's lockout, at its next sync.
func (c *Center) ResetPIN(ctx context.Context, badge, actor string) (string, error) {
	badge = normBadge(badge)
	pin, err := randomPIN(badge)
	if err != nil {
		return "", err
	}
	hash, err := auth.HashPIN(pin)
	if err != nil {
		return "", err
	}
	if err := c.Store.ResetPIN(ctx, badge, hash, roster.PINCheck(c.PINKey, badge, pin), actor); err != nil {
		return "", err
	}
	return pin, nil
}

// randomPIN draws NewPINDigits digits until they make a PIN that WeakPIN finds nothing against.
func randomPIN(badge string) (string, error) {
	for {
		var b strings.Builder
		for range NewPINDigits {
			n, err := rand.Int(rand.Reader, big.NewInt(10))
			if err != nil {
				return "", err
			}
			b.WriteByte(byte('0' + n.Int64()))
		}
		if pin := b.String(); auth.WeakPIN(pin, badge) == "" {
			return pin, nil
		}
	}
}

// UnlockOfficer clears an officer's PIN lockout at the station's node at its next sync (at once,
// the station commander runs aula-node unlock on the node).
func (c *Center) UnlockOfficer(ctx context.Context, badge, actor string) error {
	return c.Store.UnlockOfficer(ctx, normBadge(badge), actor)
}

// SetOfficerActive deactivates an officer (no station lets the officer log in after its next
// sync; results and certificates stay) or activates the officer again.
func (c *Center) SetOfficerActive(ctx context.Context, badge string, active bool, actor string) error {
	return c.Store.SetOfficerActive(ctx, normBadge(badge), active, actor)
}

// MoveOfficer posts an officer to another station (both stations' rosters change at their next
// sync; the officer's history stays).
func (c *Center) MoveOfficer(ctx context.Context, badge, stationCode, actor string) error {
	return c.Store.MoveOfficer(ctx, normBadge(badge), strings.ToUpper(strings.TrimSpace(stationCode)), actor)
}

func normBadge(badge string) string { return strings.ToUpper(strings.TrimSpace(badge)) }

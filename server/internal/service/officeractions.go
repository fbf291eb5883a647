package service

import (
	"context"
	"crypto/rand"
	"math/big"
	"strings"

	"aula/courses"
	"aula/server/internal/roster"
	"aula/sync/auth"
)

// NewPINDigits is how many digits a PIN made by ResetPIN has (the roster takes 4 to 8).
const NewPINDigits = 6

// ResetPIN gives an officer a new random PIN, never a weak one (auth.WeakPIN), and returns it to
// be shown once: the center keeps only its hash. The station's node takes it, and clears the
// officer's lockout, at its next sync.
func (c *Center) ResetPIN(ctx context.Context, sc Scope, badge, actor string) (string, error) {
	badge = normBadge(badge)
	if _, err := c.CheckOfficer(ctx, sc, badge); err != nil {
		return "", err
	}
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
// the station commander runs aula-node unlock on the node). Every officer action takes the
// staff member's scope: an officer outside it is NotFound, as if he did not exist.
func (c *Center) UnlockOfficer(ctx context.Context, sc Scope, badge, actor string) error {
	if _, err := c.CheckOfficer(ctx, sc, normBadge(badge)); err != nil {
		return err
	}
	return c.Store.UnlockOfficer(ctx, normBadge(badge), actor)
}

// SetOfficerActive deactivates an officer (no station lets the officer log in after its next
// sync; results and certificates stay) or activates the officer again.
func (c *Center) SetOfficerActive(ctx context.Context, sc Scope, badge string, active bool, actor string) error {
	if _, err := c.CheckOfficer(ctx, sc, normBadge(badge)); err != nil {
		return err
	}
	return c.Store.SetOfficerActive(ctx, normBadge(badge), active, actor)
}

// MoveOfficer posts an officer to another station (both stations' rosters change at their next
// sync; the officer's history stays). A coordinator moves only his agency's officers (another's
// is NotFound), and only to his agency's stations (another's is Forbidden).
func (c *Center) MoveOfficer(ctx context.Context, sc Scope, badge, stationCode, actor string) error {
	stationCode = strings.ToUpper(strings.TrimSpace(stationCode))
	if _, err := c.CheckOfficer(ctx, sc, normBadge(badge)); err != nil {
		return err
	}
	if sc.Limited() {
		st, err := c.Store.FindStation(ctx, stationCode)
		if err == nil && !sc.Holds(st.Agency) {
			return courses.E(courses.Forbidden, "officer.move_other_agency", stationCode)
		}
	}
	return c.Store.MoveOfficer(ctx, normBadge(badge), stationCode, actor)
}

func normBadge(badge string) string { return strings.ToUpper(strings.TrimSpace(badge)) }

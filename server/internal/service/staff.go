package service

import (
	"context"
	"strings"

	"aula/courses"
	"aula/server/internal/store"
	"aula/sync/auth"
)

// MaxPasswordLen bounds what argon2id is given to hash.
const MaxPasswordLen = 200

// CreateStaff adds a staff account: a valid username, admin or trainer, and a password that is
// not weak (PasswordProblem).
func (c *Center) CreateStaff(ctx context.Context, username, role, password, actor string) (*store.Staff, error) {
	username = strings.TrimSpace(username)
	fields := map[string]courses.Msg{}
	if !ValidUsername(username) {
		fields["username"] = courses.M("v.username")
	}
	if role != store.RoleAdmin && role != store.RoleTrainer {
		fields["role"] = courses.M("v.role")
	}
	if id := PasswordProblem(password, username); id != "" {
		fields["password"] = courses.M(id)
	}
	if len(fields) > 0 {
		return nil, courses.InvalidFields(fields)
	}
	h, err := c.Hasher.Hash(ctx, password)
	if err != nil {
		return nil, err
	}
	u, err := c.Store.CreateStaff(ctx, username, role, h)
	if err == nil {
		err = c.Store.Audit(ctx, actor, "staff.create", username+" ("+role+")")
	}
	return u, err
}

// PasswordProblem returns the message id of why password cannot be a staff password, or "".
func PasswordProblem(password, username string) string {
	if len(password) > MaxPasswordLen {
		return "v.password_long"
	}
	return auth.WeakPassword(password, username) // its reasons are message ids (password.short, ...)
}

// ValidUsername reports whether u can be a staff username: 3 to 40 lowercase ASCII letters,
// digits, dots, dashes or underscores (so never a control character or another alphabet's
// look-alike letter).
func ValidUsername(u string) bool {
	if len(u) < 3 || len(u) > 40 {
		return false
	}
	for _, r := range u {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '.' || r == '-' || r == '_') {
			return false
		}
	}
	return true
}

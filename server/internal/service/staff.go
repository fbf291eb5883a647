package service

import (
	"context"
	"slices"
	"strings"

	"aula/courses"
	"aula/server/internal/store"
	"aula/sync/auth"
)

// MaxPasswordLen bounds what argon2id is given to hash.
const MaxPasswordLen = 200

// Roles lists the staff roles (docs/programme.md).
var Roles = []string{store.RoleAdmin, store.RoleCoordinator, store.RoleTrainer, store.RoleAuditor}

// CreateStaff adds a staff account of a role that needs no agency (see CreateStaffIn).
func (c *Center) CreateStaff(ctx context.Context, username, role, password, actor string) (*store.Staff, error) {
	return c.CreateStaffIn(ctx, username, role, "", password, actor)
}

// CreateStaffIn adds a staff account: a valid username, one of Roles, an agency that exists for a
// coordinator (and none for the other roles), and a password that is not weak (PasswordProblem).
func (c *Center) CreateStaffIn(ctx context.Context, username, role, agency, password, actor string) (*store.Staff, error) {
	username, agency = strings.TrimSpace(username), strings.ToUpper(strings.TrimSpace(agency))
	fields := map[string]courses.Msg{}
	if !ValidUsername(username) {
		fields["username"] = courses.M("v.username")
	}
	switch {
	case !slices.Contains(Roles, role):
		fields["role"] = courses.M("v.role")
	case role == store.RoleCoordinator && agency == "":
		fields["agency"] = courses.M("v.agency_required")
	case role != store.RoleCoordinator && agency != "":
		fields["agency"] = courses.M("v.agency_only_coordinator")
	case agency != "":
		if _, err := c.Store.FindAgency(ctx, agency); courses.ErrorCode(err) == courses.NotFound {
			fields["agency"] = courses.M("agency.unknown", agency)
		} else if err != nil {
			return nil, err
		}
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
	u, err := c.Store.CreateStaffIn(ctx, username, role, agency, h)
	if err == nil {
		err = c.Store.Audit(ctx, actor, "staff.create", "staff:"+username, username+" ("+role+")")
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

// Package service holds the center's operations that the web UI, the JSON API and the command
// line share: each validates its input and orchestrates the store, with no web framework, and
// fails with domain errors (courses.Error) carrying message ids that the caller translates into
// the user's language. The store is reached through the small interfaces below, declared here
// where they are used, so tests and another store can stand in.
package service

import (
	"context"
	"io/fs"
	"sync"
	"time"

	"aula/server/internal/roster"
	"aula/server/internal/store"
)

// StationStore is what station operations need from the store.
type StationStore interface {
	CreateStation(ctx context.Context, code, name, tokenHash, actor string) (*store.Station, error)
	NewEnrollmentToken(ctx context.Context, code, tokenHash, actor string) (*store.Station, error)
}

// CertificateStore is what certificate revocation needs from the store.
type CertificateStore interface {
	RevokeCertificate(ctx context.Context, id, reason, actor string) error
	FindCertificate(ctx context.Context, idOrCode string) (*store.Certificate, error)
}

// StaffStore is what staff accounts need from the store.
type StaffStore interface {
	CreateStaff(ctx context.Context, username, role, passwordHash string) (*store.Staff, error)
	Audit(ctx context.Context, actor, action, object, detail string) error
}

// OfficerStore is what the officer page's actions need from the store.
type OfficerStore interface {
	ResetPIN(ctx context.Context, badge, pinHash, pinCheck, actor string) error
	UnlockOfficer(ctx context.Context, badge, actor string) error
	SetOfficerActive(ctx context.Context, badge string, active bool, actor string) error
	MoveOfficer(ctx context.Context, badge, stationCode, actor string) error
	// OfficerAgencies maps every officer's badge to his station's agency code ("" for none).
	OfficerAgencies(ctx context.Context) (map[string]string, error)
	// StationAgencies maps every station's code to its agency code ("" for none).
	StationAgencies(ctx context.Context) (map[string]string, error)
}

// Publisher publishes a checked course folder as a new signed version (publish.Publisher).
type Publisher interface {
	Publish(ctx context.Context, fsys fs.FS, prefix, actor string) (*store.Version, error)
	// Prepare lints and signs a version without storing it (ApproveDraft stores it).
	Prepare(fsys fs.FS, prefix, actor string) (*store.NewVersion, error)
}

// Hasher hashes a password with bounded work (auth.Gate).
type Hasher interface {
	Hash(ctx context.Context, password string) (string, error)
}

// Store is everything the center's operations need from the store (*store.Store).
type Store interface {
	StationStore
	CertificateStore
	StaffStore
	OfficerStore
	UploadStore
	ProgrammeStore
	DraftStore
	WorkshopStore
	LedgerStore
	roster.Store
}

// Center runs the center's operations.
type Center struct {
	Store     Store
	Publisher Publisher
	Hasher    Hasher
	// PINKey is the PIN-check key (roster.LoadKey): a re-import skips hashing unchanged PINs.
	// nil hashes every PIN.
	PINKey []byte
	// Zone is the center's time zone, whose calendar days the compliance rules count (nil:
	// America/Caracas); Now is its clock (nil: time.Now).
	Zone *time.Location
	Now  func() time.Time

	tallyMu sync.Mutex // one RefreshCompliance at a time in this process
}

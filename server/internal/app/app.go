// Package app assembles the center: store, keys, publisher, sync and web layer, served through
// internal/apprun. Main owns their lifetime, so tests boot a whole center on a temporary folder
// and port 0.
package app

import (
	"aula/server/internal/xapi"
	"context"
	"crypto/ed25519"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"net/netip"
	"os"
	"path/filepath"
	"strings"
	"time"

	"aula/courses"
	"aula/internal/apprun"
	"aula/server/internal/publish"
	"aula/server/internal/roster"
	"aula/server/internal/service"
	"aula/server/internal/store"
	"aula/server/internal/syncer"
	"aula/server/internal/web"
	"aula/sync/auth"
)

// Config is the center's configuration, from flags and AULA_* variables.
type Config struct {
	Addr             string // listen address, default ":8080"
	Data             string // data folder, default "./aula-server-data"
	DB               string // PostgreSQL URL of the store (--db); "": SQLite in Data
	NoStarterCourses bool   // do not publish the starter catalog into an empty store
	SecureCookies    bool   // cookies only over HTTPS (set behind a TLS proxy)
	PublicURL        string // how others reach the center, for verification links
	// TrustedProxies are the reverse proxies whose X-Forwarded-For is believed (--trusted-proxy);
	// none by default.
	TrustedProxies []netip.Prefix
	// Zone is the time zone of dates and times people read (--timezone; nil: America/Caracas).
	Zone *time.Location
	// SignatoryName and SignatoryRole sign the certificates this program prints.
	SignatoryName, SignatoryRole string
	// PublicOpenData serves the open-data coverage table without a login (--public-open-data).
	PublicOpenData bool
	// XAPI is the Learning Record Store the center sends xAPI statements to (--xapi-url,
	// --xapi-user, --xapi-password); no URL: none.
	XAPI XAPIConfig
}

// XAPIConfig is where xAPI statements go.
type XAPIConfig struct{ URL, User, Password string }

// Main is a running (or ready to run) center.
type Main struct {
	Config    Config
	Store     *store.Store
	Key       ed25519.PrivateKey
	PINKey    []byte // roster.LoadKey: lets an officer import skip unchanged PINs
	Publisher *publish.Publisher
	Sync      *syncer.Center
	Log       *slog.Logger

	http   *apprun.Server
	center *service.Center // the web server's, whose compliance counts keepTallies maintains
}

// Open opens the store and the center's signing key (made on first start).
func Open(cfg Config, log *slog.Logger) (*Main, error) {
	st, err := store.OpenAt(store.Location{Dir: cfg.Data, DB: cfg.DB})
	if err != nil {
		return nil, err
	}
	st.SetZone(cfg.Zone)
	keyPath := filepath.Join(cfg.Data, "center.key")
	if _, err := os.Stat(keyPath); errors.Is(err, fs.ErrNotExist) {
		if empty, err := st.Empty(context.Background()); err != nil || !empty {
			st.Close()
			return nil, fmt.Errorf("%s is missing but this store already holds courses signed with it: restore center.key from "+
				"your backup (a new key would make every station refuse this center)", keyPath)
		}
	}
	key, err := auth.LoadOrCreateKey(keyPath)
	if err != nil {
		st.Close()
		return nil, err
	}
	pinKey, err := roster.LoadKey(cfg.Data)
	if err != nil {
		st.Close()
		return nil, err
	}
	m := &Main{Config: cfg, Store: st, Key: key, PINKey: pinKey, Log: log}
	m.Publisher = &publish.Publisher{Store: st, Key: key, Now: func() time.Time { return time.Now().UTC() }}
	m.Sync = &syncer.Center{Store: st, Key: key, Now: func() time.Time { return time.Now().UTC() }, PublicURL: cfg.PublicURL}
	if ok, bad, err := m.Sync.ConfirmEarlier(context.Background()); err != nil {
		st.Close()
		return nil, fmt.Errorf("check the station certificates received before: %w", err)
	} else if ok+bad > 0 {
		log.Info("station certificates received before they were checked", "confirmed", ok, "refused", bad)
	}
	return m, nil
}

// PublishStarterCourses publishes the embedded starter catalog when no course is published yet.
func (m *Main) PublishStarterCourses() error {
	empty, err := m.Store.Empty(context.Background())
	if err != nil || !empty {
		return err
	}
	for _, name := range courses.StarterNames {
		fsys, err := courses.StarterCourse(name)
		if err != nil {
			return err
		}
		v, err := m.Publisher.Publish(context.Background(), fsys, "courses/catalog/"+name, "aula")
		if courses.ErrorCode(err) == courses.Conflict {
			continue // another center process on the same PostgreSQL database published it first
		}
		if err != nil {
			return fmt.Errorf("publish starter course %s: %w", name, err)
		}
		m.Log.Info("published starter course", "course", v.CourseID, "version", v.Version)
	}
	return nil
}

// Listen binds the address (":0" picks a free port; Addr tells which).
func (m *Main) Listen() error {
	if !m.Config.NoStarterCourses {
		if err := m.PublishStarterCourses(); err != nil {
			return err
		}
	}
	srv := &web.Server{Store: m.Store, Publisher: m.Publisher, Sync: m.Sync, Key: m.Key, Log: m.Log,
		Now: func() time.Time { return time.Now().UTC() }, SecureCookies: m.Config.SecureCookies, PublicURL: m.Config.PublicURL,
		TrustedProxies: m.Config.TrustedProxies, Zone: m.Config.Zone, SignatoryName: m.Config.SignatoryName, SignatoryRole: m.Config.SignatoryRole,
		PublicOpenData: m.Config.PublicOpenData}
	h, err := srv.Handler()
	if err != nil {
		return err
	}
	srv.PINKey = m.PINKey // read by each officer import
	m.center = srv.Center
	m.Sync.OB3 = func(ctx context.Context, certID string) (string, error) {
		return srv.CertificateOB3(ctx, m.baseURL(), certID)
	}
	// Reading a whole request may take minutes: course and roster uploads.
	m.http, err = apprun.Listen(m.Config.Addr, h, 5*time.Minute)
	return err
}

// Addr returns the address the center listens on.
func (m *Main) Addr() string { return m.http.Addr() }

// Run serves until ctx ends, then shuts down gracefully.
func (m *Main) Run(ctx context.Context) error {
	m.Log.Info("aula-server listening", "addr", m.Addr(), "data", m.Config.Data, "store", m.storeKind(),
		"center_key_fingerprint", auth.Fingerprint(m.Key.Public().(ed25519.PublicKey)))
	if x := m.XAPISender(); x != nil {
		m.Log.Info("sending xAPI statements", "lrs", x.URL, "base", x.Base)
		go x.Run(ctx, 15*time.Second)
	}
	bctx, stop := context.WithCancel(ctx)
	backfilled, tallied := make(chan struct{}), make(chan struct{})
	go func() { defer close(backfilled); m.backfillItems(bctx) }()
	go func() { defer close(tallied); m.keepTallies(bctx) }()
	defer func() { stop(); <-backfilled; <-tallied }() // before the store closes
	return m.http.Serve(ctx)
}

// storeKind names the store's dialect for the log (never its URL, which may hold a password).
func (m *Main) storeKind() string {
	if m.Store.Postgres() {
		return "postgresql"
	}
	return "sqlite"
}

// baseURL is the center's public address (--public-url), else its listen address.
func (m *Main) baseURL() string {
	if base := strings.TrimRight(m.Config.PublicURL, "/"); base != "" || m.http == nil {
		return base
	}
	return "http://" + m.Addr()
}

// XAPISender is the xAPI sender of this center, or nil when no LRS is configured. Without
// --public-url the statements name the center by its listen address.
func (m *Main) XAPISender() *xapi.Sender {
	if m.Config.XAPI.URL == "" {
		return nil
	}
	return &xapi.Sender{Store: m.Store, Key: m.Key, Base: m.baseURL(), URL: m.Config.XAPI.URL, User: m.Config.XAPI.User,
		Password: m.Config.XAPI.Password, Now: func() time.Time { return time.Now().UTC() }, Log: m.Log}
}

// Close closes the store.
func (m *Main) Close() error { return m.Store.Close() }

// Package app assembles the station node: store, sync (once enrolled) and web layer, served
// through internal/apprun. Main owns their lifetime, so tests boot a whole node on a temporary
// folder and port 0.
package app

import (
	"context"
	"errors"
	"log/slog"
	"net/netip"
	"os"
	"runtime/debug"
	"time"

	"aula/client-node/internal/store"
	"aula/client-node/internal/syncer"
	"aula/client-node/internal/web"
	"aula/internal/apprun"
)

// Config is the node's configuration, from flags and AULA_* variables.
type Config struct {
	Addr          string // listen address, default ":8090"
	Data          string // data folder, default "./aula-node-data"
	SecureCookies bool
	// BackgroundSync syncs with the center every few minutes while it answers (when enrolled).
	BackgroundSync bool
	// TrustedProxies are the reverse proxies whose X-Forwarded-For is believed (--trusted-proxy);
	// none by default.
	TrustedProxies []netip.Prefix
	// Zone is the time zone of dates and times people read (--timezone; nil: America/Caracas).
	Zone *time.Location
	// SignatoryName and SignatoryRole sign the certificates this program prints.
	SignatoryName, SignatoryRole string
}

// Main is a running (or ready to run) node.
type Main struct {
	Config Config
	Store  *store.Store
	Log    *slog.Logger
	Web    *web.Server
	Sync   *syncer.Node // nil until the node is enrolled

	http *apprun.Server
}

// memoryLimit is the node's soft memory limit (unless GOMEMLIMIT says otherwise): a node runs
// on old PCs and Raspberry Pis beside other programs, and Go otherwise keeps freed memory (the
// memory each PIN check uses) for minutes before returning it.
const memoryLimit = 12 << 20

// Open opens the node's store.
func Open(cfg Config, log *slog.Logger) (*Main, error) {
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(memoryLimit)
	}
	st, err := store.Open(cfg.Data)
	if err != nil {
		return nil, err
	}
	m := &Main{Config: cfg, Store: st, Log: log}
	n, err := syncer.Open(context.Background(), st, cfg.Data, log)
	switch {
	case err == nil:
		m.Sync = n
	case errors.Is(err, syncer.ErrNotEnrolled):
		log.Info("node not enrolled yet: officers can use installed courses; run aula-node enroll to sync")
	default:
		st.Close()
		return nil, err
	}
	return m, nil
}

// Listen builds the web layer and binds the address (":0" picks a free port).
func (m *Main) Listen() error {
	m.Web = &web.Server{Store: m.Store, Log: m.Log, Now: m.Store.Now, SecureCookies: m.Config.SecureCookies, Sync: m.Sync,
		TrustedProxies: m.Config.TrustedProxies, Zone: m.Config.Zone, SignatoryName: m.Config.SignatoryName, SignatoryRole: m.Config.SignatoryRole}
	h, err := m.Web.Handler()
	if err != nil {
		return err
	}
	m.http, err = apprun.Listen(m.Config.Addr, h, time.Minute)
	return err
}

// Addr returns the address the node listens on.
func (m *Main) Addr() string { return m.http.Addr() }

// Run serves until ctx ends, then shuts down gracefully.
func (m *Main) Run(ctx context.Context) error {
	go func() {
		m.Web.Warm()
		debug.FreeOSMemory() // give back what parsing the courses used
	}()
	if m.Sync != nil && m.Config.BackgroundSync {
		go m.Sync.Loop(ctx)
	}
	m.Log.Info("aula-node listening", "addr", m.Addr(), "data", m.Config.Data)
	return m.http.Serve(ctx)
}

// Close closes the store.
func (m *Main) Close() error { return m.Store.Close() }

// Package web is the center's HTTP layer: the staff web UI (server-rendered, works without
// JavaScript) and the JSON API, with one route table (routes.go). It is the only importer of echo
// in the center; lessons are drawn by courses/lesson, pages loaded by internal/tmpl.
package web

import (
	"context"
	"crypto/ed25519"
	"embed"
	"io/fs"
	"log/slog"
	"net/http"
	"net/netip"
	"strings"
	"sync"
	"time"

	"github.com/labstack/echo/v4"

	"aula/internal/i18n"
	"aula/internal/metrics"
	"aula/internal/tmpl"
	"aula/internal/webedge"
	"aula/internal/webguard"
	"aula/server/internal/publish"
	"aula/server/internal/service"
	"aula/server/internal/store"
	"aula/server/internal/syncer"
	"aula/sync/auth"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

// Server holds what the handlers need.
type Server struct {
	Store     *store.Store
	Publisher *publish.Publisher
	Sync      *syncer.Center
	Key       ed25519.PrivateKey
	Log       *slog.Logger
	Now       func() time.Time
	// SecureCookies marks cookies Secure; set when the center is served over TLS (directly or
	// behind a reverse proxy).
	SecureCookies bool
	// PublicURL is the center's address as others reach it (used in verification links).
	PublicURL string
	// PINKey is the PIN-check key (roster.LoadKey): a re-import skips hashing unchanged PINs.
	// nil hashes every PIN.
	PINKey []byte
	// Metrics receives the center's counters (nil: a private registry).
	Metrics *metrics.Registry
	// TrustedProxies are the reverse proxies whose X-Forwarded-For header is believed (the
	// operator's --trusted-proxy list). Empty: the header is ignored and the client is the peer.
	TrustedProxies []netip.Prefix
	// Gate bounds the argon2id work of logins and password changes (nil: a gate for the
	// machine's CPUs, 2 to 4 at once, with a queue of 64).
	Gate *auth.Gate
	// Center runs the operations the UI, the API and the command line share (nil: one on Store,
	// Publisher, Gate and PINKey).
	Center *service.Center

	syncRequests, syncRecords *metrics.Counter

	analysisOnce sync.Once
	analysis     *service.Analyzer // item analysis and its cache (analyzer)

	// Zone is the time zone of the dates and times on pages, CSV files and certificates
	// (--timezone; nil: America/Caracas).
	Zone *time.Location
	// SignatoryName and SignatoryRole sign the certificates the center prints (--signatory-name,
	// --signatory-role); empty: the signature line is left blank.
	SignatoryName, SignatoryRole string
	// PublicOpenData serves GET /api/v1/open-data/coverage without a token (--public-open-data).
	PublicOpenData bool

	pages tmpl.Localized
	chain chainCache // the audit chain's last walk (audit.go)
}

// Issuer names the center in API tokens.
const Issuer = "aula-server"

// Limits on request bodies.
const (
	bodyLimitDefault = "1M"
	bodyLimitUpload  = "25M" // course zips and officer CSVs
	apiTokenTTL      = 15 * time.Minute
	sessionTTL       = 8 * time.Hour
)

// Handler parses the templates (failing at start-up, not at the first request, when one is
// broken) and returns the route table as an http.Handler.
func (s *Server) Handler() (http.Handler, error) {
	if err := s.parseTemplates(); err != nil {
		return nil, err
	}
	s.registerMetrics()
	e := echo.New()
	e.HideBanner, e.HidePort = true, true
	e.HTTPErrorHandler = s.handleError
	e.IPExtractor = clientIP(s.TrustedProxies)
	if s.Gate == nil {
		s.Gate = auth.NewGate(0, 64)
	}
	if s.Center == nil {
		s.Center = &service.Center{Store: s.Store, Publisher: s.Publisher, Hasher: s.Gate, PINKey: s.PINKey, Zone: s.Zone, Now: s.Now}
	}
	s.routes(e)
	return e, nil
}

// clientIP is how the client address (rate limits, metrics access) is read: from X-Forwarded-For
// only when the request comes from one of the proxies the operator listed, and then the nearest
// address in it that is not one of those proxies. By default, and from anyone else, the header is
// ignored: a client can write any address in it.
func clientIP(trusted []netip.Prefix) echo.IPExtractor {
	if len(trusted) == 0 {
		return echo.ExtractIPDirect()
	}
	opts := []echo.TrustOption{echo.TrustLoopback(false), echo.TrustLinkLocal(false), echo.TrustPrivateNet(false)}
	for _, n := range webguard.IPNets(trusted) {
		opts = append(opts, echo.TrustIPRange(n))
	}
	return echo.ExtractIPFromXFFHeader(opts...)
}

func (s *Server) pub() ed25519.PublicKey { return s.Key.Public().(ed25519.PublicKey) }

// lang is the request's language: for the API, Accept-Language may choose it too.
func lang(c echo.Context) string {
	if isAPI(c) {
		return i18n.FromAPIRequest(c.Request())
	}
	return i18n.FromRequest(c.Request())
}

// t translates a message for the request.
func t(c echo.Context, id string, args ...any) string { return messages.T(lang(c), id, args...) }

// statusOf maps an error to its HTTP status (webedge.Describe: the one place where that happens).
func statusOf(err error) int { return webedge.Describe(messages, i18n.Default, err).Status }

// errText is an error's message in the request's language.
func errText(c echo.Context, err error) string { return messages.Error(lang(c), err) }

// handleError answers every error: JSON {"error", "code", "fields"} for the API, an error page for
// the UI, in the request's language. Internal errors are logged and never shown.
func (s *Server) handleError(err error, c echo.Context) {
	if c.Response().Committed {
		return
	}
	r := webedge.Describe(messages, lang(c), err)
	if r.Status >= 500 {
		s.Log.Error("request failed", "method", c.Request().Method, "path", c.Request().URL.Path, "err", err)
	}
	if isAPI(c) {
		_ = c.JSON(r.Status, r.JSON())
		return
	}
	if r.Status == http.StatusUnauthorized {
		data := page{"Next": c.Request().URL.RequestURI(), "Error": r.Message}
		if m := c.Request().Method; m == http.MethodGet || m == http.MethodHead {
			data["Error"], data["Notice"] = nil, r.Message // a page asked for without a session: no error box
			if c.Get(staleSessionKey) != nil {
				data["Notice"] = t(c, "login.expired")
			}
		}
		_ = s.renderStatus(c, r.Status, "login", data)
		return
	}
	if r.Status == http.StatusNotFound {
		r.Message = t(c, "err.not_found") // echo says "Not Found", stores name things in English
	}
	_ = s.renderStatus(c, r.Status, "error", page{"Status": r.Status, "Message": r.Message})
}

func isAPI(c echo.Context) bool { return strings.HasPrefix(c.Request().URL.Path, "/api/") }

// staticHandler serves the embedded CSS and JavaScript.
func staticHandler() http.Handler {
	sub, _ := fs.Sub(staticFS, "static")
	return http.StripPrefix("/static/", http.FileServer(http.FS(sub)))
}

// registerMetrics sets up what /metrics shows: sync requests by outcome, records applied or set
// aside, and each station's last sync and pending records.
func (s *Server) registerMetrics() {
	if s.syncRequests != nil {
		return // Handler was called before: the counters exist
	}
	if s.Metrics == nil {
		s.Metrics = metrics.New()
	}
	s.syncRequests = s.Metrics.Counter("aula_sync_requests_total", "Sync requests from station nodes, by outcome.", "outcome")
	s.syncRecords = s.Metrics.Counter("aula_sync_records_total", "Records pushed by nodes: applied or set aside for an administrator.", "outcome")
	stationGauge := func(f func(st store.Station) (float64, bool)) func() []metrics.Sample {
		return func() []metrics.Sample {
			list, err := s.Store.ListStations(context.Background())
			if err != nil {
				return nil
			}
			var out []metrics.Sample
			for _, st := range list {
				if v, ok := f(st); ok {
					out = append(out, metrics.Sample{Labels: []string{st.Code}, Value: v})
				}
			}
			return out
		}
	}
	s.Metrics.GaugesFunc("aula_station_last_sync_timestamp_seconds", "When each station last synced (center clock).", []string{"station"},
		stationGauge(func(st store.Station) (float64, bool) { return float64(st.LastSyncAt.Unix()), !st.LastSyncAt.IsZero() }))
	s.Metrics.GaugesFunc("aula_station_pending_records", "Records each station reported waiting to be sent.", []string{"station"},
		stationGauge(func(st store.Station) (float64, bool) { return float64(st.Pending), true }))
}

package web

import (
	"net/http"
	"net/netip"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"
	"golang.org/x/time/rate"
)

// csp allows only the center's own scripts, styles and images: no inline script, no CDN.
const csp = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; " +
	"frame-ancestors 'none'; base-uri 'none'; form-action 'self'"

// routes is the center's one route table. Read it top to bottom: who may do what is stated here
// and nowhere else (allow(...)).
func (s *Server) routes(e *echo.Echo) {
	e.Use(middleware.Recover())
	e.Use(middleware.SecureWithConfig(middleware.SecureConfig{
		XSSProtection: "0", ContentTypeNosniff: "nosniff", XFrameOptions: "DENY",
		ContentSecurityPolicy: csp, ReferrerPolicy: "same-origin",
		HSTSMaxAge: 31536000 * boolInt(s.SecureCookies),
	}))
	// Body limits apply before any group middleware reads the body (the CSRF check parses forms,
	// multipart uploads included, before the session or the role is known).
	isUpload := func(c echo.Context) bool {
		m := c.Request().Method
		return uploadRoutes[c.Path()] && (m == http.MethodPost || m == http.MethodPut)
	}
	e.Use(middleware.BodyLimitWithConfig(middleware.BodyLimitConfig{Limit: bodyLimitDefault, Skipper: isUpload}))
	e.Use(middleware.BodyLimitWithConfig(middleware.BodyLimitConfig{
		Limit: bodyLimitUpload, Skipper: func(c echo.Context) bool { return !isUpload(c) },
	}))

	loginLimit := middleware.RateLimiterWithConfig(middleware.RateLimiterConfig{
		Store: middleware.NewRateLimiterMemoryStoreWithConfig(middleware.RateLimiterMemoryStoreConfig{
			Rate: rate.Every(6 * time.Second), Burst: 10, ExpiresIn: 15 * time.Minute,
		}),
		DenyHandler: func(c echo.Context, _ string, _ error) error {
			return echo.NewHTTPError(http.StatusTooManyRequests, t(c, "err.rate"))
		},
	})
	upload := middleware.BodyLimit(bodyLimitUpload)

	e.GET("/healthz", s.handleHealth)
	e.GET("/readyz", s.handleReady)
	e.GET("/metrics", echo.WrapHandler(s.Metrics.Handler()), localOnly)
	e.GET("/static/*", echo.WrapHandler(staticHandler()))
	e.GET("/verify", s.handleVerifyForm)
	e.GET("/verify/:code", s.handleVerifyPage)

	// Staff web UI: session cookie, CSRF token on every form.
	ui := e.Group("", middleware.CSRFWithConfig(middleware.CSRFConfig{
		TokenLookup: "form:_csrf", CookieName: "_csrf", CookiePath: "/", CookieHTTPOnly: true,
		CookieSecure: s.SecureCookies, CookieSameSite: http.SameSiteStrictMode,
	}), noStore, s.withSession)
	ui.GET("/login", s.handleLoginPage)
	ui.POST("/login", s.handleLogin, loginLimit)
	ui.POST("/logout", s.handleLogout)
	ui.GET("/", s.handleDashboard, allow(anyStaff...))
	ui.GET("/courses", s.handleCourses, allow(anyStaff...))
	ui.POST("/courses", s.handleCourseUpload, upload, allow(courseWrite...))
	ui.GET("/courses/uploads/:id", s.handleUploadPreview, allow(anyStaff...))
	ui.GET("/courses/uploads/:id/files/*", s.handleUploadFile, allow(anyStaff...))
	ui.POST("/courses/uploads/:id/publish", s.handleUploadPublish, allow(courseWrite...))
	ui.POST("/courses/uploads/:id/discard", s.handleUploadDiscard, allow(courseWrite...))
	ui.GET("/courses/:id/:version", s.handleCoursePreview, allow(anyStaff...))
	ui.GET("/courses/:id/:version/files/*", s.handleCourseFile, allow(anyStaff...))
	ui.GET("/courses/:id/:version/analysis", s.handleAnalysis, allow(anyStaff...))
	ui.GET("/courses/:id/:version/analysis/:question", s.handleAnalysisQuestion, allow(anyStaff...))
	ui.GET("/stations", s.handleStations, allow(orgRead...))
	ui.POST("/stations", s.handleStationCreate, allow(orgWrite...))
	ui.POST("/stations/:code/token", s.handleStationToken, allow(orgWrite...))
	ui.GET("/officers", s.handleOfficers, allow(orgRead...))
	ui.GET("/officers/import", s.handleImportPage, allow(orgRead...))
	ui.POST("/officers/import", s.handleImport, upload, allow(orgWrite...))
	ui.GET("/officers/:badge", s.handleOfficer, allow(orgRead...))
	ui.GET("/officers/:badge/constancia.pdf", s.handleTranscriptPDF, allow(orgRead...))
	ui.POST("/officers/:badge/pin", s.handleOfficerPIN, allow(orgWrite...))
	ui.POST("/officers/:badge/unlock", s.handleOfficerUnlock, allow(orgWrite...))
	ui.POST("/officers/:badge/active", s.handleOfficerActive, allow(orgWrite...))
	ui.POST("/officers/:badge/move", s.handleOfficerMove, allow(orgWrite...))
	ui.GET("/attempts", s.handleAttempts, allow(orgRead...))
	ui.GET("/completions", s.handleCompletions, allow(orgRead...))
	ui.GET("/certificates", s.handleCertificates, allow(orgRead...))
	ui.GET("/certificates/:id/revoke", s.handleRevokeConfirm, allow(orgRead...))
	ui.POST("/certificates/:id/revoke", s.handleRevoke, allow(orgWrite...))
	ui.GET("/certificates/:id/pdf", s.certificatePDF, allow(orgRead...))
	ui.GET("/certificates/:id/ob3", s.certificateOB3, allow(orgRead...))
	ui.POST("/certificates/issue", s.handleCertificateIssue, allow(orgWrite...))
	ui.POST("/certificates/import", s.handleCertificateImport, upload, allow(orgWrite...))
	ui.GET("/approvals", s.handleApprovals, allow(adminRead...))
	ui.POST("/approvals", s.handleDecide, allow(adminOnly...))
	ui.GET("/approvals/:id", s.handleAnswers, allow(adminRead...))
	ui.POST("/nodes/:id/revoke", s.handleNodeRevoke, allow(adminOnly...))
	ui.GET("/sync/rejects", s.handleSyncRejects, allow(orgRead...))
	ui.GET("/staff", s.handleStaff, allow(adminRead...))
	ui.GET("/audit", s.handleAudit, allow(adminRead...))
	ui.POST("/staff", s.handleStaffCreate, allow(adminOnly...))
	ui.GET("/workshops", s.handleWorkshops, allow(anyStaff...))
	ui.GET("/workshops/new", s.handleWorkshopNew, allow(workshopWrite...))
	ui.POST("/workshops", s.handleWorkshopCreate, allow(workshopWrite...))
	ui.GET("/workshops/reports", s.handleWorkshopExport, allow(anyStaff...))
	ui.GET("/workshops/:id", s.handleWorkshop, allow(anyStaff...))
	ui.POST("/workshops/:id/approve", s.handleWorkshopApprove, allow(workshopWrite...))
	ui.POST("/workshops/:id/roster", s.handleWorkshopRoster, allow(workshopWrite...))
	ui.GET("/agencies", s.handleAgencies, allow(anyStaff...))
	ui.POST("/agencies", s.handleAgencyCreate, allow(adminOnly...))
	ui.POST("/officers/:badge/commander", s.handleCommander, allow(orgWrite...))
	ui.GET("/requirements", s.handleRequirements, allow(anyStaff...))
	ui.POST("/requirements", s.handleRequirementCreate, allow(orgWrite...))
	ui.GET("/requirements/:id/delete", s.handleRequirementConfirm, allow(orgWrite...))
	ui.POST("/requirements/:id/delete", s.handleRequirementDelete, allow(orgWrite...))
	ui.GET("/compliance", s.handleCompliance, allow(anyStaff...))
	ui.GET("/compliance/export", s.handleComplianceExport, allow(anyStaff...))
	ui.GET("/stations/:code/compliance.pdf", s.handleStationPDF, allow(anyStaff...))
	ui.GET("/account", s.handleAccount, allow(anyStaff...))
	ui.POST("/account/password", s.handleAccountPassword, allow(anyStaff...))
	// The studio (docs/authoring.md): authors write drafts; reviewers approve or return them, never
	// their own (the service refuses; the page hides the button).
	ui.GET("/drafts", s.handleDrafts, allow(authors...))
	ui.POST("/drafts", s.handleDraftCreate, allow(authors...))
	ui.POST("/drafts/import", s.handleDraftImport, upload, allow(authors...))
	ui.GET("/drafts/:id", s.handleDraft, allow(authors...))
	ui.GET("/drafts/:id/zip", s.handleDraftZip, allow(authors...))
	ui.GET("/drafts/:id/media/*", s.handleDraftMedia, allow(authors...))
	ui.POST("/drafts/:id/media", s.handleMediaUpload, upload, allow(authors...))
	ui.POST("/drafts/:id/media/delete", s.handleMediaDelete, allow(authors...))
	ui.POST("/drafts/:id/course", s.handleDraftCourse, allow(authors...))
	ui.POST("/drafts/:id/lessons", s.handleLessonAdd, allow(authors...))
	ui.POST("/drafts/:id/lessons/delete", s.handleLessonDelete, allow(authors...))
	ui.POST("/drafts/:id/lessons/move", s.handleLessonMove, allow(authors...))
	ui.GET("/drafts/:id/lessons/:lesson", s.handleLessonEditor, allow(authors...))
	ui.POST("/drafts/:id/lessons/:lesson", s.handleLessonSave, allow(authors...))
	ui.POST("/drafts/:id/lessons/:lesson/preview", s.handleLessonPreview, allow(authors...))
	ui.GET("/drafts/:id/quiz", s.handleDraftQuiz, allow(authors...))
	ui.POST("/drafts/:id/quiz", s.handleQuizSettings, allow(authors...))
	ui.POST("/drafts/:id/gift", s.handleDraftGIFT, upload, allow(authors...))
	ui.POST("/drafts/:id/questions", s.handleQuestionAdd, allow(authors...))
	ui.POST("/drafts/:id/questions/order", s.handleQuestionOrder, allow(authors...))
	ui.GET("/drafts/:id/questions/:q", s.handleQuestion, allow(authors...))
	ui.POST("/drafts/:id/questions/:q", s.handleQuestionSave, allow(authors...))
	ui.POST("/drafts/:id/questions/:q/check", s.handleQuestionCheck, allow(authors...))
	ui.POST("/drafts/:id/submit", s.handleDraftSubmit, allow(authors...))
	ui.GET("/drafts/:id/review", s.handleDraftReview, allow(authors...))
	ui.POST("/drafts/:id/approve", s.handleDraftApprove, allow(reviewers...))
	ui.POST("/drafts/:id/return", s.handleDraftReturn, allow(reviewers...))

	// JSON API: Bearer token from /api/v1/auth/login; no cookies, so no CSRF.
	api := e.Group("/api/v1", noStore, s.withBearer)
	api.POST("/auth/login", s.handleAPILogin, loginLimit)
	api.POST("/auth/logout", s.apiLogout, allow(anyStaff...))
	api.POST("/auth/password", s.apiPassword, loginLimit, allow(anyStaff...))
	// Station nodes: enrollment with a one-time token, then every request signed by the node key.
	api.POST("/nodes/enroll", s.handleEnroll, loginLimit)
	api.POST("/sync", s.handleSync)
	api.GET("/sync/blobs/:sha", s.handleBlob)
	api.GET("/verify/:code", s.handleVerifyAPI)
	api.GET("/status-lists/:n", s.apiStatusList) // public: verifiers read revocations here
	api.GET("/issuer", s.apiIssuer)
	api.GET("/courses", s.apiCourses, allow(anyStaff...))
	api.POST("/courses", s.apiCoursePublish, upload, allow(courseWrite...))
	api.GET("/courses/:id/:version", s.apiCourseVersion, allow(anyStaff...))
	api.GET("/courses/:id/:version/analysis", s.apiAnalysis, allow(anyStaff...))
	api.GET("/stations", s.apiStations, allow(orgRead...))
	api.POST("/stations", s.apiStationCreate, allow(orgWrite...))
	api.POST("/stations/:code/token", s.apiStationToken, allow(orgWrite...))
	api.GET("/officers", s.apiOfficers, allow(orgRead...))
	api.POST("/officers/import", s.apiOfficerImport, upload, allow(orgWrite...))
	api.GET("/officers/:badge", s.apiOfficer, allow(orgRead...))
	api.GET("/attempts", s.apiAttempts, allow(orgRead...))
	api.GET("/completions", s.apiCompletions, allow(orgRead...))
	api.GET("/certificates", s.apiCertificates, allow(orgRead...))
	api.POST("/certificates/:id/revoke", s.apiRevoke, allow(orgWrite...))
	api.GET("/certificates/:id/pdf", s.certificatePDF, allow(orgRead...))
	api.GET("/certificates/:id/ob3", s.certificateOB3, allow(orgRead...))
	api.POST("/certificates", s.apiCertificateIssue, allow(orgWrite...))
	api.POST("/certificates/import", s.apiCertificateImport, upload, allow(orgWrite...))
	api.GET("/approvals", s.apiApprovals, allow(adminRead...))
	api.POST("/approvals", s.apiDecide, allow(adminOnly...))
	api.GET("/nodes", s.apiNodes, allow(adminRead...))
	api.POST("/nodes/:id/revoke", s.apiNodeRevoke, allow(adminOnly...))
	api.GET("/staff", s.apiStaff, allow(adminRead...))
	api.GET("/audit", s.apiAudit, allow(adminRead...))
	api.GET("/agencies", s.apiAgencies, allow(anyStaff...))
	api.POST("/agencies", s.apiAgencyCreate, allow(adminOnly...))
	api.POST("/stations/:code/commander", s.apiStationCommander, allow(orgWrite...))
	api.GET("/requirements", s.apiRequirements, allow(anyStaff...))
	api.POST("/requirements", s.apiRequirementCreate, allow(orgWrite...))
	api.DELETE("/requirements/:id", s.apiRequirementDelete, allow(orgWrite...))
	api.GET("/compliance", s.apiCompliance, allow(anyStaff...))
	api.GET("/compliance/summary", s.apiComplianceSummary, allow(anyStaff...))
	api.GET("/workshops", s.apiWorkshops, allow(anyStaff...))
	api.POST("/workshops", s.apiWorkshopCreate, allow(workshopWrite...))
	api.GET("/workshops/summary", s.apiWorkshopSummary, allow(anyStaff...))
	api.GET("/workshops/:id", s.apiWorkshop, allow(anyStaff...))
	api.POST("/workshops/:id/approve", s.apiWorkshopApprove, allow(workshopWrite...))
	api.POST("/workshops/:id/roster", s.apiWorkshopRoster, allow(workshopWrite...))
	api.GET("/officers/:badge/transcript", s.apiTranscript, allow(orgRead...))
	api.GET("/officers/:badge/evidence", s.apiEvidence, allow(orgRead...))
	api.GET("/hours/summary", s.apiHoursSummary, allow(anyStaff...))
	api.GET("/open-data/coverage", s.apiOpenData) // public with --public-open-data, else staff (checked inside)
	api.POST("/staff", s.apiStaffCreate, allow(adminOnly...))
	// Course drafts (contract §6, docs/authoring.md): authors write and review; approving needs
	// another staff member than the one who submitted (checked by the service).
	api.GET("/drafts", s.apiDrafts, allow(authors...))
	api.POST("/drafts", s.apiDraftCreate, allow(authors...))
	api.POST("/drafts/import", s.apiDraftImport, upload, allow(authors...))
	api.GET("/drafts/:id", s.apiDraft, allow(authors...))
	api.GET("/drafts/:id/files/*", s.apiDraftFile, allow(authors...))
	api.PUT("/drafts/:id/files/*", s.apiDraftFilePut, upload, allow(authors...))
	api.DELETE("/drafts/:id/files/*", s.apiDraftFileDelete, allow(authors...))
	api.GET("/drafts/:id/lint", s.apiDraftLint, allow(authors...))
	api.GET("/drafts/:id/zip", s.apiDraftZip, allow(authors...))
	api.GET("/drafts/:id/diff", s.apiDraftDiff, allow(authors...))
	api.POST("/drafts/:id/preview", s.apiDraftPreview, allow(authors...))
	api.POST("/drafts/:id/reorder", s.apiDraftReorder, allow(authors...))
	api.POST("/drafts/:id/gift", s.apiDraftGIFT, upload, allow(authors...))
	api.POST("/drafts/:id/submit", s.apiDraftSubmit, allow(authors...))
	api.POST("/drafts/:id/approve", s.apiDraftApprove, allow(reviewers...))
	api.POST("/drafts/:id/return", s.apiDraftReturn, allow(reviewers...))
	api.Any("/*", func(c echo.Context) error { return echo.ErrNotFound })
}

// uploadRoutes take bodies up to bodyLimitUpload instead of bodyLimitDefault.
// A node's push is not one of them: a full batch is about 600 KiB before compression
// (protocol.MaxPushBytes), so 1 MiB compressed is more than any node sends.
var uploadRoutes = map[string]bool{"/courses": true, "/officers/import": true, "/api/v1/courses": true, "/api/v1/officers/import": true,
	"/certificates/import": true, "/api/v1/certificates/import": true,
	"/api/v1/drafts/import": true, "/api/v1/drafts/:id/files/*": true, "/api/v1/drafts/:id/gift": true,
	"/drafts/import": true, "/drafts/:id/media": true, "/drafts/:id/gift": true}

// noStore keeps staff pages, downloads and API answers out of every cache (a shared or borrowed
// computer, a proxy); static assets are outside the groups it wraps and stay cacheable.
func noStore(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		c.Response().Header().Set("Cache-Control", "no-store")
		return next(c)
	}
}

// localOnly serves a route to this machine and private networks only, judged by the client
// address (behind a trusted proxy, the forwarded one: the proxy itself is usually local).
func localOnly(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		ip, err := netip.ParseAddr(c.RealIP())
		if err != nil || !(ip.IsLoopback() || ip.IsPrivate()) {
			return c.String(http.StatusForbidden, "metrics are served to this machine and private networks only")
		}
		return next(c)
	}
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// handleReady answers 200 when the center can serve: its store answers and holds at least one
// published course (a load balancer sends traffic only then).
func (s *Server) handleReady(c echo.Context) error {
	versions, err := s.Store.LatestVersions(c.Request().Context())
	if err != nil {
		return c.JSON(http.StatusServiceUnavailable, map[string]string{"status": "store unavailable"})
	}
	return c.JSON(http.StatusOK, map[string]any{"status": "ready", "courses": len(versions)})
}

// handleHealth answers 200 when the store answers.
func (s *Server) handleHealth(c echo.Context) error {
	if _, err := s.Store.Empty(c.Request().Context()); err != nil {
		return c.JSON(http.StatusServiceUnavailable, map[string]string{"status": "unavailable"})
	}
	return c.JSON(http.StatusOK, map[string]string{"status": "ok"})
}

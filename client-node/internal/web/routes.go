package web

import (
	"net/http"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"
	"golang.org/x/time/rate"
)

// csp: only the node's own script and styles, no inline script, nothing from the internet.
const csp = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; " +
	"frame-ancestors 'none'; base-uri 'none'; form-action 'self'"

// routes is the node's one route table. Every officer route goes through requireOfficer, the
// station's compliance (commanders only) through requireCommander.
func (s *Server) routes(e *echo.Echo) {
	e.Use(middleware.Recover())
	e.Use(middleware.SecureWithConfig(middleware.SecureConfig{
		XSSProtection: "0", ContentTypeNosniff: "nosniff", XFrameOptions: "DENY", ContentSecurityPolicy: csp, ReferrerPolicy: "same-origin",
	}))
	e.Use(middleware.BodyLimit("256K"))

	// Per-terminal limit on login tries, on top of the per-badge lockout.
	loginLimit := middleware.RateLimiterWithConfig(middleware.RateLimiterConfig{
		Store: middleware.NewRateLimiterMemoryStoreWithConfig(middleware.RateLimiterMemoryStoreConfig{
			Rate: rate.Every(3 * time.Second), Burst: 20, ExpiresIn: 15 * time.Minute,
		}),
		DenyHandler: func(c echo.Context, _ string, _ error) error {
			return echo.NewHTTPError(http.StatusTooManyRequests, t(c, "err.rate"))
		},
	})

	e.GET("/healthz", func(c echo.Context) error { return c.JSON(http.StatusOK, map[string]string{"status": "ok"}) })
	e.GET("/readyz", s.handleReady)
	e.GET("/static/*", echo.WrapHandler(staticHandler()))

	ui := e.Group("", middleware.CSRFWithConfig(middleware.CSRFConfig{
		TokenLookup: "form:_csrf", CookieName: "_csrf", CookiePath: "/", CookieHTTPOnly: true,
		CookieSecure: s.SecureCookies, CookieSameSite: http.SameSiteStrictMode,
	}), noStore, s.withOfficer)
	ui.GET("/login", s.handleLoginPage)
	ui.POST("/login", s.handleLogin, loginLimit)
	ui.POST("/logout", s.handleLogout)
	ui.GET("/", s.handleCourses, requireOfficer)
	ui.GET("/courses/:id", s.handleCourse, requireOfficer)
	ui.GET("/courses/:id/lessons/:lesson", s.handleLesson, requireOfficer)
	ui.POST("/courses/:id/lessons/:lesson/read", s.handleLessonRead, requireOfficer)
	ui.GET("/courses/:id/quiz", s.handleQuiz, requireOfficer)
	ui.POST("/courses/:id/quiz", s.handleQuizStart, requireOfficer)
	ui.GET("/attempts/:attempt/q/:n", s.handleQuestion, requireOfficer)
	ui.POST("/attempts/:attempt/q/:n", s.handleAnswer, requireOfficer)
	ui.GET("/attempts/:attempt/review", s.handleReview, requireOfficer)
	ui.POST("/attempts/:attempt/submit", s.handleSubmit, requireOfficer)
	ui.GET("/attempts/:attempt/result", s.handleResult, requireOfficer)
	ui.GET("/media/:id/:version/*", s.handleMedia, requireOfficer)
	ui.GET("/certificates", s.handleCertificates, requireOfficer)
	ui.GET("/certificates/:id/pdf", s.handleCertificatePDF, requireOfficer)
	ui.GET("/certificates/:id/ob3", s.handleCertificateOB3, requireOfficer)
	ui.GET("/verify/:code", s.handleVerifyPage)
	ui.GET("/verify", s.handleVerifyForm)
	ui.GET("/sync", s.handleSyncPage, requireOfficer)
	ui.POST("/sync", s.handleSyncNow, requireOfficer)
	ui.GET("/workshops", s.handleWorkshops) // "Registrar mi asistencia": badge and PIN on each form
	ui.POST("/workshops/:id/attend", s.handleWorkshopAttend, loginLimit)
	ui.GET("/workshops/:id", s.handleWorkshop, requireCommander)
	ui.POST("/workshops/:id/guests", s.handleWorkshopGuest, requireCommander)
	ui.POST("/workshops/:id/close", s.handleWorkshopClose, requireCommander)
	ui.GET("/training", s.handleTraining, requireOfficer)
	ui.GET("/station", s.handleStation, requireCommander)
	ui.GET("/station/compliance.csv", s.handleStationCSV, requireCommander)

	api := e.Group("/api/v1", noStore, s.withOfficer)
	api.POST("/session", s.apiLogin, loginLimit)
	api.DELETE("/session", s.apiLogout, requireOfficer)
	api.GET("/courses", s.apiCourses, requireOfficer)
	api.POST("/courses/:id/attempts", s.apiStartAttempt, requireOfficer)
	api.GET("/attempts/:attempt", s.apiAttempt, requireOfficer)
	api.PUT("/attempts/:attempt/answers/:question", s.apiSaveAnswer, requireOfficer)
	api.POST("/attempts/:attempt/submit", s.apiSubmit, requireOfficer)
	api.GET("/sync/status", s.apiSyncStatus, requireOfficer)
	api.GET("/station/compliance", s.apiStationCompliance, requireCommander)
	api.GET("/workshops", s.apiWorkshops, requireOfficer)
	api.POST("/workshops/:id/attendance", s.apiWorkshopAttend, requireOfficer)
	api.POST("/workshops/:id/guests", s.apiWorkshopGuest, requireCommander)
	api.POST("/workshops/:id/close", s.apiWorkshopClose, requireCommander)
	api.GET("/training", s.apiTraining, requireOfficer)
	api.GET("/certificates/:id/pdf", s.handleCertificatePDF, requireOfficer)
	api.GET("/certificates/:id/ob3", s.handleCertificateOB3, requireOfficer)
	api.GET("/verify/:code", s.handleVerifyAPI)
	api.Any("/*", func(c echo.Context) error { return echo.ErrNotFound })
}

// noStore keeps officer pages, certificates and API answers out of the terminal's cache (the
// next officer at a shared terminal must not find them); static assets and course media, outside
// this or set by their handler, stay cacheable.
func noStore(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		c.Response().Header().Set("Cache-Control", "no-store")
		return next(c)
	}
}

package web

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"aula/client-node/internal/syncer"
)

// handleSyncPage shows the station's sync state: last success, pending records, last error,
// clock offset and the progress of a course download.
func (s *Server) handleSyncPage(c echo.Context) error {
	st, err := syncer.ReadStatus(c.Request().Context(), s.Store, s.Sync)
	if err != nil {
		return err
	}
	return s.render(c, "sync", page{"Status": st})
}

// handleSyncNow asks the background sync for a round now ("Sincronizar ahora").
func (s *Server) handleSyncNow(c echo.Context) error {
	if s.Sync != nil {
		s.Sync.Now()
	}
	st, err := syncer.ReadStatus(c.Request().Context(), s.Store, s.Sync)
	if err != nil {
		return err
	}
	return s.render(c, "sync", page{"Status": st, "Requested": s.Sync != nil})
}

// apiSyncStatus: GET /api/v1/sync/status.
func (s *Server) apiSyncStatus(c echo.Context) error {
	st, err := syncer.ReadStatus(c.Request().Context(), s.Store, s.Sync)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, st)
}

// handleReady answers 200 when the node can serve officers: its store answers and it holds at
// least one course (before the first sync it has none, and says so).
func (s *Server) handleReady(c echo.Context) error {
	versions, err := s.Store.LatestVersions(c.Request().Context())
	switch {
	case err != nil:
		return c.JSON(http.StatusServiceUnavailable, map[string]string{"status": "store unavailable"})
	case len(versions) == 0:
		return c.JSON(http.StatusServiceUnavailable, map[string]string{"status": "no courses yet: enroll and sync this node"})
	}
	return c.JSON(http.StatusOK, map[string]any{"status": "ready", "courses": len(versions)})
}

package web

import (
	"bytes"
	"io"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"aula/courses"
	"aula/server/internal/store"
	"aula/sync/protocol"
)

// Node requests are authenticated by the node's own key: X-Aula-Node names the node and
// X-Aula-Signature signs the body (POST) or the path (GET).
const (
	headerNode      = "X-Aula-Node"
	headerSignature = "X-Aula-Signature"
)

// handleEnroll: POST /api/v1/nodes/enroll spends a station token and registers a node key.
func (s *Server) handleEnroll(c echo.Context) error {
	var req protocol.EnrollRequest
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	reply, err := s.Sync.Enroll(req)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, reply)
}

// handleSync: POST /api/v1/sync, a signed, compressed Push; answers a signed, compressed Reply.
func (s *Server) handleSync(c echo.Context) error {
	body, err := io.ReadAll(c.Request().Body)
	if err != nil {
		return echo.NewHTTPError(http.StatusRequestEntityTooLarge)
	}
	node, err := s.Sync.Authenticate(c.Request().Header.Get(headerNode), body, c.Request().Header.Get(headerSignature))
	if err != nil {
		s.syncRequests.WithLabelValues("refused").Inc()
		return err
	}
	push, err := protocol.ReadPush(body)
	if err != nil {
		return courses.Errorf(courses.Invalid, "%v", err)
	}
	if err := protocol.CheckVersion(push.Protocol); err != nil {
		return echo.NewHTTPError(http.StatusUpgradeRequired, err.Error())
	}
	reply, err := s.Sync.Apply(node, push, false)
	if err != nil {
		s.syncRequests.WithLabelValues("error").Inc()
		return err
	}
	s.syncRequests.WithLabelValues("ok").Inc()
	s.syncRecords.WithLabelValues("applied").Add(float64(max(0, reply.Acked-node.AckedSeq) - int64(len(reply.Rejected))))
	s.syncRecords.WithLabelValues("set_aside").Add(float64(len(reply.Rejected)))
	out, err := protocol.Encode(reply)
	if err != nil {
		return err
	}
	c.Response().Header().Set(headerSignature, protocol.Sign(s.Key, out))
	return c.Blob(http.StatusOK, "application/x-aula-sync", out)
}

// handleBlob: GET /api/v1/sync/blobs/{sha256} serves a course file to an enrolled node, with
// Range support so an interrupted download resumes where it stopped.
func (s *Server) handleBlob(c echo.Context) error {
	if _, err := s.Sync.Authenticate(c.Request().Header.Get(headerNode), []byte(c.Request().URL.Path), c.Request().Header.Get(headerSignature)); err != nil {
		return err
	}
	data, err := s.Store.Blob(c.Param("sha"))
	if err != nil {
		return err
	}
	c.Response().Header().Set("Content-Type", "application/octet-stream")
	http.ServeContent(c.Response(), c.Request(), "", time.Time{}, bytes.NewReader(data))
	return nil
}

// handleNodeRevoke revokes a node (a lost or stolen station PC) from the stations page.
func (s *Server) handleNodeRevoke(c echo.Context) error {
	if err := s.Store.RevokeNode(c.Param("id"), currentUser(c).Username); err != nil {
		if courses.ErrorCode(err) == courses.Internal {
			return err
		}
		return s.stationsWith(c, statusOf(err), page{"Error": err.Error()})
	}
	return s.stationsWith(c, http.StatusOK, page{"NodeRevoked": c.Param("id")})
}

// handleSyncRejects lists records that nodes sent but the center set aside.
func (s *Server) handleSyncRejects(c echo.Context) error {
	list, err := s.Store.ListSyncRejects()
	if err != nil {
		return err
	}
	return s.render(c, "rejects", page{"Rejects": list})
}

// clockWarning is the offset above which the center warns that a node's clock is wrong.
const clockWarning = 5 * time.Minute

func nodeClockWrong(n store.Node) bool {
	return n.ClockOffset != nil && (*n.ClockOffset > clockWarning || *n.ClockOffset < -clockWarning)
}

// apiNodes: GET /api/v1/nodes, every enrolled node with its sync state.
func (s *Server) apiNodes(c echo.Context) error {
	nodes, err := s.Store.ListNodes()
	if err != nil {
		return err
	}
	out := make([]map[string]any, 0, len(nodes))
	for _, n := range nodes {
		item := map[string]any{"id": n.ID, "station": n.StationCode, "enrolled_at": n.EnrolledAt.Format(time.RFC3339),
			"revoked_at": optTime(n.RevokedAt), "acked_seq": n.AckedSeq, "node_version": n.NodeVersion,
			"last_sync_at": optTime(n.LastSyncAt), "pending": n.Pending, "clock_offset_seconds": nil, "clock_warning": nodeClockWrong(n)}
		if n.ClockOffset != nil {
			item["clock_offset_seconds"] = int64(n.ClockOffset.Seconds())
		}
		out = append(out, item)
	}
	return c.JSON(http.StatusOK, out)
}

// apiNodeRevoke: POST /api/v1/nodes/{id}/revoke (admin): the node can no longer sync.
func (s *Server) apiNodeRevoke(c echo.Context) error {
	if err := s.Store.RevokeNode(c.Param("id"), currentUser(c).Username); err != nil {
		return err
	}
	return c.JSON(http.StatusOK, map[string]string{"id": c.Param("id"), "status": "revoked"})
}

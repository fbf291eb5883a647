package web

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"aula/courses"
	"aula/server/internal/store"
	"aula/server/internal/syncer"
	"aula/sync/protocol"
)

// Node requests are authenticated by the node's own key: X-Aula-Node names the node,
// X-Aula-Counter carries its request counter and X-Aula-Signature signs both with the method, the
// path and the body (protocol.RequestMessage); nodes built before counters sign the body (POST) or
// the path (GET) alone.

// nodeRequest is a node's signed request as the syncer checks it.
func nodeRequest(c echo.Context, body []byte) syncer.Request {
	r := c.Request()
	return syncer.Request{NodeID: r.Header.Get(protocol.HeaderNode), Signature: r.Header.Get(protocol.HeaderSignature),
		Counter: r.Header.Get(protocol.HeaderCounter), Method: r.Method, Path: r.URL.Path, Body: body}
}

// syncRefused answers a node request refused for its counter. A counter already used or too old
// gets 409 with the highest counter the center has seen, signed by the center: a node whose
// counter went back (its store was restored from an older copy) continues above it, and a replay
// gets nothing but the refusal.
func (s *Server) syncRefused(c echo.Context, err error) error {
	s.syncRequests.Inc("refused")
	if errors.Is(err, store.ErrCounterMissing) {
		return echo.NewHTTPError(http.StatusUnauthorized, t(c, "err.sync_counter_missing"))
	}
	var stale *store.StaleCounterError
	if !errors.As(err, &stale) {
		return err
	}
	body, err := json.Marshal(map[string]any{"error": t(c, "err.sync_replay", stale.Counter, stale.Highest), "counter": stale.Highest})
	if err != nil {
		return err
	}
	c.Response().Header().Set(protocol.HeaderSignature, protocol.Sign(s.Key, body))
	return c.Blob(http.StatusConflict, echo.MIMEApplicationJSONCharsetUTF8, body)
}

// handleEnroll: POST /api/v1/nodes/enroll spends a station token and registers a node key.
func (s *Server) handleEnroll(c echo.Context) error {
	var req protocol.EnrollRequest
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	reply, err := s.Sync.Enroll(c.Request().Context(), req)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, reply)
}

// handleSync: POST /api/v1/sync, a signed, compressed Push; answers a signed, compressed Reply.
// The reply (with the station's roster and its PIN hashes) goes only to the node that signed a
// fresh request, and is never logged.
func (s *Server) handleSync(c echo.Context) error {
	body, err := io.ReadAll(c.Request().Body)
	if err != nil {
		return echo.NewHTTPError(http.StatusRequestEntityTooLarge)
	}
	node, counter, err := s.Sync.AuthenticateRequest(c.Request().Context(), nodeRequest(c, body))
	if err != nil {
		return s.syncRefused(c, err)
	}
	push, err := protocol.ReadPushMax(body, protocol.MaxPushBytes)
	if errors.Is(err, protocol.ErrTooLarge) {
		s.syncRequests.Inc("refused")
		return c.JSON(http.StatusRequestEntityTooLarge, map[string]string{"error": t(c, "err.sync_too_large", protocol.MaxPushBytes>>10)})
	}
	if err != nil {
		return courses.E(courses.Invalid, "sync.invalid", err)
	}
	if protocol.CheckVersion(push.Protocol) != nil {
		return s.versionRefused(c, push.Protocol)
	}
	reply, counts, err := s.Sync.ApplyRequest(c.Request().Context(), node, counter, push)
	if errors.As(err, new(*store.StaleCounterError)) || errors.Is(err, store.ErrCounterMissing) {
		return s.syncRefused(c, err) // a push that raced another with the same counter
	}
	if err != nil {
		s.syncRequests.Inc("error")
		return err
	}
	s.syncRequests.Inc("ok")
	s.syncRecords.Add(float64(counts.Applied), "applied")
	s.syncRecords.Add(float64(counts.SetAside), "set_aside")
	out, err := protocol.Encode(reply)
	if err != nil {
		return err
	}
	c.Response().Header().Set(protocol.HeaderSignature, protocol.Sign(s.Key, out))
	return c.Blob(http.StatusOK, "application/x-aula-sync", out)
}

// versionRefused answers a push in a protocol version this center does not speak: 426, saying
// which program to upgrade and the versions the center speaks (protocol.VersionAnswer), so a node
// newer than the center shows its officers a clear message and keeps working offline.
func (s *Server) versionRefused(c echo.Context, v int) error {
	s.syncRequests.Inc("refused")
	id := "err.sync_version_old"
	if v > protocol.Version {
		id = "err.sync_version_new"
	}
	return c.JSON(http.StatusUpgradeRequired, protocol.VersionAnswer{Error: t(c, id, v, protocol.MinVersion, protocol.Version),
		MinProtocol: protocol.MinVersion, MaxProtocol: protocol.Version})
}

// handleBlob: GET /api/v1/sync/blobs/{sha256} serves a course file to an enrolled node, with
// Range support so an interrupted download resumes where it stopped. Each request is signed with
// its own counter: a captured one cannot be sent again.
func (s *Server) handleBlob(c echo.Context) error {
	node, counter, err := s.Sync.AuthenticateRequest(c.Request().Context(), nodeRequest(c, nil))
	if err == nil {
		err = s.Sync.UseCounter(c.Request().Context(), node, counter)
	}
	if err != nil {
		return s.syncRefused(c, err)
	}
	data, err := s.Store.Blob(c.Request().Context(), c.Param("sha"))
	if err != nil {
		return err
	}
	c.Response().Header().Set("Content-Type", "application/octet-stream")
	http.ServeContent(c.Response(), c.Request(), "", time.Time{}, bytes.NewReader(data))
	return nil
}

// handleNodeRevoke revokes a node (a lost or stolen station PC) from the stations page.
func (s *Server) handleNodeRevoke(c echo.Context) error {
	node, err := s.Store.FindNode(ctx(c), c.Param("id"))
	if err == nil {
		err = s.Store.RevokeNode(ctx(c), node.ID, actor(c))
	}
	if err != nil {
		if courses.ErrorCode(err) == courses.Internal {
			return err
		}
		return s.stationsWith(c, statusOf(err), page{"Error": errText(c, err)})
	}
	return s.stationsWith(c, http.StatusOK, page{"NodeRevoked": node.StationCode})
}

// handleSyncRejects lists records that nodes sent but the center set aside (a coordinator: his
// agency's stations').
func (s *Server) handleSyncRejects(c echo.Context) error {
	q := searchQuery(c)
	total, err := s.Store.CountSyncRejectsOf(ctx(c), scope(c).AgencyFilter(), q)
	if err != nil {
		return err
	}
	pg := newPager(c, "/sync/rejects", total)
	list, err := s.Store.ListSyncRejectsOf(ctx(c), scope(c).AgencyFilter(), q, store.Paging{Offset: pg.Offset(), Limit: store.PageSize})
	if err != nil {
		return err
	}
	return s.render(c, "rejects", page{"Rejects": list, "Pager": pg, "Query": q})
}

// clockWarning is the offset above which the center warns that a node's clock is wrong.
const clockWarning = 5 * time.Minute

func nodeClockWrong(n store.Node) bool {
	return n.ClockOffset != nil && (*n.ClockOffset > clockWarning || *n.ClockOffset < -clockWarning)
}

// apiNodes: GET /api/v1/nodes, every enrolled node with its sync state.
func (s *Server) apiNodes(c echo.Context) error {
	nodes, err := s.Store.ListNodes(c.Request().Context())
	if err != nil {
		return err
	}
	out := make([]map[string]any, 0, len(nodes))
	for _, n := range nodes {
		item := map[string]any{"id": n.ID, "station": n.StationCode, "enrolled_at": n.EnrolledAt.Format(time.RFC3339),
			"revoked_at": optTime(n.RevokedAt), "acked_seq": n.AckedSeq, "node_version": n.NodeVersion,
			"last_sync_at": optTime(n.LastSyncAt), "pending": n.Pending, "clock_offset_seconds": nil, "clock_warning": nodeClockWrong(n),
			"protocol": nil}
		if n.Protocol > 0 {
			item["protocol"] = n.Protocol
		}
		if n.ClockOffset != nil {
			item["clock_offset_seconds"] = int64(n.ClockOffset.Seconds())
		}
		out = append(out, item)
	}
	return c.JSON(http.StatusOK, out)
}

// apiNodeRevoke: POST /api/v1/nodes/{id}/revoke (admin): the node can no longer sync.
func (s *Server) apiNodeRevoke(c echo.Context) error {
	node, err := s.Store.FindNode(ctx(c), c.Param("id"))
	if err == nil {
		err = s.Store.RevokeNode(ctx(c), node.ID, actor(c))
	}
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, map[string]string{"id": c.Param("id"), "status": "revoked"})
}

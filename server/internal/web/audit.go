package web

import (
	"errors"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/labstack/echo/v4"

	"aula/courses"
	"aula/server/internal/store"
	"aula/sync/auditchain"
)

// auditPageMax bounds one page of GET /api/v1/audit.
const auditPageMax = 1000

// apiAudit: GET /api/v1/audit?after=SEQ[&limit=N], the chain's entries after SEQ in order (at
// most 1000; ask again with the last seq for more).
func (s *Server) apiAudit(c echo.Context) error {
	after, err := intParam(c, "after", 0)
	if err != nil || after < 0 {
		return courses.InvalidFields(map[string]courses.Msg{"after": courses.M("v.audit_after")})
	}
	limit, err := intParam(c, "limit", auditPageMax)
	if err != nil || limit < 1 {
		return courses.InvalidFields(map[string]courses.Msg{"limit": courses.M("v.audit_limit")})
	}
	list, err := s.Store.AuditAfter(ctx(c), after, int(min(limit, auditPageMax)))
	if err != nil {
		return err
	}
	out := make([]map[string]any, 0, len(list))
	for _, e := range list {
		out = append(out, map[string]any{"seq": e.Seq, "at": e.At, "actor": e.Actor, "action": e.Action, "object": e.Object,
			"details": e.Details, "subject": e.Subject, "prev": e.Prev, "hash": e.Hash})
	}
	return c.JSON(200, out)
}

func intParam(c echo.Context, name string, def int64) (int64, error) {
	v := strings.TrimSpace(c.QueryParam(name))
	if v == "" {
		return def, nil
	}
	return strconv.ParseInt(v, 10, 64)
}

// auditRow is an entry on the auditor's page, its time read for display in the center's zone.
type auditRow struct {
	auditchain.Entry
	When time.Time
}

// chainState is what the auditor's page says about the chain as a whole.
type chainState struct {
	Intact    bool
	Entries   int
	Head      string
	Broken    *auditchain.Broken // the first problem
	CheckedAt time.Time
}

// chainCache keeps the last walk of the chain: a walk reads every entry (about 10 µs each,
// docs/benchmarks.md), so the page walks again only when the last walk is older than
// chainRecheck or the auditor asks (?check=1). aula-server audit verify always walks it all.
type chainCache struct {
	mu    sync.Mutex
	state *chainState
}

const chainRecheck = 10 * time.Minute

// chainState walks the chain, or returns the last walk when recent enough.
func (s *Server) chainState(c echo.Context, force bool) (chainState, error) {
	s.chain.mu.Lock()
	defer s.chain.mu.Unlock()
	if st := s.chain.state; st != nil && !force && s.Now().Sub(st.CheckedAt) < chainRecheck {
		return *st, nil
	}
	w, err := s.Store.WalkAudit(ctx(c))
	st := &chainState{Intact: err == nil, Entries: w.N, Head: w.Head, CheckedAt: s.Now()}
	if !errors.As(err, &st.Broken) && err != nil {
		return chainState{}, err
	}
	s.chain.state = st
	return *st, nil
}

// handleAudit: the auditor's page, the entries filtered and paged, newest first, with the
// chain's state (walked on every visit); ?format=csv exports every matching entry.
func (s *Server) handleAudit(c echo.Context) error {
	f := store.AuditFilter{Query: searchQuery(c), Action: strings.TrimSpace(c.QueryParam("action")), Badge: strings.TrimSpace(c.QueryParam("badge"))}
	format, err := exportFormat(c)
	if err != nil {
		return err
	}
	if format == "csv" || format == "xlsx" {
		list, err := s.Store.ListAudit(ctx(c), f, store.Paging{Limit: -1})
		if err != nil {
			return err
		}
		lang := lang(c)
		tw, err := startTable(c, format, "auditoria", []string{"seq", "at", "actor", "action", "object", "details", Message(lang, "col.officer"), "prev", "hash"})
		if err != nil {
			return err
		}
		for _, e := range list {
			if err := tw.Row([]any{e.Seq, e.At, e.Actor, e.Action, e.Object, e.Details, e.Subject, e.Prev, e.Hash}); err != nil {
				return err
			}
		}
		return tw.Close()
	}
	total, err := s.Store.CountAudit(ctx(c), f)
	if err != nil {
		return err
	}
	pg := newPager(c, "/audit", total)
	list, err := s.Store.ListAudit(ctx(c), f, store.Paging{Offset: pg.Offset(), Limit: store.PageSize})
	if err != nil {
		return err
	}
	state, err := s.chainState(c, c.QueryParam("check") == "1")
	if err != nil {
		return err
	}
	broken := ""
	if state.Broken != nil {
		broken = Message(lang(c), "audit.broken_"+state.Broken.Reason, state.Broken.Seq)
	}
	q := c.Request().URL.Query()
	q.Del("page")
	q.Set("format", "csv")
	rows := make([]auditRow, len(list))
	for i, e := range list { // a stamp edited out of shape shows as it is
		rows[i].Entry = e
		rows[i].When, _ = time.Parse(time.RFC3339, e.At)
	}
	nodes, err := s.Store.NodeChains(ctx(c))
	if err != nil {
		return err
	}
	return s.render(c, "audit", page{"Entries": rows, "Pager": pg, "Query": f.Query, "Action": f.Action, "Badge": f.Badge,
		"Chain": state, "BrokenText": broken, "CSV": "/audit?" + q.Encode(), "Nodes": nodes})
}

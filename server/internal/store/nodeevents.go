package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"aula/internal/sqlitedb"
	"aula/sync/auditchain"
	"aula/sync/protocol"
)

// KindNodeEvent is the kind of a node event set aside in sync_rejects.
const KindNodeEvent = "node_event"

// NodeEventReason is the reason kept for a node event whose chain does not verify: "content" (the
// event does not match its hash: edited) or "link" (it does not follow the node's previous event:
// one was removed, inserted or re-chained). The web pages translate it (rejectreason.go).
func NodeEventReason(seq int64, broken string) string {
	if broken == "link" {
		return fmt.Sprintf("node event %d does not follow the station's previous event: an event was removed, inserted or re-chained", seq)
	}
	return fmt.Sprintf("node event %d does not match its hash: the event was edited", seq)
}

// AddNodeEvents stores a node's chained events in seq order and returns the seq of the last one
// the center holds for the node (the push's acknowledgement). An event already held is skipped,
// so events sent twice are stored once. Each new event is checked against the node's previous
// one (its prev) and against its own hash; one that fails is stored marked broken and set aside
// in sync_rejects with the reason, and the chain goes on from its hash, so one edited event is
// reported once.
func (s *Store) AddNodeEvents(ctx context.Context, nodeID string, events []protocol.NodeEvent) (int64, error) {
	var last int64
	err := s.tx(ctx, func(tx *sql.Tx) error {
		head := auditchain.Genesis
		err := tx.QueryRow(`SELECT seq, hash FROM node_events WHERE node_id = ? ORDER BY seq DESC LIMIT 1`, nodeID).Scan(&last, &head)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		now := s.stamp()
		for _, e := range events {
			if e.Seq <= last {
				continue
			}
			broken := ""
			if e.Seq != last+1 || e.Prev != head {
				broken = "link"
			} else if auditchain.Link(e.Prev, e.Entry()) != e.Hash {
				broken = "content"
			}
			if _, err := tx.Exec(`INSERT INTO node_events (node_id, seq, at, kind, badge, object, prev, hash, intact, received_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (node_id, seq) DO NOTHING`,
				nodeID, e.Seq, e.At, e.Kind, e.Badge, e.Object, e.Prev, e.Hash, intactFlag(broken == ""), now); err != nil {
				return err
			}
			if broken != "" {
				payload, _ := json.Marshal(e)
				if _, err := tx.Exec(`INSERT INTO sync_rejects (node_id, seq, kind, reason, payload, received_at) VALUES (?, ?, ?, ?, ?, ?)`,
					nodeID, e.Seq, KindNodeEvent, NodeEventReason(e.Seq, broken), string(payload), now); err != nil {
					return err
				}
			}
			last, head = e.Seq, e.Hash
		}
		return nil
	})
	return last, err
}

func intactFlag(b bool) int {
	if b {
		return 1
	}
	return 0
}

// NodeChain is the state of one node's event chain as the center holds it.
type NodeChain struct {
	NodeID, Station string // Station: the code of the node's station
	Events          int
	LastSeq         int64
	FirstBroken     int64 // the first event that did not verify; 0: the chain is intact
}

// NodeChains returns the state of every node's event chain, by station code.
func (s *Store) NodeChains(ctx context.Context) ([]NodeChain, error) {
	return sqlitedb.QueryAll(ctx, s.db.Read, func(rows *sql.Rows) (c NodeChain, err error) {
		err = rows.Scan(&c.NodeID, &c.Station, &c.Events, &c.LastSeq, &c.FirstBroken)
		return c, err
	}, `SELECT e.node_id, coalesce((SELECT st.code FROM nodes n JOIN stations st ON st.id = n.station_id WHERE n.id = e.node_id), ''),
		count(*), max(e.seq), coalesce(min(CASE WHEN e.intact = 0 THEN e.seq END), 0)
		FROM node_events e GROUP BY e.node_id ORDER BY 2, 1`)
}

// NodeEventsOf returns the node events about an officer, by node and seq, with their node id.
func (s *Store) NodeEventsOf(ctx context.Context, badge string) ([]NodeEventRow, error) {
	return sqlitedb.QueryAll(ctx, s.db.Read, func(rows *sql.Rows) (r NodeEventRow, err error) {
		var intact int
		err = rows.Scan(&r.NodeID, &r.Seq, &r.At, &r.Kind, &r.Badge, &r.Object, &r.Prev, &r.Hash, &intact)
		r.Intact = intact == 1
		return r, err
	}, `SELECT node_id, seq, at, kind, badge, object, prev, hash, intact FROM node_events WHERE badge = ? ORDER BY node_id, seq`, badge)
}

// NodeEventRow is a node event as the center holds it.
type NodeEventRow struct {
	NodeID string `json:"node_id"`
	protocol.NodeEvent
	Intact bool `json:"intact"`
}

package store

import (
	"context"
	"database/sql"
	"errors"
	"strconv"
	"time"

	"aula/sync/auditchain"
	"aula/sync/protocol"
)

// MetaEventsAcked is the seq of the last node event the center acknowledged (protocol version 6).
const MetaEventsAcked = "events_acked"

// appendEvent chains an officer-facing event after the node's last one, in tx: the event exists
// exactly when its fact does.
func (s *Store) appendEvent(tx *sql.Tx, kind, badge, object string) error {
	var seq int64
	prev := auditchain.Genesis
	err := tx.QueryRow(`SELECT seq, hash FROM node_events ORDER BY seq DESC LIMIT 1`).Scan(&seq, &prev)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return err
	}
	e := protocol.NodeEvent{Seq: seq + 1, At: s.Now().UTC().Format(time.RFC3339), Kind: kind, Badge: badge, Object: object}
	en := e.Entry()
	auditchain.Seal(prev, &en)
	_, err = tx.Exec(`INSERT INTO node_events (seq, at, kind, badge, object, prev, hash) VALUES (?, ?, ?, ?, ?, ?, ?)`,
		e.Seq, e.At, e.Kind, e.Badge, e.Object, en.Prev, en.Hash)
	return err
}

// EventsAfter returns up to limit node events after seq, in seq order.
func (s *Store) EventsAfter(ctx context.Context, seq int64, limit int) ([]protocol.NodeEvent, error) {
	rows, err := s.db.Read.QueryContext(ctx, `SELECT seq, at, kind, badge, object, prev, hash FROM node_events WHERE seq > ? ORDER BY seq LIMIT ?`, seq, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []protocol.NodeEvent
	for rows.Next() {
		var e protocol.NodeEvent
		if err := rows.Scan(&e.Seq, &e.At, &e.Kind, &e.Badge, &e.Object, &e.Prev, &e.Hash); err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// UnsentEvents returns the node events the center has not acknowledged, at most
// protocol.MaxEvents, in seq order.
func (s *Store) UnsentEvents(ctx context.Context) ([]protocol.NodeEvent, error) {
	acked, err := s.MetaInt(ctx, MetaEventsAcked)
	if err != nil {
		return nil, err
	}
	return s.EventsAfter(ctx, acked, protocol.MaxEvents)
}

// setEventsAcked records the center's acknowledgement of the node's events, never backwards.
func setEventsAcked(tx *sql.Tx, acked int64) error {
	if acked <= 0 {
		return nil
	}
	var cur string
	if err := tx.QueryRow(`SELECT coalesce((SELECT value FROM meta WHERE key = ?), '0')`, MetaEventsAcked).Scan(&cur); err != nil {
		return err
	}
	if n, _ := strconv.ParseInt(cur, 10, 64); n >= acked {
		return nil
	}
	return setMeta(tx, MetaEventsAcked, strconv.FormatInt(acked, 10))
}

// pinEvent logs a PIN check's outcome: a login or a failed login (an abandoned check logs nothing).
func (s *Store) pinEvent(tx *sql.Tx, badge string, outcome Outcome) error {
	switch outcome {
	case OK:
		return s.appendEvent(tx, protocol.EventLogin, badge, "")
	case Failed:
		return s.appendEvent(tx, protocol.EventLoginFailed, badge, "")
	}
	return nil
}

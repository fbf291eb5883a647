package store

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"

	"aula/sync/protocol"
)

// CursorProtocol returns the sync protocol version the node's pull cursor was reached in (docs/
// sync.md, "Rolling upgrades"): the center left out the change kinds that version did not know,
// and sends them again when the node speaks a newer one. A cursor this program did not record,
// moved by an older program (before an upgrade, or after a downgrade), counts as version 1.
func (s *Store) CursorProtocol(ctx context.Context) (int, error) {
	var v int
	err := s.tx(ctx, func(tx *sql.Tx) error {
		c, err := metaIn(tx, MetaCursor)
		if err != nil {
			return err
		}
		cursor, _ := strconv.ParseInt(c, 10, 64)
		v, err = cursorProtocol(tx, cursor)
		return err
	})
	return v, err
}

// cursorProtocol reads MetaCursorProtocol ("V:C") for the node's current cursor.
func cursorProtocol(tx *sql.Tx, cursor int64) (int, error) {
	raw, err := metaIn(tx, MetaCursorProtocol)
	if err != nil {
		return 0, err
	}
	var v int
	var at int64
	if n, _ := fmt.Sscanf(raw, "%d:%d", &v, &at); n != 2 || at != cursor || v < protocol.MinVersion {
		return protocol.MinVersion, nil
	}
	return v, nil
}

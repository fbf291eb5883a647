package store

import (
	"context"
	"database/sql"

	"aula/internal/sqlitedb"
	"aula/sync/auditchain"
)

// keepHead records a signed head the center sent (its signature already checked), in tx; a head
// seen again changes nothing.
func keepHead(tx *sql.Tx, h *auditchain.Head, now string) error {
	if h == nil {
		return nil
	}
	_, err := tx.Exec(`INSERT INTO audit_heads (seq, hash, signature, received_at) VALUES (?, ?, ?, ?) ON CONFLICT (seq) DO NOTHING`,
		h.Seq, h.Hash, h.Signature, now)
	return err
}

// AuditHeads returns every signed head of the center's audit chain this node was sent, by seq.
func (s *Store) AuditHeads(ctx context.Context) ([]auditchain.Head, error) {
	return sqlitedb.QueryAll(ctx, s.db.Read, func(rows *sql.Rows) (auditchain.Head, error) {
		var h auditchain.Head
		err := rows.Scan(&h.Seq, &h.Hash, &h.Signature)
		return h, err
	}, `SELECT seq, hash, signature FROM audit_heads ORDER BY seq`)
}

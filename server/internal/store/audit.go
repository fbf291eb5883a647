package store

import (
	"context"
	"database/sql"
	"errors"

	"aula/internal/sqlitedb"
	"aula/sync/auditchain"
)

// The audit trail is a hash chain (sync/auditchain): the one writer below reads the previous
// entry's hash inside the write transaction, so entries are chained in commit order. On SQLite
// the single writer connection serialises the chain; on PostgreSQL the writer must first take a
// transaction-level advisory lock (pg_advisory_xact_lock) so two transactions never chain after
// the same head.

// Audit records an action by actor.
func (s *Store) Audit(ctx context.Context, actor, action, object, detail string) error {
	return s.tx(ctx, func(tx *sql.Tx) error { return audit(tx, s.stamp(), actor, action, object, detail) })
}

// audit writes an entry about an object (e.g. "station:CODE"; "" for none).
func audit(tx *sql.Tx, at, actor, action, object, detail string) error {
	return writeAudit(tx, auditchain.Entry{At: at, Actor: actor, Action: action, Object: object, Details: detail})
}

// auditOn writes an audit entry about one officer (subject: the badge).
func auditOn(tx *sql.Tx, at, actor, action, subject, detail string) error {
	return writeAudit(tx, auditchain.Entry{At: at, Actor: actor, Action: action, Object: "officer:" + subject, Details: detail, Subject: subject})
}

// auditAbout writes an entry about an object that concerns an officer (badge, "" if none).
func auditAbout(tx *sql.Tx, at, actor, action, object, badge, detail string) error {
	return writeAudit(tx, auditchain.Entry{At: at, Actor: actor, Action: action, Object: object, Details: detail, Subject: badge})
}

// writeAudit chains e after the current head and inserts it, in tx.
func writeAudit(tx *sql.Tx, e auditchain.Entry) error {
	// Take the chain's turn first: on PostgreSQL this waits for another process's transaction
	// holding it, and the head below is then read in a new statement that sees that entry.
	if _, err := tx.Exec(`UPDATE audit_writer SET n = n + 1 WHERE id = 1`); err != nil {
		return err
	}
	var last int64
	var prev string
	err := tx.QueryRow(`SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1`).Scan(&last, &prev)
	if errors.Is(err, sql.ErrNoRows) {
		last, prev, err = 0, auditchain.Genesis, nil
	}
	if err != nil {
		return err
	}
	e.Seq = last + 1
	auditchain.Seal(prev, &e)
	_, err = tx.Exec(`INSERT INTO audit (id, at, actor, action, object, detail, subject, prev, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		e.Seq, e.At, e.Actor, e.Action, e.Object, e.Details, e.Subject, e.Prev, e.Hash)
	return err
}

// chainLegacy chains the entries written before the chain existed, once: only while no entry
// has a hash yet (an entry whose hash was blanked later is never chained again silently).
func (s *Store) chainLegacy(ctx context.Context) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		var chained int
		if err := tx.QueryRow(`SELECT count(*) FROM audit WHERE hash != ''`).Scan(&chained); err != nil || chained > 0 {
			return err
		}
		rows, err := tx.Query(`SELECT ` + auditCols + ` FROM audit ORDER BY id`)
		if err != nil {
			return err
		}
		var es []auditchain.Entry
		for rows.Next() {
			e, err := scanAudit(rows)
			if err != nil {
				rows.Close()
				return err
			}
			es = append(es, e)
		}
		rows.Close()
		prev := auditchain.Genesis
		for _, e := range es {
			auditchain.Seal(prev, &e)
			prev = e.Hash
			if _, err := tx.Exec(`UPDATE audit SET prev = ?, hash = ? WHERE id = ?`, e.Prev, e.Hash, e.Seq); err != nil {
				return err
			}
		}
		return nil
	})
}

const auditCols = `id, at, actor, action, object, detail, subject, prev, hash`

func scanAudit(rows interface{ Scan(...any) error }) (auditchain.Entry, error) {
	var e auditchain.Entry
	err := rows.Scan(&e.Seq, &e.At, &e.Actor, &e.Action, &e.Object, &e.Details, &e.Subject, &e.Prev, &e.Hash)
	return e, err
}

// AuditAfter returns up to limit entries with seq > after, in seq order.
func (s *Store) AuditAfter(ctx context.Context, after int64, limit int) ([]auditchain.Entry, error) {
	return sqlitedb.QueryAll(ctx, s.db.Read, func(rows *sql.Rows) (auditchain.Entry, error) { return scanAudit(rows) },
		`SELECT `+auditCols+` FROM audit WHERE id > ? ORDER BY id LIMIT ?`, after, limit)
}

// WalkAudit checks the whole chain in seq order (reading it in pages) and returns how many
// entries it holds and its head; a *auditchain.Broken names the first entry that does not match.
func (s *Store) WalkAudit(ctx context.Context) (auditchain.Walker, error) {
	var w auditchain.Walker
	for {
		page, err := s.AuditAfter(ctx, w.Seq, 2000)
		if err != nil {
			return w, err
		}
		for _, e := range page {
			if err := w.Next(e); err != nil {
				return w, err
			}
		}
		if len(page) < 2000 {
			if w.Head == "" {
				w.Head = auditchain.Genesis
			}
			return w, nil
		}
	}
}

// AuditHead returns the last entry's seq and hash (0 and Genesis when the trail is empty).
func (s *Store) AuditHead(ctx context.Context) (int64, string, error) {
	var seq int64
	var hash string
	err := s.db.Read.QueryRowContext(ctx, `SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1`).Scan(&seq, &hash)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, auditchain.Genesis, nil
	}
	return seq, hash, err
}

// AuditHashAt returns the hash of entry seq, and whether it exists.
func (s *Store) AuditHashAt(ctx context.Context, seq int64) (string, bool, error) {
	var hash string
	err := s.db.Read.QueryRowContext(ctx, `SELECT hash FROM audit WHERE id = ?`, seq).Scan(&hash)
	if errors.Is(err, sql.ErrNoRows) {
		return "", false, nil
	}
	return hash, err == nil, err
}

// AuditFilter selects entries for the auditor's page: every word of Query in the actor, action,
// object or details (lower-case ASCII folding), and Action as a prefix ("certificate.").
type AuditFilter struct {
	Query, Action, Badge string
}

func (f AuditFilter) where() (string, []any) {
	cond, args := likeWords(`lower(actor || ' ' || action || ' ' || object || ' ' || detail)`, f.Query)
	cond += ` AND (? = '' OR action LIKE ?) AND (? = '' OR subject = ?)`
	return cond, append(args, f.Action, f.Action+"%", f.Badge, f.Badge)
}

// ListAudit returns a page of entries matching f, newest first (Limit 0: PageSize, -1: all).
func (s *Store) ListAudit(ctx context.Context, f AuditFilter, p Paging) ([]auditchain.Entry, error) {
	if p.Limit == 0 {
		p.Limit = PageSize
	}
	if p.Limit < 0 {
		p.Limit = noLimit // PostgreSQL refuses a negative LIMIT
	}
	cond, args := f.where()
	return sqlitedb.QueryAll(ctx, s.db.Read, func(rows *sql.Rows) (auditchain.Entry, error) { return scanAudit(rows) },
		`SELECT `+auditCols+` FROM audit WHERE `+cond+` ORDER BY id DESC`+pageSQL(p.Limit, p.Offset), args...)
}

// CountAudit returns how many entries match f.
func (s *Store) CountAudit(ctx context.Context, f AuditFilter) (int, error) {
	cond, args := f.where()
	return s.count(ctx, `SELECT count(*) FROM audit WHERE `+cond, args...)
}

// OfficerAuditChain returns every entry that concerns an officer, in seq order.
func (s *Store) OfficerAuditChain(ctx context.Context, badge string) ([]auditchain.Entry, error) {
	return sqlitedb.QueryAll(ctx, s.db.Read, func(rows *sql.Rows) (auditchain.Entry, error) { return scanAudit(rows) },
		`SELECT `+auditCols+` FROM audit WHERE subject = ? ORDER BY id`, badge)
}

// attemptBadge returns the badge of the officer who made an attempt ("" if unknown), in tx.
func attemptBadge(tx *sql.Tx, attemptID string) string {
	var badge string
	_ = tx.QueryRow(`SELECT o.badge FROM attempts a JOIN officers o ON o.id = a.officer_id WHERE a.id = ?`, attemptID).Scan(&badge)
	return badge
}

// certBadge returns the badge of a certificate's holder ("" if unknown or a guest's), in tx.
func certBadge(tx *sql.Tx, certID string) string {
	var badge string
	_ = tx.QueryRow(`SELECT o.badge FROM certificates c JOIN officers o ON o.id = c.officer_id WHERE c.id = ?`, certID).Scan(&badge)
	return badge
}

// AuditRange returns the entries from seq from to seq to (both included), in order.
func (s *Store) AuditRange(ctx context.Context, from, to int64) ([]auditchain.Entry, error) {
	return sqlitedb.QueryAll(ctx, s.db.Read, func(rows *sql.Rows) (auditchain.Entry, error) { return scanAudit(rows) },
		`SELECT `+auditCols+` FROM audit WHERE id >= ? AND id <= ? ORDER BY id`, from, to)
}

// AuditOfficer records an action by actor about an officer (e.g. evidence.export).
func (s *Store) AuditOfficer(ctx context.Context, actor, action, badge, detail string) error {
	return s.tx(ctx, func(tx *sql.Tx) error { return auditOn(tx, s.stamp(), actor, action, badge, detail) })
}

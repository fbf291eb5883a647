package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"aula/courses"
	"aula/internal/pgdb"
)

// TableCopy is one table of a store moved by MigrateStore: its rows and the SHA-256 of their
// canonical dump (every column of every row, in primary key order) on both sides.
type TableCopy struct {
	Name               string
	Rows, Copied       int64
	Checksum, CopiedTo string // hex SHA-256: SQLite's, PostgreSQL's
}

// Same reports whether the copy holds exactly the source's rows.
func (t TableCopy) Same() bool { return t.Rows == t.Copied && t.Checksum == t.CopiedTo }

// ErrCopyMismatch is MigrateStore's answer when a table's copy differs from its source: nothing
// was written (the transaction was rolled back).
var ErrCopyMismatch = courses.E(courses.Conflict, "migrate.mismatch")

// MigrateStore copies the center's SQLite store in dir (aula-server.db, migrated to this
// program's schema first) into the empty PostgreSQL database at url (its migrations applied
// first): every table in dependency order, in one transaction, with COPY; the identity
// sequences are moved past the copied ids; then, before committing, every table is read back and
// compared with the source's snapshot by row count and checksum. It returns the tables compared;
// with ErrCopyMismatch, or any error, nothing is left in the database.
func MigrateStore(ctx context.Context, dir, url string) ([]TableCopy, error) {
	file := filepath.Join(dir, "aula-server.db")
	if _, err := os.Stat(file); err != nil {
		return nil, courses.E(courses.NotFound, "migrate.no_source", file)
	}
	if !pgdb.IsURL(url) {
		return nil, ErrNotPostgres
	}
	src, err := Open(dir)
	if err != nil {
		return nil, err
	}
	defer src.Close()
	dst, err := OpenAt(Location{Dir: dir, DB: url})
	if err != nil {
		return nil, err
	}
	defer dst.Close()
	pg := dst.db.engine.(*pgdb.DB)
	snap, err := src.db.Read.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, err
	}
	defer snap.Rollback()
	var report []TableCopy
	err = pg.Load(ctx, func(l *pgdb.Loader) error {
		tables, err := pgTables(ctx, l)
		if err != nil {
			return err
		}
		tables = slices.DeleteFunc(tables, func(t *pgTable) bool { return derived[t.name] })
		for _, table := range []string{"compliance_basis", "compliance_tally", "compliance_days", "compliance_facts"} {
			// Recounted by the center on first use (compliance_basis empty: a rebuild).
			if err := l.Exec(ctx, `DELETE FROM `+table); err != nil {
				return err
			}
		}
		for _, t := range tables {
			if seeded[t.name] {
				// Filled by its migration alone: the copy brings the source's rows instead.
				if err := l.Exec(ctx, `DELETE FROM `+pgdb.Quote(t.name)); err != nil {
					return err
				}
				continue
			}
			var filled bool
			if err := l.Each(ctx, `SELECT EXISTS (SELECT 1 FROM `+pgdb.Quote(t.name)+`)`, func(v []any) error {
				filled = v[0].(bool)
				return nil
			}); err != nil {
				return err
			}
			if filled {
				return courses.E(courses.Conflict, "migrate.not_empty", t.name)
			}
		}
		for _, t := range tables {
			c, err := t.copy(ctx, snap, l)
			if err != nil {
				return fmt.Errorf("copy %s: %w", t.name, err)
			}
			report = append(report, c)
		}
		bad := false
		for i, t := range tables {
			if err := t.verify(ctx, l, &report[i]); err != nil {
				return fmt.Errorf("read back %s: %w", t.name, err)
			}
			bad = bad || !report[i].Same()
		}
		if bad {
			return ErrCopyMismatch
		}
		return nil
	})
	slices.SortFunc(report, func(a, b TableCopy) int { return strings.Compare(a.Name, b.Name) })
	if err == nil {
		err = dst.Analyze(ctx) // plans for the copied rows from the first request on
	}
	return report, err
}

// seeded are the tables a new database's migrations fill with a row (audit_writer: the audit
// chain's writer turn), which a new database may hold and the copy replaces.
var seeded = map[string]bool{"audit_writer": true}

// derived are the tables of the compliance counts (migration 0029), which the center computes
// from the others: they are not copied, and the new database counts afresh on first use. Their
// marks are written by the triggers as the copy inserts officers, attempts and certificates.
var derived = map[string]bool{"compliance_marks": true, "compliance_facts": true, "compliance_days": true,
	"compliance_tally": true, "compliance_basis": true}

// pgTable is a table of the PostgreSQL schema as MigrateStore copies it.
type pgTable struct {
	name     string
	columns  []string // every column the program writes (generated ones left out)
	types    []string // their information_schema data types
	key      []string // the primary key (or every column), ORDER BY terms
	sequence []string // columns whose identity sequence follows the copied ids
}

// pgTables lists the schema's tables (schema_version aside, which the migrations fill) with a
// table after every table it references.
func pgTables(ctx context.Context, l *pgdb.Loader) ([]*pgTable, error) {
	byName := map[string]*pgTable{}
	var names []string
	if err := l.Each(ctx, `SELECT c.table_name::text, c.column_name::text, c.data_type::text, c.is_identity = 'YES' OR coalesce(c.column_default, '') LIKE 'nextval(%'
		FROM information_schema.columns c JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
		WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE' AND c.table_name <> 'schema_version' AND c.is_generated = 'NEVER'
		ORDER BY c.table_name, c.ordinal_position`, func(v []any) error {
		name := v[0].(string)
		t := byName[name]
		if t == nil {
			t = &pgTable{name: name}
			byName[name] = t
			names = append(names, name)
		}
		t.columns = append(t.columns, v[1].(string))
		t.types = append(t.types, v[2].(string))
		if v[3].(bool) {
			t.sequence = append(t.sequence, v[1].(string))
		}
		return nil
	}); err != nil {
		return nil, err
	}
	if err := l.Each(ctx, `SELECT i.indrelid::regclass::text, a.attname::text FROM pg_index i
		JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey::int2[])
		WHERE i.indisprimary AND i.indrelid::regclass::text = ANY ($1)
		ORDER BY 1, array_position(i.indkey::int2[], a.attnum)`, func(v []any) error {
		t := byName[v[0].(string)]
		t.key = append(t.key, v[1].(string))
		return nil
	}, names); err != nil {
		return nil, err
	}
	refs := map[string][]string{}
	if err := l.Each(ctx, `SELECT conrelid::regclass::text, confrelid::regclass::text FROM pg_constraint
		WHERE contype = 'f' AND connamespace = current_schema()::regnamespace`, func(v []any) error {
		refs[v[0].(string)] = append(refs[v[0].(string)], v[1].(string))
		return nil
	}); err != nil {
		return nil, err
	}
	var order []*pgTable
	placed := map[string]int{} // 1: being placed, 2: placed
	var place func(string) error
	place = func(name string) error {
		switch placed[name] {
		case 2:
			return nil
		case 1:
			return fmt.Errorf("the tables' foreign keys form a cycle through %s", name)
		}
		placed[name] = 1
		for _, r := range refs[name] {
			if r != name && byName[r] != nil {
				if err := place(r); err != nil {
					return err
				}
			}
		}
		placed[name] = 2
		order = append(order, byName[name])
		return nil
	}
	for _, n := range names {
		if err := place(n); err != nil {
			return nil, err
		}
	}
	for _, t := range order {
		if len(t.key) == 0 {
			t.key = t.columns
		}
	}
	return order, nil
}

// selectSQL returns the query of every row of t in key order; on PostgreSQL text sorts by bytes
// (COLLATE "C"), as SQLite's BINARY collation does, so both sides list the rows alike.
func (t *pgTable) selectSQL(pg bool) string {
	cols := make([]string, len(t.columns))
	for i, c := range t.columns {
		cols[i] = pgdb.Quote(c)
	}
	keys := make([]string, len(t.key))
	for i, k := range t.key {
		keys[i] = pgdb.Quote(k)
		if pg && t.types[slices.Index(t.columns, k)] == "text" {
			keys[i] += ` COLLATE "C"`
		}
	}
	return `SELECT ` + strings.Join(cols, ", ") + ` FROM ` + pgdb.Quote(t.name) + ` ORDER BY ` + strings.Join(keys, ", ")
}

// copy streams t's rows from the SQLite snapshot into PostgreSQL, hashing them on the way, and
// moves t's identity sequences past the ids copied.
func (t *pgTable) copy(ctx context.Context, snap *sql.Tx, l *pgdb.Loader) (TableCopy, error) {
	rows, err := snap.QueryContext(ctx, t.selectSQL(false))
	if err != nil {
		return TableCopy{}, err
	}
	defer rows.Close()
	h := sha256.New()
	var n int64
	vals := make([]any, len(t.columns))
	ptrs := make([]any, len(vals))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	copied, err := l.Copy(ctx, t.name, t.columns, func() ([]any, error) {
		if !rows.Next() {
			return nil, rows.Err()
		}
		if err := rows.Scan(ptrs...); err != nil {
			return nil, err
		}
		row := make([]any, len(vals))
		for i, v := range vals {
			c, err := convert(v, t.types[i])
			if err != nil {
				return nil, fmt.Errorf("row %d, column %s: %w", n+1, t.columns[i], err)
			}
			row[i] = c
		}
		n++
		canonical(h, row)
		return row, nil
	})
	if err != nil {
		return TableCopy{}, err
	}
	for _, c := range t.sequence {
		if err := l.Exec(ctx, `SELECT setval(pg_get_serial_sequence($1, $2), max(`+pgdb.Quote(c)+`)) FROM `+pgdb.Quote(t.name)+
			` HAVING max(`+pgdb.Quote(c)+`) IS NOT NULL`, pgdb.Quote(t.name), c); err != nil {
			return TableCopy{}, fmt.Errorf("sequence of %s: %w", c, err)
		}
	}
	_ = copied // the count that matters is the one read back (verify)
	return TableCopy{Name: t.name, Rows: n, Checksum: hex.EncodeToString(h.Sum(nil))}, nil
}

// verify reads t back from PostgreSQL (inside the load's transaction) into c's Copied and
// CopiedTo.
func (t *pgTable) verify(ctx context.Context, l *pgdb.Loader, c *TableCopy) error {
	h := sha256.New()
	var n int64
	if err := l.Each(ctx, t.selectSQL(true), func(row []any) error {
		n++
		canonical(h, row)
		return nil
	}); err != nil {
		return err
	}
	c.Copied, c.CopiedTo = n, hex.EncodeToString(h.Sum(nil))
	return nil
}

// errType is convert's answer for a value the column cannot hold.
var errType = errors.New("a value of the wrong type")

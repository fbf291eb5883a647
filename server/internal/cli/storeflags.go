package cli

import (
	"context"
	"fmt"
	"io"

	"aula/internal/cliflags"
	"aula/server/internal/app"
)

// dbUsage is the help of --db, on every command that opens the store.
const dbUsage = "PostgreSQL URL of the store (postgres://USER@HOST/DB); without it the store is SQLite in the data folder"

// storeFlags defines --data (AULA_DATA) and --db (AULA_DB) on f: where the store is. Keys and
// other files stay in the data folder either way.
func storeFlags(f cliflags.Set) (data, db *string) {
	return f.Str("data", defaultData, "data folder"), f.Str("db", "", dbUsage)
}

// backupCommand writes a consistent copy of a SQLite store while the center runs; a PostgreSQL
// store is copied with pg_dump, which the command says.
func backupCommand(args []string, _ io.Reader, stdout, stderr io.Writer) int {
	f := cliflags.New("backup", stderr)
	data, db := storeFlags(f)
	out := f.Str("out", "", "backup file to write (must not exist)")
	if ok, code := f.Parse(args); !ok {
		return code
	}
	if !f.Require(stderr, map[string]string{"out": *out}) {
		return 2
	}
	m, err := app.Open(app.Config{Data: *data, DB: *db}, cliflags.Logger("text", io.Discard))
	if err != nil {
		return fail(stderr, err)
	}
	defer m.Close()
	if err := m.Store.Backup(context.Background(), *out); err != nil {
		return fail(stderr, err)
	}
	fmt.Fprintf(stdout, "backup written to %s\nkeep center.key from %s with it: it signs courses and certificates\n", *out, *data)
	return 0
}

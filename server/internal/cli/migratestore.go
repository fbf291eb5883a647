package cli

import (
	"context"
	"fmt"
	"io"
	"net/url"
	"path/filepath"
	"strings"
	"text/tabwriter"

	"aula/internal/cliflags"
	"aula/server/internal/store"
	"aula/server/internal/web"
)

// migrateStore copies a center's SQLite store into an empty PostgreSQL database and prints, per
// table, the rows and the SHA-256 of their canonical dump on both sides. It exits 1 when anything
// differs (nothing is then written) or the target is not empty.
func migrateStore(args []string, _ io.Reader, stdout, stderr io.Writer) int {
	f := cliflags.New("migrate-store", stderr)
	from := f.Str("from", "", "data folder of the center on SQLite (holds aula-server.db)")
	to := f.Str("to", "", "URL of the new, empty PostgreSQL database (postgres://USER@HOST/DB)")
	if ok, code := f.Parse(args); !ok {
		return code
	}
	if !f.Require(stderr, map[string]string{"from": *from, "to": *to}) {
		return 2
	}
	tables, err := store.MigrateStore(context.Background(), *from, *to)
	lang := cliLang()
	if len(tables) > 0 {
		printCopies(stdout, lang, tables)
	}
	if err != nil {
		return fail(stderr, err)
	}
	var rows int64
	for _, t := range tables {
		rows += t.Rows
	}
	fmt.Fprintln(stdout, web.Message(lang, "cli.migrated", filepath.Join(*from, "aula-server.db"), redact(*to), len(tables), rows))
	return 0
}

// printCopies prints the table of counts and checksums, a second line under a table whose copy
// differs.
func printCopies(w io.Writer, lang string, tables []store.TableCopy) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, strings.ReplaceAll(web.Message(lang, "cli.migrate_header"), "|", "\t"))
	for _, t := range tables {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%s\n", t.Name, t.Rows, t.Copied, t.Checksum)
		if !t.Same() {
			fmt.Fprintln(tw, web.Message(lang, "cli.migrate_differs", t.CopiedTo))
		}
	}
	tw.Flush()
}

// redact hides a URL's password.
func redact(s string) string {
	if u, err := url.Parse(s); err == nil {
		return u.Redacted()
	}
	return "postgres://…"
}

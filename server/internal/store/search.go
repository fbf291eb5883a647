package store

import (
	"context"
	"database/sql"
	"math"
	"strconv"
	"strings"

	"aula/internal/textfold"
)

// Fold is the form that searches compare: lower case, accents and other combining marks
// stripped ("Suárez Núñez" → "suarez nunez"), so a search finds a name however it is typed
// (textfold.Fold, the same on the node).
func Fold(s string) string { return textfold.Fold(s) }

// officerKey is an officer's stored search key (officers.search).
func officerKey(badge, given, family string) string {
	return Fold(badge + " " + given + " " + family)
}

// likeWords returns a condition that holds when column contains every word of the folded
// query (in any order), with its arguments; "1 = 1" when the query has no words. LIKE's own
// wildcards in the query are matched literally.
func likeWords(column, query string) (string, []any) {
	cond, args := "1 = 1", []any{}
	esc := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
	for _, w := range strings.Fields(Fold(query)) {
		cond += " AND " + column + ` LIKE ? ESCAPE '\'`
		args = append(args, "%"+esc.Replace(w)+"%")
	}
	return cond, args
}

// foldOfficers fills the search key of officers that have none (written before the key
// existed): once, at start-up after the migration that added it.
func (s *Store) foldOfficers(ctx context.Context) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		rows, err := tx.Query(`SELECT id, badge, given_names, family_names FROM officers WHERE search = ''`)
		if err != nil {
			return err
		}
		type key struct {
			id  int64
			key string
		}
		var keys []key
		for rows.Next() {
			var k key
			var badge, given, family string
			if err := rows.Scan(&k.id, &badge, &given, &family); err != nil {
				rows.Close()
				return err
			}
			k.key = officerKey(badge, given, family)
			keys = append(keys, k)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		for _, k := range keys {
			if _, err := tx.Exec(`UPDATE officers SET search = ? WHERE id = ?`, k.key, k.id); err != nil {
				return err
			}
		}
		return nil
	})
}

// PageSize is how many rows a staff page lists at once.
const PageSize = 50

// Paging is the part of a long list one page shows: Offset rows skipped, at most Limit rows
// (0: the list's default; -1: every row, as a CSV export wants).
type Paging struct {
	Offset, Limit int
}

// noLimit is the LIMIT of "every row": SQLite reads a negative LIMIT so, PostgreSQL refuses it.
const noLimit = math.MaxInt

// pageSQL is a query's LIMIT and OFFSET written as numbers: as parameters, SQLite's planner does
// not know that a page is small, and sorts every row of a table (three million attempts for the
// ten on the home page) instead of reading an index in order and stopping at the page's end.
func pageSQL(limit, offset int) string {
	return " LIMIT " + strconv.Itoa(limit) + " OFFSET " + strconv.Itoa(max(offset, 0))
}

// count runs a count(*) query.
func (s *Store) count(ctx context.Context, q string, args ...any) (int, error) {
	var n int
	err := s.db.Read.QueryRowContext(ctx, q, args...).Scan(&n)
	return n, err
}

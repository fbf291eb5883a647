package pgdb

import "testing"

func TestRebind(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{`SELECT 1`, `SELECT 1`},
		{`SELECT a FROM t WHERE b = ? AND c IN (?, ?)`, `SELECT a FROM t WHERE b = $1 AND c IN ($2, $3)`},
		{`SELECT '?', "a?b", ? -- what?` + "\n" + `FROM t WHERE x = ?`, `SELECT '?', "a?b", $1 -- what?` + "\n" + `FROM t WHERE x = $2`},
		{`SELECT 'it''s?' || ? /* a ? here */`, `SELECT 'it''s?' || $1 /* a ? here */`},
		{`DO $$ BEGIN PERFORM '?'; END $$; SELECT ?`, `DO $$ BEGIN PERFORM '?'; END $$; SELECT $1`},
		{`INSERT INTO t VALUES (?,?,?,?,?,?,?,?,?,?,?)`, `INSERT INTO t VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11)`},
		{`SELECT a WHERE x > ?1 OR y = ?2 AND z > ?1 LIMIT ?3`, `SELECT a WHERE x > $1 OR y = $2 AND z > $1 LIMIT $3`},
		{`SELECT 'unterminated ?`, `SELECT 'unterminated ?`},
	} {
		if got := Rebind(c.in); got != c.want {
			t.Errorf("Rebind(%q)\n got %q\nwant %q", c.in, got, c.want)
		}
	}
}

package store

import (
	"context"
	"database/sql"
	"strings"
)

// The compliance counts kept up to date (migration 0029, docs/programme.md "Counts kept up to
// date"). The store keeps the tables; what goes in them is the service's (it alone knows the
// status rules): Store.Tally gives it the writer's turn and a TallyTx to read and write them.

// TallyKey names one row of compliance_tally.
type TallyKey struct {
	AsOf      bool   // what was known by Day (the trend), else everything known now (today)
	Day       string // YYYY-MM-DD
	Course    string // "" for all the required courses together
	StationID int64
	Rank      string
}

// Tally is a row's counts, in the order of TallyColumns.
type Tally [10]int64

// The positions in a Tally.
const (
	TOfficers = iota
	TRequired
	TCompliant // the four statuses follow in compliance.Statuses order
	TExpiring
	TDue
	TOverdue
	TOfficersCompliant // officers with a row in each status, same order
	TOfficersExpiring
	TOfficersDue
	TOfficersOverdue
)

// TallyColumns are compliance_tally's count columns, in Tally's order.
const TallyColumns = `officers, required, compliant, expiring, due, overdue, officers_compliant, officers_expiring, officers_due, officers_overdue`

// TallyDay is a counted day.
type TallyDay struct {
	Day  string
	AsOf bool
}

// OfficerFacts is what compliance_facts holds of an officer: the key of his counts and, in
// Facts, what the rules read of him (the service's encoding).
type OfficerFacts struct {
	StationID int64
	Rank      string
	Facts     string
}

// TallyTx is a transaction on the counts (Store.Tally).
type TallyTx struct {
	ctx context.Context
	tx  *sql.Tx
}

// Tally runs fn in one write transaction (the writer's turn on either dialect): the counts, the
// facts and the marks change together or not at all.
func (s *Store) Tally(ctx context.Context, fn func(*TallyTx) error) error {
	return s.tx(ctx, func(tx *sql.Tx) error { return fn(&TallyTx{ctx: ctx, tx: tx}) })
}

// TallyPending reports, outside any transaction, the basis the counts were made with ("" for
// none), whether any officer is marked, and the days counted: enough to tell whether Tally has
// work to do.
func (s *Store) TallyPending(ctx context.Context) (basis string, marked bool, days []TallyDay, err error) {
	return tallyState(ctx, s.db.Read)
}

type queryer interface {
	QueryContext(ctx context.Context, q string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, q string, args ...any) *sql.Row
}

func tallyState(ctx context.Context, q queryer) (basis string, marked bool, days []TallyDay, err error) {
	if err = q.QueryRowContext(ctx, `SELECT coalesce(max(fingerprint), '') FROM compliance_basis`).Scan(&basis); err != nil {
		return
	}
	if err = q.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM compliance_marks)`).Scan(&marked); err != nil {
		return
	}
	err = eachRow(ctx, q, `SELECT day, as_of FROM compliance_days ORDER BY day, as_of`, nil, func(rows *sql.Rows) error {
		var d TallyDay
		err := rows.Scan(&d.Day, &d.AsOf)
		days = append(days, d)
		return err
	})
	return
}

// eachRow calls fn for each row of query q.
func eachRow(ctx context.Context, db queryer, q string, args []any, fn func(*sql.Rows) error) error {
	rows, err := db.QueryContext(ctx, q, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := fn(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

// scanFacts reads a row of officer_id, station_id, rank, facts.
func scanFacts(rows *sql.Rows) (int64, OfficerFacts, error) {
	var id int64
	var f OfficerFacts
	err := rows.Scan(&id, &f.StationID, &f.Rank, &f.Facts)
	return id, f, err
}

// State is TallyPending inside the transaction.
func (t *TallyTx) State() (basis string, marked bool, days []TallyDay, err error) {
	return tallyState(t.ctx, t.tx)
}

// SetBasis records what the counts are now computed with.
func (t *TallyTx) SetBasis(fingerprint string) error {
	if _, err := t.tx.ExecContext(t.ctx, `DELETE FROM compliance_basis`); err != nil {
		return err
	}
	_, err := t.tx.ExecContext(t.ctx, `INSERT INTO compliance_basis (fingerprint) VALUES (?)`, fingerprint)
	return err
}

// Marks returns up to limit marked officers after the officer id after, with their mark's count
// (officer 0: everyone).
func (t *TallyTx) Marks(after int64, limit int) (map[int64]int64, error) {
	out := map[int64]int64{}
	err := eachRow(t.ctx, t.tx, `SELECT officer_id, n FROM compliance_marks WHERE officer_id > ? ORDER BY officer_id LIMIT ?`, []any{after, limit},
		func(rows *sql.Rows) error {
			var id, n int64
			err := rows.Scan(&id, &n)
			out[id] = n
			return err
		})
	return out, err
}

// Unmark removes the marks read by Marks that no change has renewed since.
func (t *TallyTx) Unmark(marks map[int64]int64) error {
	for id, n := range marks {
		if _, err := t.tx.ExecContext(t.ctx, `DELETE FROM compliance_marks WHERE officer_id = ? AND n = ?`, id, n); err != nil {
			return err
		}
	}
	return nil
}

// Clear empties the counts, the facts, the days and every mark: a rebuild starts from nothing.
func (t *TallyTx) Clear() error {
	for _, table := range []string{"compliance_tally", "compliance_facts", "compliance_days", "compliance_marks", "compliance_basis"} {
		if _, err := t.tx.ExecContext(t.ctx, `DELETE FROM `+table); err != nil {
			return err
		}
	}
	return nil
}

// AddDay records that d is counted (its counts are added with Add).
func (t *TallyTx) AddDay(d TallyDay) error {
	_, err := t.tx.ExecContext(t.ctx, `INSERT INTO compliance_days (day, as_of) VALUES (?, ?)`, d.Day, boolInt(d.AsOf))
	return err
}

// DropDay forgets a counted day and its counts.
func (t *TallyTx) DropDay(d TallyDay) error {
	if _, err := t.tx.ExecContext(t.ctx, `DELETE FROM compliance_tally WHERE as_of = ? AND day = ?`, boolInt(d.AsOf), d.Day); err != nil {
		return err
	}
	_, err := t.tx.ExecContext(t.ctx, `DELETE FROM compliance_days WHERE day = ? AND as_of = ?`, d.Day, boolInt(d.AsOf))
	return err
}

// Facts returns the stored facts of the officers ids (absent: none stored).
func (t *TallyTx) Facts(ids []int64) (map[int64]OfficerFacts, error) {
	out := make(map[int64]OfficerFacts, len(ids))
	for start := 0; start < len(ids); start += 500 {
		part := ids[start:min(start+500, len(ids))]
		args := make([]any, len(part))
		for i, id := range part {
			args[i] = id
		}
		err := eachRow(t.ctx, t.tx, `SELECT officer_id, station_id, rank, facts FROM compliance_facts WHERE officer_id IN (`+marks(len(part))+`)`, args,
			func(rows *sql.Rows) error {
				id, f, err := scanFacts(rows)
				out[id] = f
				return err
			})
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

// FactStations returns the stations of the stored facts, in order.
func (t *TallyTx) FactStations() ([]int64, error) {
	var out []int64
	err := eachRow(t.ctx, t.tx, `SELECT DISTINCT station_id FROM compliance_facts ORDER BY station_id`, nil, func(rows *sql.Rows) error {
		var id int64
		err := rows.Scan(&id)
		out = append(out, id)
		return err
	})
	return out, err
}

// EachFacts calls fn with the stored facts of every officer of the stations lo to hi.
func (t *TallyTx) EachFacts(lo, hi int64, fn func(id int64, f OfficerFacts) error) error {
	return eachRow(t.ctx, t.tx, `SELECT officer_id, station_id, rank, facts FROM compliance_facts WHERE station_id >= ? AND station_id <= ?`,
		[]any{lo, hi}, func(rows *sql.Rows) error {
			id, f, err := scanFacts(rows)
			if err != nil {
				return err
			}
			return fn(id, f)
		})
}

// PutFacts stores the facts of officers (a nil entry removes the officer's).
func (t *TallyTx) PutFacts(facts map[int64]*OfficerFacts) error {
	var gone []any
	var rows [][]any
	for id, f := range facts {
		if f == nil {
			gone = append(gone, id)
			continue
		}
		rows = append(rows, []any{id, f.StationID, f.Rank, f.Facts})
	}
	for start := 0; start < len(gone); start += 500 {
		part := gone[start:min(start+500, len(gone))]
		if _, err := t.tx.ExecContext(t.ctx, `DELETE FROM compliance_facts WHERE officer_id IN (`+marks(len(part))+`)`, part...); err != nil {
			return err
		}
	}
	return t.insert(`INSERT INTO compliance_facts (officer_id, station_id, rank, facts) VALUES `, rows,
		` ON CONFLICT (officer_id) DO UPDATE SET station_id = excluded.station_id, rank = excluded.rank, facts = excluded.facts`)
}

// Add adds deltas to the counts, creating the rows it needs.
func (t *TallyTx) Add(deltas map[TallyKey]Tally) error {
	rows := make([][]any, 0, len(deltas))
	for k, v := range deltas {
		if v == (Tally{}) {
			continue
		}
		row := []any{boolInt(k.AsOf), k.Day, k.Course, k.StationID, k.Rank}
		for _, n := range v {
			row = append(row, n)
		}
		rows = append(rows, row)
	}
	set := make([]string, 0, 10)
	for _, c := range strings.Split(TallyColumns, ", ") {
		set = append(set, c+" = compliance_tally."+c+" + excluded."+c)
	}
	return t.insert(`INSERT INTO compliance_tally (as_of, day, course_id, station_id, rank, `+TallyColumns+`) VALUES `, rows,
		` ON CONFLICT (as_of, day, course_id, station_id, rank) DO UPDATE SET `+strings.Join(set, ", "))
}

// insert writes rows with multi-row INSERTs of head, each ending with tail.
func (t *TallyTx) insert(head string, rows [][]any, tail string) error {
	if len(rows) == 0 {
		return nil
	}
	per := max(1, 4000/len(rows[0]))
	one := "(" + marks(len(rows[0])) + ")"
	for start := 0; start < len(rows); start += per {
		part := rows[start:min(start+per, len(rows))]
		var q strings.Builder
		q.WriteString(head)
		args := make([]any, 0, len(part)*len(part[0]))
		for i, r := range part {
			if i > 0 {
				q.WriteString(", ")
			}
			q.WriteString(one)
			args = append(args, r...)
		}
		q.WriteString(tail)
		if _, err := t.tx.ExecContext(t.ctx, q.String(), args...); err != nil {
			return err
		}
	}
	return nil
}

// marks returns n comma-separated placeholders.
func marks(n int) string { return strings.TrimSuffix(strings.Repeat("?, ", n), ", ") }

// TallyQuery asks the counts of some days grouped by one of "state", "agency", "station", "rank",
// "course" or "day". Every other field is optional and narrows the stations or ranks counted.
type TallyQuery struct {
	Days []string
	AsOf bool
	// Course: one course; "" for all the required courses (by "course": each of them).
	Course, Agency, State, Station, Rank string
	By                                   string
}

// TallyRow is a group's counts.
type TallyRow struct {
	Key string
	Tally
}

// ReadTally sums the counts of q by its grouping, ordered by key.
func (s *Store) ReadTally(ctx context.Context, q TallyQuery) ([]TallyRow, error) {
	group := map[string]string{"state": "coalesce(s.state, '')", "agency": "coalesce(a.code, '')", "station": "s.code",
		"rank": "t.rank", "course": "t.course_id", "day": "t.day"}[q.By]
	if group == "" || len(q.Days) == 0 {
		return nil, nil
	}
	sums := make([]string, 0, 10)
	for _, c := range strings.Split(TallyColumns, ", ") {
		sums = append(sums, "sum(t."+c+")")
	}
	sqlq := `SELECT ` + group + `, ` + strings.Join(sums, ", ") + ` FROM compliance_tally t JOIN stations s ON s.id = t.station_id
		LEFT JOIN agencies a ON a.id = s.agency_id WHERE t.as_of = ? AND t.day IN (` + marks(len(q.Days)) + `)`
	args := []any{boolInt(q.AsOf)}
	for _, d := range q.Days {
		args = append(args, d)
	}
	switch {
	case q.Course != "":
		sqlq += ` AND t.course_id = ?`
		args = append(args, q.Course)
	case q.By == "course":
		sqlq += ` AND t.course_id <> ''`
	default:
		sqlq += ` AND t.course_id = ''`
	}
	for _, c := range []struct{ val, cond string }{
		{q.Station, ` AND s.code = ?`},
		{q.Agency, ` AND a.code = ?`},
		{q.State, ` AND s.state = ?`},
		{q.Rank, ` AND lower(t.rank) = lower(?)`},
	} {
		if c.val != "" {
			sqlq += c.cond
			args = append(args, c.val)
		}
	}
	sqlq += ` GROUP BY ` + group + ` ORDER BY ` + group
	var out []TallyRow
	err := eachRow(ctx, s.db.Read, sqlq, args, func(rows *sql.Rows) error {
		var r TallyRow
		dest := []any{&r.Key}
		for i := range r.Tally {
			dest = append(dest, &r.Tally[i])
		}
		err := rows.Scan(dest...)
		out = append(out, r)
		return err
	})
	return out, err
}

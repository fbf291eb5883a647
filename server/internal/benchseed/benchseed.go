// Package benchseed fills a center's database with a national-scale programme for benchmarks
// (docs/benchmarks.md): agencies, stations in the 24 states, officers, required courses, attempts
// and certificates. It writes with plain multi-row INSERTs with ? placeholders in one transaction,
// so the same code seeds SQLite and, through a driver that rebinds placeholders, PostgreSQL.
// Everything is derived from the row numbers: two seeds of one Config are identical.
package benchseed

import (
	"fmt"
	"strings"
	"time"

	"aula/server/internal/states"
)

// Config sizes the seed.
type Config struct {
	Agencies, Stations, Officers, Requirements, Attempts int
	// Today is the day the statuses are meant to be read on; dates spread over the two years
	// before it.
	Today time.Time
}

// National is the national scale: 150,000 officers in 1,500 stations of 25 agencies in
// 24 states, 10 requirements and 3,000,000 attempts.
func National(today time.Time) Config {
	return Config{Agencies: 25, Stations: 1500, Officers: 150000, Requirements: 10, Attempts: 3000000, Today: today}
}

// Ranks are the ranks officers get, in turn.
var Ranks = []string{"Oficial", "Oficial Agregado", "Oficial Jefe", "Supervisor", "Supervisor Jefe", "Comisario"}

// AgencyCode is the code of agency i (0-based).
func AgencyCode(i int) string {
	if i == 0 {
		return "CPNB"
	}
	return fmt.Sprintf("PE%02d", i)
}

// StationCode is the code of station i (0-based).
func StationCode(i int) string { return fmt.Sprintf("E%04d", i) }

// Badge is the badge of officer i (0-based).
func Badge(i int) string { return fmt.Sprintf("N%06d", i) }

// CourseID is the course of requirement i (0-based).
func CourseID(i int) string { return fmt.Sprintf("curso-%02d", i) }

// Exec is how the seed runs a statement: exec(query, args...).
type Exec func(query string, args ...any) error

// Seed writes cfg's rows through exec (all inside the caller's transaction). The database must
// have the center's schema and no rows in the tables it fills.
func Seed(cfg Config, exec Exec) error {
	day := func(back int) string { return cfg.Today.AddDate(0, 0, -back).Format(time.DateOnly) }
	stamp := func(back int) string {
		return cfg.Today.AddDate(0, 0, -back).Add(14 * time.Hour).UTC().Format(time.RFC3339)
	}
	created := stamp(800)
	b := &batcher{exec: exec}

	b.start("INSERT INTO agencies (id, code, name, created_at) VALUES ", 4)
	for i := range cfg.Agencies {
		name := "Policía del estado " + states.Names[(i-1+len(states.Names))%len(states.Names)]
		if i == 0 {
			name = "Cuerpo de Policía Nacional Bolivariana"
		}
		b.row(i+1, AgencyCode(i), name, created)
	}
	// Station i belongs to agency i % Agencies; the national agency's stations spread over
	// every state, a state police's stay in its state.
	b.start("INSERT INTO stations (id, code, name, created_at, agency_id, state) VALUES ", 6)
	for i := range cfg.Stations {
		a := i % cfg.Agencies
		st := states.Names[(a-1+len(states.Names))%len(states.Names)]
		if a == 0 {
			st = states.Names[(i/cfg.Agencies)%len(states.Names)]
		}
		b.row(i+1, StationCode(i), fmt.Sprintf("Estación %d", i), created, a+1, st)
	}
	b.start(`INSERT INTO course_versions (id, course_id, version, title_json, area, hours, manifest, signature, published_by, published_at,
		cert_issue, cert_months) VALUES `, 12)
	for i := range cfg.Requirements {
		title := fmt.Sprintf(`{"es":"Curso obligatorio %d","en":"Required course %d"}`, i+1, i+1)
		b.row(i+1, CourseID(i), 1, title, "operaciones", 8, []byte{0}, []byte{0}, "bench", created, "automatic", 24)
	}
	// Requirements: half for everyone with N days, the rest by agency, rank or a fixed date.
	b.start("INSERT INTO requirements (id, course_id, agency_id, rank, due_date, due_days, window_days, created_by, created_at) VALUES ", 9)
	for i := range cfg.Requirements {
		var agency, rank, dueDate, dueDays any
		switch i % 4 {
		case 0, 1:
			dueDays = 90 + 30*i
		case 2:
			agency, dueDate = i%cfg.Agencies+1, day(-60)
		case 3:
			rank, dueDate = Ranks[i%len(Ranks)], day(30)
		}
		b.row(i+1, CourseID(i), agency, rank, dueDate, dueDays, 60, "bench", stamp(400))
	}
	b.start(`INSERT INTO officers (id, badge, given_names, family_names, rank, station_id, pin_hash, created_at, updated_at, search, active)
		VALUES `, 11)
	for i := range cfg.Officers {
		given, family := givenNames[i%len(givenNames)], familyNames[(i/7)%len(familyNames)]
		b.row(i+1, Badge(i), given, family, Ranks[i%len(Ranks)], i%cfg.Stations+1, "x", stamp(500+i%200), stamp(500+i%200),
			strings.ToLower(Badge(i)+" "+given+" "+family), 1)
	}
	// Certificates: about 70 % of officers hold each course; issued over two years, valid 24
	// months, so some expire within the window and some have lapsed; one in 97 revoked.
	b.start(`INSERT INTO certificates (id, code, officer_id, course_id, course_version, issued_at, expires_at, revoked_at) VALUES `, 8)
	n := 0
	for o := range cfg.Officers {
		for r := range cfg.Requirements {
			h := hash(o*31 + r)
			if h%10 >= 7 {
				continue
			}
			back := int(h>>8) % 800
			issued := cfg.Today.AddDate(0, 0, -back)
			var revoked any
			if h%97 == 0 {
				revoked = stamp(back / 2)
			}
			b.row(fmt.Sprintf("c%d", n), fmt.Sprintf("B%08d", n), o+1, CourseID(r), 1, issued.Add(14*time.Hour).Format(time.RFC3339),
				issued.AddDate(2, 0, 0).Add(14*time.Hour).Format(time.RFC3339), revoked)
			n++
		}
	}
	// Attempts: spread evenly over officers and courses, about two thirds passed.
	b.start(`INSERT INTO attempts (id, officer_id, station_id, course_id, course_version, score, passed, submitted_at, received_at) VALUES `, 9)
	for i := range cfg.Attempts {
		o := i % cfg.Officers
		h := hash(i)
		score := float64(h%101) / 100
		b.row(fmt.Sprintf("a%d", i), o+1, o%cfg.Stations+1, CourseID(i/cfg.Officers%max(cfg.Requirements, 1)), 1, score, boolInt(score >= 0.34),
			stamp(int(h>>8)%800), stamp(int(h>>8)%800))
	}
	return b.flush()
}

// batcher groups rows into multi-row INSERTs of at most 500 rows.
type batcher struct {
	exec   Exec
	head   string
	cols   int
	values []string
	args   []any
	err    error
}

func (b *batcher) start(head string, cols int) {
	b.flushErr()
	b.head, b.cols = head, cols
}

func (b *batcher) row(args ...any) {
	if len(args) != b.cols {
		panic(fmt.Sprintf("benchseed: %d values for %d columns", len(args), b.cols))
	}
	b.values = append(b.values, "("+strings.TrimSuffix(strings.Repeat("?, ", b.cols), ", ")+")")
	b.args = append(b.args, args...)
	if len(b.values) == 500 {
		b.flushErr()
	}
}

func (b *batcher) flushErr() {
	if b.err == nil && len(b.values) > 0 {
		b.err = b.exec(b.head+strings.Join(b.values, ", "), b.args...)
	}
	b.values, b.args = b.values[:0], b.args[:0]
}

func (b *batcher) flush() error {
	b.flushErr()
	return b.err
}

// hash spreads row numbers (a 32-bit mix; deterministic).
func hash(i int) uint32 {
	x := uint32(i)*2654435761 + 0x9e3779b9
	x ^= x >> 15
	x *= 0x85ebca6b
	x ^= x >> 13
	return x
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

var givenNames = []string{"Ana", "José", "María", "Luis", "Carmen", "Pedro", "Yusmary", "Carlos", "Rosa", "Jesús", "Daniela", "Miguel"}

var familyNames = []string{"Pérez", "González", "Rodríguez", "Hernández", "García", "Martínez", "López", "Díaz", "Ramírez", "Torres", "Rojas", "Mendoza", "Briceño"}

package roster

import (
	"context"
	"fmt"
	"strings"
	"syscall"
	"testing"
	"time"

	"aula/server/internal/store"
	"aula/sync/auth"
)

// benchCSV is a roster of n officers on stations CCS-01 and MCB-02, with PINs that pass the rules.
func benchCSV(n int, pinOffset int) string {
	var b strings.Builder
	b.WriteString(header)
	for i := range n {
		station := []string{"CCS-01", "MCB-02"}[i%2]
		pin := fmt.Sprintf("%06d", (i*7919+pinOffset)%900000+100000)
		if auth.WeakPIN(pin, fmt.Sprintf("PNB-%d", i)) != "" {
			pin = "739152"
		}
		fmt.Fprintf(&b, "PNB-%d,María José,Pérez Rojas,Oficial Agregado,%s,%s\n", i, station, pin)
	}
	return b.String()
}

// BenchmarkImport50kUnchanged: re-importing the largest file allowed (50,000 rows) when no PIN
// changed: read, every check, the PIN checks and one transaction of 50,000 updates. The store is
// filled beforehand through the store directly (hashing 50,000 PINs takes minutes).
func BenchmarkImport50kUnchanged(b *testing.B) {
	st, dir := openStore(b)
	key, err := LoadKey(dir)
	if err != nil {
		b.Fatal(err)
	}
	in := benchCSV(MaxRows, 0)
	parsed, problems := Parse(strings.NewReader(in), "bench.csv", nil)
	if len(problems) > 0 {
		b.Fatal(problems)
	}
	h, _ := auth.HashPIN("739152")
	rows := make([]store.OfficerRow, len(parsed))
	for i, r := range parsed {
		rows[i] = store.OfficerRow{Line: r.Line, Badge: r.Badge, GivenNames: r.GivenNames, FamilyNames: r.FamilyNames, Rank: r.Rank,
			StationCode: r.StationCode, PINHash: h, PINCheck: pinCheck(key, r.Badge, r.PIN)}
	}
	if _, bad, err := st.ImportOfficers(context.Background(), rows, "bench"); err != nil || len(bad) > 0 {
		b.Fatal(bad, err)
	}
	c0 := cpuNow()
	b.ResetTimer()
	for b.Loop() {
		res, problems, err := Import(context.Background(), st, key, strings.NewReader(in), "bench.csv", "bench")
		if err != nil || len(problems) > 0 || res.Updated != MaxRows {
			b.Fatal(res, problems, err)
		}
	}
	b.ReportMetric(b.Elapsed().Seconds()/float64(b.N), "s/import")
	b.ReportMetric((cpuNow()-c0).Seconds()/float64(b.N), "cpu-s/import")
}

// BenchmarkImportNewPINs: importing officers whose PINs are all new, so each is hashed with
// argon2id on every core; reported per PIN and projected to a 50,000-row file.
func BenchmarkImportNewPINs(b *testing.B) {
	const n = 1000
	st, dir := openStore(b)
	key, err := LoadKey(dir)
	if err != nil {
		b.Fatal(err)
	}
	round := 0
	var elapsed, cpu time.Duration
	for b.Loop() {
		round++
		in := benchCSV(n, round*104729)
		start, c0 := time.Now(), cpuNow()
		res, problems, err := Import(context.Background(), st, key, strings.NewReader(in), "bench.csv", "bench")
		elapsed, cpu = elapsed+time.Since(start), cpu+cpuNow()-c0
		if err != nil || len(problems) > 0 || res.Created+res.Updated != n {
			b.Fatal(res, problems, err)
		}
	}
	perPIN := elapsed.Seconds() / float64(round*n)
	b.ReportMetric(perPIN*1000, "ms/PIN")
	b.ReportMetric(perPIN*MaxRows, "s/50k-rows")
	// CPU time tells what the machine's load hid: on an idle machine the import takes about
	// this divided by the number of cores.
	b.ReportMetric(cpu.Seconds()/float64(round*n)*1000, "cpu-ms/PIN")
}

// cpuNow returns the CPU time this process has used.
func cpuNow() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

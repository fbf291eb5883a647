package store

import (
	"context"
	"database/sql"
	"testing"

	"aula/sync/auditchain"
)

// BenchmarkAuditWrite measures one chained audit entry in its own transaction (the read of the
// head, the hash and the insert), as an administrative action pays it.
func BenchmarkAuditWrite(b *testing.B) {
	s, err := Open(b.TempDir())
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	b.ResetTimer()
	for b.Loop() {
		if err := s.Audit(ctx, "admin", "station.create", "station:CCS-01", "CCS-01 Caracas Centro"); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkAuditVerify100k walks a chain of 100,000 entries (aula-server audit verify, and the
// auditor's page, which walks it on every visit).
func BenchmarkAuditVerify100k(b *testing.B) {
	s, err := Open(b.TempDir())
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	if err := s.tx(ctx, func(tx *sql.Tx) error {
		for range 100_000 {
			if err := writeAudit(tx, auditchain.Entry{At: "2026-12-02T08:00:00Z", Actor: "admin", Action: "station.create",
				Object: "station:CCS-01", Details: "CCS-01 Caracas Centro"}); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for b.Loop() {
		w, err := s.WalkAudit(ctx)
		if err != nil || w.N != 100_000 {
			b.Fatal(w.N, err)
		}
	}
}

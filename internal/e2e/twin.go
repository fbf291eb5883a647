package e2e

import (
	"path/filepath"
	"testing"
)

// StartOn starts a center on a copy of the data folder data (its keys) with its store in the
// PostgreSQL database at db, on a free port of its own, stopped when tb ends. Two such centers on
// one database are two center processes behind one load balancer.
func StartOn(tb testing.TB, data, db string) *Center {
	tb.Helper()
	server, _ := Binaries(tb)
	c := &Center{Bin: server, Data: filepath.Join(tb.TempDir(), "center"), DB: db, Addr: FreeAddr(tb), tb: tb}
	c.URL = "http://" + c.Addr
	if err := copyDir(c.Data, data); err != nil {
		tb.Fatal(err)
	}
	c.Start()
	tb.Cleanup(c.Stop)
	return c
}

// Twin starts a second center process on c's store, with a copy of c's data folder (the same
// keys) and a port of its own.
func (c *Center) Twin(tb testing.TB) *Center {
	tb.Helper()
	t := StartOn(tb, c.Data, c.DB)
	t.Token = c.Token
	return t
}

package cli

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"aula/client-node/internal/store"
	"aula/client-node/internal/syncer"
	"aula/internal/cliflags"
	"aula/sync/auth"
)

// openNode opens the store and, when enrolled, the node's sync identity.
func openNode(data string, stderr io.Writer, needEnrolled bool) (*store.Store, *syncer.Node, int) {
	st, err := store.Open(data)
	if err != nil {
		return nil, nil, fail(stderr, err)
	}
	n, err := syncer.Open(context.Background(), st, data, cliflags.Logger("text", stderr))
	if err != nil && needEnrolled {
		st.Close()
		return nil, nil, fail(stderr, err)
	}
	return st, n, 0
}

func signalContext() (context.Context, context.CancelFunc) {
	return signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
}

// enroll registers the node with the center with the station's one-time token.
func enroll(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	f := cliflags.New("enroll", stderr)
	data := f.Str("data", defaultData, "data folder")
	server := f.Str("server", "", "the center's address, e.g. https://aula.example.org")
	token := f.Str("token", "", "the station's one-time enrollment token (from aula-server station add)")
	if ok, code := f.Parse(args); !ok {
		return code
	}
	if !f.Require(stderr, map[string]string{"server": *server, "token": *token}) {
		return 2
	}
	st, _, code := openNode(*data, stderr, false)
	if st == nil {
		return code
	}
	defer st.Close()
	ctx, cancel := signalContext()
	defer cancel()
	station, fp, err := syncer.Enroll(ctx, st, *data, *server, *token, &http.Client{Timeout: time.Minute})
	if err != nil {
		return fail(stderr, err)
	}
	fmt.Fprintln(stdout, msg("cli.enrolled", station, fp))
	return 0
}

// syncRound runs one full sync now; it exits 0 only when push and pull both completed.
func syncRound(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	f := cliflags.New("sync", stderr)
	data := f.Str("data", defaultData, "data folder")
	batch := f.Int("batch", 0, "records per request (default 1000; smaller on a very bad link)")
	if ok, code := f.Parse(args); !ok {
		return code
	}
	st, n, code := openNode(*data, stderr, true)
	if st == nil {
		return code
	}
	defer st.Close()
	n.BatchRecords = *batch
	ctx, cancel := signalContext()
	defer cancel()
	if err := n.Round(ctx); err != nil {
		return fail(stderr, fmt.Errorf("sync failed (nothing is lost; it resumes next time): %w", err))
	}
	status, err := syncer.ReadStatus(context.Background(), st, n)
	if err != nil {
		return fail(stderr, err)
	}
	fmt.Fprintln(stdout, msg("cli.synced", status.Pending))
	return 0
}

// syncExport writes every unacknowledged record into one signed file for a USB stick.
func syncExport(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	f := cliflags.New("sync export", stderr)
	data := f.Str("data", defaultData, "data folder")
	out := f.Str("out", "", "file to write")
	if ok, code := f.Parse(args); !ok {
		return code
	}
	if !f.Require(stderr, map[string]string{"out": *out}) {
		return 2
	}
	st, n, code := openNode(*data, stderr, true)
	if st == nil {
		return code
	}
	defer st.Close()
	body, records, err := n.Export(context.Background())
	if err != nil {
		return fail(stderr, err)
	}
	if err := auth.WriteFileAtomic(*out, body, 0o600); err != nil {
		return fail(stderr, err)
	}
	fmt.Fprintln(stdout, msg("cli.exported", records, *out, *out))
	return 0
}

// syncImport applies a reply file from the center.
func syncImport(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	f := cliflags.New("sync import", stderr)
	data := f.Str("data", defaultData, "data folder")
	in := f.Str("in", "", "reply file written by aula-server sync import")
	if ok, code := f.Parse(args); !ok {
		return code
	}
	if !f.Require(stderr, map[string]string{"in": *in}) {
		return 2
	}
	body, err := os.ReadFile(*in)
	if err != nil {
		return fail(stderr, err)
	}
	st, n, code := openNode(*data, stderr, true)
	if st == nil {
		return code
	}
	defer st.Close()
	summary, err := n.Import(context.Background(), body)
	if err != nil {
		return fail(stderr, fmt.Errorf("%s: %w", *in, err))
	}
	fmt.Fprintln(stdout, summary)
	return 0
}

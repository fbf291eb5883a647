package cli

import (
	"context"
	"crypto/ed25519"
	"errors"
	"fmt"
	"io"
	"os"

	"aula/internal/cliflags"
	"aula/server/internal/app"
	"aula/server/internal/web"
	"aula/sync/auditchain"
)

// auditVerify walks the audit chain (and, with --against, checks the signed heads a station
// kept): exit 0 with "audit: N entries, chain intact, head HEX" last, 1 naming the first entry
// that does not match.
func auditVerify(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	f := cliflags.New("audit verify", stderr)
	data, db := storeFlags(f)
	against := f.Str("against", "", "a station's heads file (aula-node audit heads --out FILE)")
	if ok, c := f.Parse(args); !ok {
		return c
	}
	return withStore(*data, *db, stderr, func(m *app.Main) int {
		ctx := context.Background()
		w, err := m.Store.WalkAudit(ctx)
		if code, done := auditProblem(stderr, err); done {
			return code
		}
		if *against != "" {
			if code := checkAgainst(ctx, m, *against, stdout, stderr); code != 0 {
				return code
			}
		}
		fmt.Fprintf(stdout, "audit: %d entries, chain intact, head %s\n", w.N, w.Head)
		return 0
	})
}

// checkAgainst checks a station's heads file against the chain.
func checkAgainst(ctx context.Context, m *app.Main, path string, stdout, stderr io.Writer) int {
	file, err := os.Open(path)
	if err != nil {
		return fail(stderr, err)
	}
	defer file.Close()
	heads, err := auditchain.ReadHeads(file)
	if err != nil {
		fmt.Fprintf(stderr, "%s:1: %s\n", path, web.Message(cliLang(), "audit.heads_unreadable", err))
		return 1
	}
	var lookupErr error
	err = auditchain.CheckHeads(m.Key.Public().(ed25519.PublicKey), heads, func(seq int64) (string, bool) {
		h, ok, err := m.Store.AuditHashAt(ctx, seq)
		if err != nil {
			lookupErr = err
		}
		return h, ok
	})
	if lookupErr != nil {
		return fail(stderr, lookupErr)
	}
	if code, done := auditProblem(stderr, err); done {
		return code
	}
	fmt.Fprintln(stdout, web.Message(cliLang(), "audit.heads_ok", len(heads), path))
	return 0
}

// auditProblem prints a chain problem in the operator's language; done is false when err is nil.
func auditProblem(stderr io.Writer, err error) (int, bool) {
	var broken *auditchain.Broken
	var rw *auditchain.Rewritten
	lang := cliLang()
	switch {
	case err == nil:
		return 0, false
	case errors.As(err, &broken):
		fmt.Fprintln(stderr, "aula-server: "+web.Message(lang, "audit.broken_"+broken.Reason, broken.Seq))
	case errors.As(err, &rw) && rw.Now == "":
		fmt.Fprintln(stderr, "aula-server: "+web.Message(lang, "audit.rewritten_gone", rw.Head.Seq, rw.Head.Hash))
	case errors.As(err, &rw):
		fmt.Fprintln(stderr, "aula-server: "+web.Message(lang, "audit.rewritten", rw.Head.Seq, rw.Head.Hash, rw.Now))
	case errors.Is(err, auditchain.ErrBadSignature):
		fmt.Fprintln(stderr, "aula-server: "+web.Message(lang, "audit.head_signature", err))
	default:
		return fail(stderr, err), true
	}
	return 1, true
}

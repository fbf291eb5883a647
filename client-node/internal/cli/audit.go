package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"

	"aula/client-node/internal/store"
	"aula/internal/cliflags"
	"aula/sync/auth"
)

// auditHeads prints every signed head of the center's audit chain this node was sent, one JSON
// object per line ({"seq","hash","signature"}), or writes them to --out: the file the center's
// `aula-server audit verify --against FILE` checks.
func auditHeads(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	f := cliflags.New("audit heads", stderr)
	data := f.Str("data", defaultData, "data folder")
	out := f.Str("out", "", "write the heads to this file instead of the screen")
	if ok, code := f.Parse(args); !ok {
		return code
	}
	st, err := store.Open(*data)
	if err != nil {
		return fail(stderr, err)
	}
	defer st.Close()
	heads, err := st.AuditHeads(context.Background())
	if err != nil {
		return fail(stderr, err)
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	for _, h := range heads {
		if err := enc.Encode(h); err != nil {
			return fail(stderr, err)
		}
	}
	if *out == "" {
		_, err = stdout.Write(buf.Bytes())
		if err != nil {
			return fail(stderr, err)
		}
		return 0
	}
	if err := auth.WriteFileAtomic(*out, buf.Bytes(), 0o644); err != nil {
		return fail(stderr, err)
	}
	fmt.Fprintln(stdout, msg("cli.heads_written", len(heads), *out))
	return 0
}

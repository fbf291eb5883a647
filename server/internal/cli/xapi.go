package cli

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"

	"strings"

	"aula/internal/cliflags"
	"aula/server/internal/app"
	"aula/server/internal/store"
	"aula/server/internal/web"
	"aula/server/internal/xapi"
	"aula/sync/auth"
)

// xapiExport writes every xAPI statement the center's records make (attempts, completions,
// workshop attendance) as JSON lines, for an LRS to import; the ids are the ones the sender
// uses, so importing after live sending duplicates nothing.
func xapiExport(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	f := cliflags.New("xapi export", stderr)
	data, db := storeFlags(f)
	out := f.Str("out", "", "the JSON lines file to write")
	public := f.Str("public-url", "", "public address of the center, e.g. https://aula.example.org (as in serve)")
	if ok, c := f.Parse(args); !ok {
		return c
	}
	if !f.Require(stderr, map[string]string{"out": *out, "public-url": *public}) {
		return 2
	}
	return withStore(*data, *db, stderr, func(m *app.Main) int {
		var buf strings.Builder
		w := bufio.NewWriter(&buf)
		n := 0
		base := strings.TrimRight(*public, "/")
		err := m.Store.AllXAPI(context.Background(), func(r store.XAPIRecord) error {
			b, err := json.Marshal(xapi.Build(base, m.Key, r))
			if err != nil {
				return err
			}
			n++
			w.Write(b)
			return w.WriteByte('\n')
		})
		if err == nil {
			err = w.Flush()
		}
		if err == nil {
			err = auth.WriteFileAtomic(*out, []byte(buf.String()), 0o600)
		}
		if err != nil {
			return fail(stderr, err)
		}
		fmt.Fprintln(stdout, web.Message(cliLang(), "xapi.exported", n, *out))
		return 0
	})
}

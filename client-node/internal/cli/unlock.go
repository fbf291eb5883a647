package cli

import (
	"context"
	"fmt"
	"io"

	"aula/client-node/internal/store"
	"aula/internal/cliflags"
)

// unlock ends a badge's PIN lockout on this station (an officer locked out after 5 wrong PINs
// asks his commander or the station's person in charge, who runs this on the node's PC).
func unlock(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	f := cliflags.New("unlock", stderr)
	data := f.Str("data", defaultData, "data folder")
	badge := f.Str("badge", "", "the officer's badge, e.g. PNB-1234")
	if ok, code := f.Parse(args); !ok {
		return code
	}
	if !f.Require(stderr, map[string]string{"badge": *badge}) {
		return 2
	}
	st, err := store.Open(*data)
	if err != nil {
		return fail(stderr, err)
	}
	defer st.Close()
	done, err := st.UnlockBadge(context.Background(), *badge)
	if err != nil {
		return fail(stderr, err)
	}
	if done {
		fmt.Fprintln(stdout, msg("cli.unlocked", *badge))
	} else {
		fmt.Fprintln(stdout, msg("cli.not_locked", *badge))
	}
	return 0
}

package cli

import (
	"crypto/ed25519"
	"errors"
	"fmt"
	"io"
	"os"

	"aula/internal/cliflags"
	"aula/server/internal/evidence"
	"aula/server/internal/web"
	"aula/sync/auth"
)

// evidenceVerify checks an officer's evidence bundle offline: exit 0 when intact, 1 naming the
// file that changed. --key pins the center's key (its PEM public key or its private key file).
func evidenceVerify(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	f := cliflags.New("evidence verify", stderr)
	in := f.Str("in", "", "the evidence bundle (zip)")
	keyFile := f.Str("key", "", "optional: the center's public key (PEM) or center.key the bundle must be signed with")
	if ok, c := f.Parse(args); !ok {
		return c
	}
	if !f.Require(stderr, map[string]string{"in": *in}) {
		return 2
	}
	data, err := os.ReadFile(*in)
	if err != nil {
		return fail(stderr, err)
	}
	var want ed25519.PublicKey
	if *keyFile != "" {
		b, err := os.ReadFile(*keyFile)
		if err != nil {
			return fail(stderr, err)
		}
		if want, err = evidence.ParsePublicKey(b); err != nil {
			key, err := auth.LoadOrCreateKey(*keyFile) // the center's own key file
			if err != nil {
				return fail(stderr, err)
			}
			want = key.Public().(ed25519.PublicKey)
		}
	}
	lang := cliLang()
	r, err := evidence.Verify(data, want)
	var p *evidence.Problem
	if errors.As(err, &p) {
		fmt.Fprintf(stderr, "%s: %s\n", *in, web.Message(lang, "evidence.altered", p.File, p.What))
		return 1
	}
	if err != nil {
		return fail(stderr, err)
	}
	fmt.Fprintln(stdout, web.Message(lang, "evidence.intact", r.Badge, r.Files, r.Certificates, r.AuditEntries, r.Head.Seq))
	fmt.Fprintln(stdout, web.Message(lang, "evidence.fingerprint", r.Fingerprint))
	return 0
}

package evidence

import (
	"archive/zip"
	"bytes"
	"crypto/ed25519"
	"crypto/rand"
	"errors"
	"io"
	"testing"
	"time"

	"aula/sync/auditchain"
	"aula/sync/certificate"
)

func sample(t *testing.T) ([]byte, ed25519.PrivateKey) {
	t.Helper()
	_, key, _ := ed25519.GenerateKey(rand.Reader)
	var chain []auditchain.Entry
	prev := auditchain.Genesis
	for i := int64(1); i <= 4; i++ {
		e := auditchain.Entry{Seq: i, At: "2026-01-02T03:04:05Z", Actor: "admin", Action: "officer.move", Object: "officer:PNB-1", Subject: "PNB-1", Details: "x"}
		if i%2 == 0 {
			e.Subject, e.Object = "", "station:S"
		}
		auditchain.Seal(prev, &e)
		prev = e.Hash
		chain = append(chain, e)
	}
	token := certificate.SignByCenter(certificate.Claims{ID: "C1", Code: "CODE1", Badge: "PNB-1", IssuedOn: "2026-01-02", Issuer: "Aula"}, key)
	files := []File{
		{"transcript.json", []byte(`{"badge":"PNB-1"}`)},
		{"attempts/A1.json", []byte(`{"id":"A1","score":90}`)},
		{CertsFile, []byte(`[{"id":"C1","code":"CODE1","token":"` + token + `"}]`)},
		{ReadmeFile, []byte(Readme("PNB-1", "ab12", auditchain.Head{Seq: 4}))},
	}
	proof := Proof{Entries: []auditchain.Entry{chain[0], chain[2]}, Chain: chain, Head: auditchain.SignHead(key, 4, chain[3].Hash)}
	b, err := Build(key, "PNB-1", time.Now(), files, proof)
	if err != nil {
		t.Fatal(err)
	}
	return b, key
}

// rezip copies a bundle, passing each file's bytes through edit.
func rezip(t *testing.T, data []byte, edit func(name string, b []byte) []byte) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range zr.File {
		rc, _ := f.Open()
		b, _ := io.ReadAll(rc)
		rc.Close()
		w, _ := zw.Create(f.Name)
		w.Write(edit(f.Name, b))
	}
	zw.Close()
	return buf.Bytes()
}

// One byte changed in any file of the bundle, at its start, middle or end: Verify names it.
func TestOneByteChangedAnywhereFailsVerify(t *testing.T) {
	data, key := sample(t)
	r, err := Verify(data, key.Public().(ed25519.PublicKey))
	if err != nil || r.AuditEntries != 2 || r.Certificates != 1 || r.Head.Seq != 4 {
		t.Fatalf("intact bundle: %+v %v", r, err)
	}
	if _, err := Verify(rezip(t, data, func(_ string, b []byte) []byte { return b }), nil); err == nil {
		t.Error("the same files zipped again by another tool: verified (the container must be the center's, byte for byte)")
	}
	zr, _ := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	for _, f := range zr.File {
		for _, where := range []string{"first", "middle", "last"} {
			changed := rezip(t, data, func(name string, b []byte) []byte {
				if name != f.Name {
					return b
				}
				b = bytes.Clone(b)
				i := map[string]int{"first": 0, "middle": len(b) / 2, "last": len(b) - 1}[where]
				b[i] ^= 0x01
				return b
			})
			var p *Problem
			if _, err := Verify(changed, nil); !errors.As(err, &p) {
				t.Errorf("%s with its %s byte changed: %v", f.Name, where, err)
			}
		}
	}
	// The raw zip: a byte flipped in the compressed data or the headers.
	for i := range len(data) {
		changed := bytes.Clone(data)
		changed[i] ^= 0x01
		if _, err := Verify(changed, nil); err == nil {
			t.Errorf("zip byte %d changed: verified", i)
		}
	}
	other, _ := sample(t)
	if _, err := Verify(other, key.Public().(ed25519.PublicKey)); err == nil {
		t.Error("a bundle signed by another key verified against this center's")
	}
}

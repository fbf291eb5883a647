package evidence

import (
	"archive/zip"
	"bytes"
	"crypto/ed25519"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"io"
	"strings"
	"time"

	"aula/sync/auditchain"
	"aula/sync/auth"
	"aula/sync/certificate"
)

// Report is what Verify found in an intact bundle.
type Report struct {
	Badge        string
	Fingerprint  string // of the key that signed the bundle: compare it with the center's
	Files        int
	AuditEntries int
	Head         auditchain.Head
	Certificates int
}

// Problem is why a bundle does not verify: the file and what is wrong with it.
type Problem struct {
	File, What string
}

func (p *Problem) Error() string { return p.File + ": " + p.What }

func bad(file, format string, args ...any) *Problem {
	return &Problem{File: file, What: fmt.Sprintf(format, args...)}
}

// Verify checks a bundle with nothing but its own bytes: the manifest's signature by the key it
// carries, every file against the manifest (none missing, none extra), the audit entries in the
// chain segment, the segment's links up to the signed head and the head's signature, and every
// certificate's signature. If want is not nil, the bundle's key must be it.
func Verify(data []byte, want ed25519.PublicKey) (*Report, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, bad("zip", "not a readable zip: %v", err)
	}
	files := map[string][]byte{}
	var ordered []File
	for _, f := range zr.File {
		if _, dup := files[f.Name]; dup {
			return nil, bad(f.Name, "appears twice")
		}
		rc, err := f.Open()
		if err != nil {
			return nil, bad(f.Name, "cannot be read: %v", err)
		}
		b, err := io.ReadAll(io.LimitReader(rc, 1<<30))
		rc.Close()
		if err != nil {
			return nil, bad(f.Name, "damaged: %v", err)
		}
		files[f.Name] = b
		ordered = append(ordered, File{f.Name, b})
	}
	if len(zr.File) == 0 {
		return nil, bad("zip", "empty")
	}
	if again, err := writeZip(ordered, zr.File[0].Modified); err != nil || !bytes.Equal(again, data) {
		return nil, bad("zip", "the container was changed (a header, a date or bytes outside the files)")
	}
	pub, err := ParsePublicKey(files[KeyFile])
	if err != nil {
		return nil, bad(KeyFile, "%v", err)
	}
	if want != nil && !pub.Equal(want) {
		return nil, bad(KeyFile, "is not the given center key (fingerprint %s, expected %s)", auth.Fingerprint(pub), auth.Fingerprint(want))
	}
	mb := files[ManifestFile]
	sig, err := base64.StdEncoding.DecodeString(strings.TrimSuffix(string(files[SignatureFile]), "\n"))
	if err != nil || base64.StdEncoding.EncodeToString(sig)+"\n" != string(files[SignatureFile]) || !ed25519.Verify(pub, mb, sig) {
		return nil, bad(ManifestFile, "its signature (%s) does not match the center key in the bundle", SignatureFile)
	}
	var m Manifest
	dec := json.NewDecoder(bytes.NewReader(mb))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&m); err != nil {
		return nil, bad(ManifestFile, "unreadable: %v", err)
	}
	listed := map[string]bool{ManifestFile: true, SignatureFile: true}
	for _, f := range m.Files {
		b, ok := files[f.Name]
		if !ok {
			return nil, bad(f.Name, "listed in the manifest but missing")
		}
		sum := sha256.Sum256(b)
		if hex.EncodeToString(sum[:]) != f.SHA256 || len(b) != f.Size {
			return nil, bad(f.Name, "changed: its SHA-256 does not match the manifest")
		}
		listed[f.Name] = true
	}
	for name := range files {
		if !listed[name] {
			return nil, bad(name, "not listed in the signed manifest")
		}
	}
	r := &Report{Badge: m.Badge, Fingerprint: auth.Fingerprint(pub), Files: len(m.Files)}
	if err := checkProof(files, pub, r); err != nil {
		return nil, err
	}
	return r, checkCerts(files[CertsFile], pub, r)
}

// ParsePublicKey reads a PEM (PKIX) Ed25519 public key, such as a bundle's center-key.pem.
func ParsePublicKey(b []byte) (ed25519.PublicKey, error) {
	block, _ := pem.Decode(b)
	if block == nil {
		return nil, fmt.Errorf("not a PEM public key")
	}
	k, err := x509.ParsePKIXPublicKey(block.Bytes)
	if err != nil {
		return nil, err
	}
	pub, ok := k.(ed25519.PublicKey)
	if !ok {
		return nil, fmt.Errorf("not an Ed25519 key")
	}
	return pub, nil
}

// checkProof: every entry about the officer is in the segment as is, the segment links up to the
// signed head, and the head is signed by the center.
func checkProof(files map[string][]byte, pub ed25519.PublicKey, r *Report) error {
	var entries, chain []auditchain.Entry
	if err := json.Unmarshal(files[AuditEntries], &entries); err != nil {
		return bad(AuditEntries, "unreadable: %v", err)
	}
	if err := json.Unmarshal(files[AuditChain], &chain); err != nil {
		return bad(AuditChain, "unreadable: %v", err)
	}
	if err := json.Unmarshal(files[AuditHead], &r.Head); err != nil {
		return bad(AuditHead, "unreadable: %v", err)
	}
	if err := auditchain.VerifyHead(pub, r.Head); err != nil {
		return bad(AuditHead, "%v", err)
	}
	bySeq := map[int64]auditchain.Entry{}
	for i, e := range chain {
		if i > 0 && e.Prev != chain[i-1].Hash {
			return bad(AuditChain, "entry %d does not link to entry %d", e.Seq, chain[i-1].Seq)
		}
		if auditchain.Link(e.Prev, e) != e.Hash {
			return bad(AuditChain, "entry %d does not match its hash", e.Seq)
		}
		bySeq[e.Seq] = e
	}
	if len(chain) > 0 && (chain[len(chain)-1].Seq != r.Head.Seq || chain[len(chain)-1].Hash != r.Head.Hash) {
		return bad(AuditChain, "does not end at the signed head %d", r.Head.Seq)
	}
	for _, e := range entries {
		if c, ok := bySeq[e.Seq]; !ok || c != e {
			return bad(AuditEntries, "entry %d is not in the signed chain as it stands here", e.Seq)
		}
	}
	r.AuditEntries = len(entries)
	return nil
}

// CertRecord is one certificate in certificates.json.
type CertRecord struct {
	ID            string    `json:"id"`
	Code          string    `json:"code"`
	Title         string    `json:"title"`
	Hours         float64   `json:"hours"`
	IssuedAt      time.Time `json:"issued_at"`
	Status        string    `json:"status"` // when the bundle was made: valid, expired or revoked
	RevokedReason string    `json:"revoked_reason,omitempty"`
	Token         string    `json:"token"`         // the center's signed token (AULA1.…); "" while unconfirmed
	OB3           string    `json:"ob3,omitempty"` // the Open Badges 3.0 VC-JWT
}

func checkCerts(b []byte, pub ed25519.PublicKey, r *Report) error {
	var certs []CertRecord
	if err := json.Unmarshal(b, &certs); err != nil {
		return bad(CertsFile, "unreadable: %v", err)
	}
	for _, c := range certs {
		if c.Token == "" {
			continue // a certificate the center has not signed yet
		}
		claims, _, err := certificate.Verify(c.Token, pub)
		if err != nil || claims.ID != c.ID || claims.Code != c.Code {
			return bad(CertsFile, "certificate %s: its token is not the center's signature of it", c.Code)
		}
	}
	r.Certificates = len(certs)
	return nil
}

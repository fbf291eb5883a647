// Package evidence is the officer's evidence bundle (docs/evidence.md): a zip of his records, each
// file listed with its SHA-256 in manifest.json, which the center signs (manifest.sig) with its
// Ed25519 key, whose public half travels in the bundle (center-key.pem) with its fingerprint in
// README.txt to compare against the one the center publishes. The audit entries about the
// officer come with the chain segment from the first of them to a head the center signed, so
// Verify checks, offline and with nothing but the bundle, that no byte was changed and that the
// entries are in the signed chain.
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
	"time"

	"aula/sync/auditchain"
	"aula/sync/auth"
)

// Names of the bundle's fixed files.
const (
	ManifestFile  = "manifest.json"
	SignatureFile = "manifest.sig"
	KeyFile       = "center-key.pem"
	ReadmeFile    = "README.txt"
	AuditEntries  = "audit/entries.json" // the entries about the officer
	AuditChain    = "audit/chain.json"   // the chain from the first of them to the signed head
	AuditHead     = "audit/head.json"    // the signed head
	CertsFile     = "certificates.json"  // each with its signed token (and Open Badges credential)
)

// File is one file of a bundle.
type File struct {
	Name string
	Data []byte
}

// Manifest lists every file of the bundle but itself and its signature.
type Manifest struct {
	Format      int         `json:"format"`
	Badge       string      `json:"badge"`
	CreatedAt   string      `json:"created_at"`
	Fingerprint string      `json:"center_key_fingerprint"`
	Files       []FileEntry `json:"files"`
}

// FileEntry is a file's name, size and SHA-256 (hex).
type FileEntry struct {
	Name   string `json:"name"`
	Size   int    `json:"size"`
	SHA256 string `json:"sha256"`
}

// Proof is the audit part of a bundle, before it is written as files.
type Proof struct {
	Entries []auditchain.Entry // about the officer
	Chain   []auditchain.Entry // from the first of them to Head, in order
	Head    auditchain.Head
}

// Build writes the bundle: files, the proof, the key, the manifest and its signature.
func Build(key ed25519.PrivateKey, badge string, now time.Time, files []File, proof Proof) ([]byte, error) {
	pub := key.Public().(ed25519.PublicKey)
	der, err := x509.MarshalPKIXPublicKey(pub)
	if err != nil {
		return nil, err
	}
	for _, p := range []struct {
		name string
		v    any
	}{{AuditEntries, nonNil(proof.Entries)}, {AuditChain, nonNil(proof.Chain)}, {AuditHead, proof.Head}} {
		b, err := json.MarshalIndent(p.v, "", "  ")
		if err != nil {
			return nil, err
		}
		files = append(files, File{p.name, b})
	}
	files = append(files, File{KeyFile, pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der})})
	m := Manifest{Format: 1, Badge: badge, CreatedAt: now.UTC().Format(time.RFC3339), Fingerprint: auth.Fingerprint(pub)}
	for _, f := range files {
		sum := sha256.Sum256(f.Data)
		m.Files = append(m.Files, FileEntry{Name: f.Name, Size: len(f.Data), SHA256: hex.EncodeToString(sum[:])})
	}
	mb, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return nil, err
	}
	sig := base64.StdEncoding.EncodeToString(ed25519.Sign(key, mb))
	return writeZip(append([]File{{ManifestFile, mb}, {SignatureFile, []byte(sig + "\n")}}, files...), now)
}

// writeZip writes files, in order, uncompressed, all dated modified: the same files always make
// the same bytes, so Verify can check the container itself byte for byte (compressed data would
// depend on the compressor's version).
func writeZip(files []File, modified time.Time) ([]byte, error) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range files {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: f.Name, Method: zip.Store, Modified: modified.UTC().Truncate(time.Second)})
		if err != nil {
			return nil, err
		}
		if _, err := w.Write(f.Data); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func nonNil(es []auditchain.Entry) []auditchain.Entry {
	if es == nil {
		return []auditchain.Entry{}
	}
	return es
}

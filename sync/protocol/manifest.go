// Package protocol holds the types that travel between the center and station nodes, versioned
// and signed: course version manifests, the sync messages (push, reply, changes), enrollment, and
// the signed files carried on a USB stick; with the streaming reader of a node's push.
package protocol

import (
	"crypto/ed25519"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"

	"aula/courses"
)

// ManifestFormat is the version of the manifest layout.
const ManifestFormat = 1

// Manifest describes one published, immutable course version: every file with its SHA-256 and
// size. The center signs the manifest's exact bytes with its Ed25519 key; a node verifies the
// signature with the pinned center key and each file against its hash.
type Manifest struct {
	Format      int            `json:"format"`
	CourseID    string         `json:"course_id"`
	Version     int            `json:"version"`
	Title       courses.Text   `json:"title"`
	Area        string         `json:"area"`
	Hours       float64        `json:"hours"`
	PublishedAt string         `json:"published_at"`
	Files       []ManifestFile `json:"files"`
}

// ManifestFile is one file of a course version.
type ManifestFile struct {
	Path   string `json:"path"`
	SHA256 string `json:"sha256"` // lowercase hex
	Size   int64  `json:"size"`
}

var sha256Hex = regexp.MustCompile(`^[0-9a-f]{64}$`)

// SignManifest encodes m and signs the encoding. The bytes returned are what is stored and sent.
func SignManifest(m *Manifest, key ed25519.PrivateKey) (data, sig []byte, err error) {
	data, err = json.Marshal(m)
	if err != nil {
		return nil, nil, fmt.Errorf("encode manifest: %w", err)
	}
	return data, ed25519.Sign(key, data), nil
}

// ErrBadSignature reports a manifest not signed by the expected center key.
var ErrBadSignature = errors.New("manifest signature does not verify against the center's key")

// VerifyManifest checks sig over data with the center's public key and decodes the manifest.
func VerifyManifest(data, sig []byte, pub ed25519.PublicKey) (*Manifest, error) {
	if len(pub) != ed25519.PublicKeySize || !ed25519.Verify(pub, data, sig) {
		return nil, ErrBadSignature
	}
	var m Manifest
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, fmt.Errorf("decode manifest: %w", err)
	}
	if m.Format != ManifestFormat {
		return nil, fmt.Errorf("manifest format %d is not supported (this program reads format %d): upgrade it", m.Format, ManifestFormat)
	}
	for _, f := range m.Files {
		if !sha256Hex.MatchString(f.SHA256) || f.Size < 0 {
			return nil, fmt.Errorf("manifest lists %q with an invalid hash or size", f.Path)
		}
	}
	return &m, nil
}

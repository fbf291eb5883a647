package protocol

import (
	"crypto/ed25519"
	"encoding/json"
	"fmt"
)

// FileFormat names Aula sync files, so a wrong file is recognised at once.
const FileFormat = "aula-sync"

// File kinds.
const (
	FilePush  = "push"  // node -> center (aula-node sync export)
	FileReply = "reply" // center -> node (aula-server sync import)
)

// File is a sync message carried on a USB stick: the encoded message and its signature (by the
// node for a push, by the center for a reply).
type File struct {
	Format    string `json:"format"`
	Kind      string `json:"kind"`
	NodeID    string `json:"node_id"`
	Body      []byte `json:"body"` // Encode(Push) or Encode(Reply)
	Signature string `json:"signature"`
}

// WriteFile encodes msg, signs it and returns the file's bytes.
func WriteFile(kind, nodeID string, msg any, key ed25519.PrivateKey) ([]byte, error) {
	body, err := Encode(msg)
	if err != nil {
		return nil, err
	}
	return json.Marshal(File{Format: FileFormat, Kind: kind, NodeID: nodeID, Body: body, Signature: Sign(key, body)})
}

// ReadFile parses a sync file's envelope (the signature is checked by Open).
func ReadFile(data []byte, kind string) (*File, error) {
	var f File
	if err := json.Unmarshal(data, &f); err != nil || f.Format != FileFormat {
		return nil, fmt.Errorf("this is not an Aula sync file")
	}
	if f.Kind != kind {
		return nil, fmt.Errorf("this is a %q sync file; a %q file is needed here", f.Kind, kind)
	}
	return &f, nil
}

// Open verifies the file's signature with pub and decodes its message into v. A file whose bytes
// were changed after signing is refused.
func (f *File) Open(pub ed25519.PublicKey, v any) error {
	if !Verify(pub, f.Body, f.Signature) {
		return fmt.Errorf("the sync file's signature does not verify: it was altered or was not made by the expected key")
	}
	return Decode(f.Body, v)
}

// EnrollRequest is what aula-node enroll sends with the station's one-time token.
type EnrollRequest struct {
	Token       string `json:"token"`
	PublicKey   []byte `json:"public_key"`
	NodeVersion string `json:"node_version"`
	// Counters: the node signs every request with a counter (RequestMessage), so the center
	// refuses its requests without one from the start. Nodes built before counters omit it.
	Counters bool `json:"counters,omitempty"`
}

// EnrollReply names the node and its station, and carries the center's key for the node to pin.
type EnrollReply struct {
	NodeID          string `json:"node_id"`
	StationCode     string `json:"station_code"`
	StationName     string `json:"station_name"`
	CenterPublicKey []byte `json:"center_public_key"`
	Endorsement     []byte `json:"endorsement"`           // Endorsement, JSON
	EndorsementSig  string `json:"endorsement_signature"` // by the center
	PublicURL       string `json:"public_url"`            // where certificates are verified (/verify/CODE)
}

// Endorsement is the center's signed statement that a node key speaks for a station: it lets
// anyone holding only the center's key check what the node signs (certificates).
type Endorsement struct {
	NodeID      string `json:"node_id"`
	StationCode string `json:"station_code"`
	StationName string `json:"station_name"`
	PublicKey   []byte `json:"public_key"`
	ValidFrom   int64  `json:"valid_from"`  // Unix seconds, center clock
	ValidUntil  int64  `json:"valid_until"` // Unix seconds, center clock
}

package protocol

import (
	"bytes"
	"crypto/ed25519"
	"encoding/json"
	"flag"
	"os"
	"reflect"
	"strings"
	"testing"

	"aula/courses"
)

var update = flag.Bool("update", false, "rewrite golden files")

// samples holds one fixed value of every message type. The golden files pin their wire form: a
// change to a field name or shape fails here and needs a new protocol version.
func samples() map[string]any {
	return map[string]any{
		"push": &Push{Protocol: 1, NodeID: "0193a8e0-0000-7000-8000-000000000001", NodeVersion: "1.0.0", NodeTime: 1764230400, Pending: 2, Cursor: 17,
			Records: []Record{
				{Seq: 41, Kind: KindAttempt, Attempt: &Attempt{ID: "0193a8e0-1111-7000-8000-000000000002", Badge: "PNB-1001", Course: "uso-de-la-fuerza",
					Version: 1, Secret: "5f0c7a1e9b2d4c3a8e6f1d2b3c4a5e6f", Started: 1764229000, Submitted: 1764230000,
					Responses: json.RawMessage(`[2,[0,3],true,[2,0,1,3],[1,0,-1],"48 horas",48,null]`), Score: 83.33}},
				{Seq: 42, Kind: KindLessonRead, LessonRead: &LessonRead{Badge: "PNB-1001", Course: "uso-de-la-fuerza", Lesson: "01-la-vida-primero", At: 1764228000}},
				{Seq: 43, Kind: KindCert, Cert: &Cert{Token: "AULA1.eyJpZCI6ImMxIn0.c2ln.ZW5k.c2ln", AttemptID: "0193a8e0-1111-7000-8000-000000000002"}},
			}},
		// Version 2: the push says in which version its cursor was reached (docs/sync.md).
		"push-v2":   &Push{Protocol: 2, NodeID: "n1", NodeVersion: "1.1.0", NodeTime: 1764230400, Cursor: 17, CursorProtocol: 1},
		"push-file": &Push{Protocol: 1, NodeID: "n1", NodeVersion: "1.0.0", NodeTime: 1764230400, Cursor: 3, Have: []string{strings.Repeat("a", 64)}},
		"reply": &Reply{Protocol: 1, NodeID: "0193a8e0-0000-7000-8000-000000000001", Acked: 42, CenterTime: 1764230410, Cursor: 20, More: true,
			Rejected: []Rejected{{Seq: 40, Reason: "officer PNB-9 has never been on this station's roster"}},
			Changes: []Change{
				{Seq: 18, Kind: ChangeCourse, Course: &CourseChange{Manifest: []byte(`{"format":1}`), Signature: []byte{1, 2, 3}}},
				{Seq: 19, Kind: ChangeRoster, Roster: []RosterEntry{{Badge: "PNB-1001", GivenNames: "María José", FamilyNames: "Pérez Rojas", Rank: "Oficial", PINHash: "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA"}}},
				{Seq: 20, Kind: ChangeRevocation, Revocation: &RevokedCert{ID: "c1", RevokedAt: 1764230000, Reason: "suplantación"}},
				{Seq: 21, Kind: ChangeCert, Cert: &Cert{Token: "AULA1.eyJpZCI6ImMyIn0.c2ln"}},
				// A kind added after the first release: only fields every node decodes.
				{Seq: 22, Kind: ChangeNodeRevocation, Revocation: &RevokedCert{ID: "0193a8e0-0000-7000-8000-000000000009", RevokedAt: 1764230100}},
			}},
		"reply-file":     &Reply{Protocol: 1, NodeID: "n1", Acked: 3, CenterTime: 1764230410, Cursor: 5, Blobs: map[string][]byte{strings.Repeat("b", 64): []byte("lesson")}},
		"enroll-request": &EnrollRequest{Token: "1UxXzsbnJm8uhEX4GkQGaR5EV3DosEFn", PublicKey: bytes.Repeat([]byte{7}, 32), NodeVersion: "1.0.0"},
		"enroll-reply": &EnrollReply{NodeID: "n1", StationCode: "CCS-01", StationName: "Caracas Centro", CenterPublicKey: bytes.Repeat([]byte{9}, 32),
			Endorsement: []byte(`{"node_id":"n1"}`), EndorsementSig: "c2ln", PublicURL: "https://aula.example.org"},
		"endorsement": &Endorsement{NodeID: "n1", StationCode: "CCS-01", StationName: "Caracas Centro", PublicKey: bytes.Repeat([]byte{7}, 32), ValidFrom: 1764230400, ValidUntil: 1827302400},
		"manifest": &Manifest{Format: 1, CourseID: "uso-de-la-fuerza", Version: 2, Title: courses.Text{"es": "Uso de la fuerza", "en": "Use of force"},
			Area: "use-of-force", Hours: 2, PublishedAt: "2026-11-27T04:00:00Z", Files: []ManifestFile{{Path: "course.yaml", SHA256: strings.Repeat("c", 64), Size: 408}}},
		"file": &File{Format: FileFormat, Kind: FilePush, NodeID: "n1", Body: []byte{0x1f, 0x8b}, Signature: "c2ln"},
	}
}

func TestGoldenMessages(t *testing.T) {
	for name, msg := range samples() {
		t.Run(name, func(t *testing.T) {
			got, err := json.MarshalIndent(msg, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			path := "testdata/" + name + ".golden.json"
			if *update {
				os.WriteFile(path, append(got, '\n'), 0o644)
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if string(got)+"\n" != string(want) {
				t.Errorf("wire form of %s changed (a new protocol version is needed, or run -update):\n%s", name, got)
			}
			// Encode/Decode round trip.
			enc, err := Encode(msg)
			if err != nil {
				t.Fatal(err)
			}
			back := reflect.New(reflect.TypeOf(msg).Elem()).Interface()
			if err := Decode(enc, back); err != nil {
				t.Fatal(err)
			}
			a, _ := json.Marshal(msg)
			b, _ := json.Marshal(back)
			if !bytes.Equal(a, b) {
				t.Errorf("round trip changed %s:\n%s\n%s", name, a, b)
			}
		})
	}
}

func TestDecodeRefusesWhatItDoesNotKnow(t *testing.T) {
	enc, _ := Encode(map[string]any{"p": 1, "n": "x", "future_field": true})
	var p Push
	if err := Decode(enc, &p); err == nil {
		t.Error("a message with an unknown field was accepted")
	}
	if err := Decode([]byte("plain text"), &p); err == nil {
		t.Error("an uncompressed message was accepted")
	}
	for _, v := range []int{0, Version + 1} {
		if err := CheckVersion(v); err == nil || !strings.Contains(err.Error(), "upgrade") {
			t.Errorf("version %d: %v", v, err)
		}
	}
	if CheckVersion(Version) != nil {
		t.Error("the current version is refused")
	}
}

func TestSignedFiles(t *testing.T) {
	_, key, _ := ed25519.GenerateKey(nil)
	pub := key.Public().(ed25519.PublicKey)
	data, err := WriteFile(FilePush, "n1", &Push{Protocol: 1, NodeID: "n1"}, key)
	if err != nil {
		t.Fatal(err)
	}
	f, err := ReadFile(data, FilePush)
	if err != nil {
		t.Fatal(err)
	}
	var p Push
	if err := f.Open(pub, &p); err != nil || p.NodeID != "n1" {
		t.Fatalf("open: %v %+v", err, p)
	}
	f.Body[len(f.Body)-1] ^= 1
	if err := f.Open(pub, &p); err == nil {
		t.Error("an altered file opened")
	}
	if _, err := ReadFile(data, FileReply); err == nil {
		t.Error("a push file read as a reply")
	}
	if _, err := ReadFile([]byte(`{"format":"other"}`), FilePush); err == nil {
		t.Error("a foreign file was read")
	}
}

func TestManifestSignature(t *testing.T) {
	_, key, _ := ed25519.GenerateKey(nil)
	m := samples()["manifest"].(*Manifest)
	data, sig, err := SignManifest(m, key)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := VerifyManifest(data, sig, key.Public().(ed25519.PublicKey)); err != nil {
		t.Fatal(err)
	}
	data[10] ^= 1
	if _, err := VerifyManifest(data, sig, key.Public().(ed25519.PublicKey)); err == nil {
		t.Error("an altered manifest verified")
	}
}

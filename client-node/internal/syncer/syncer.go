// Package syncer is the station node's side of sync: enrollment, a sync round over HTTP (push,
// then pull), USB-file export and import, and the background loop. HTTP and file sync apply the
// center's reply through the same code (applyReply).
package syncer

import (
	"aula/sync/auditchain"
	"aula/sync/jws"
	"bytes"
	"context"
	"crypto/ed25519"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"aula/client-node/internal/store"
	"aula/sync/certificate"

	"aula/sync/auth"
	"aula/sync/protocol"
)

// Version is the node's software version, reported to the center.
var Version = "dev"

// ErrNotEnrolled is returned when a sync is attempted before aula-node enroll.
var ErrNotEnrolled = errors.New("this node is not enrolled yet: run aula-node enroll --server URL --token TOKEN")

// Node syncs one station node with its center.
type Node struct {
	Store     *store.Store
	Key       ed25519.PrivateKey
	CenterKey ed25519.PublicKey
	NodeID    string
	Server    string // center base URL
	DataDir   string
	HTTP      *http.Client
	Log       *slog.Logger
	// BatchRecords bounds the records of one HTTP push (protocol.MaxBatchRecords when 0).
	BatchRecords int
	// Station is "CODE — Name"; Endorsement and EndorsementSig are the center's statement that
	// this node's key speaks for the station (certificates carry them); PublicURL is where
	// certificates are verified.
	Station        string
	Endorsement    []byte
	EndorsementSig string
	PublicURL      string

	mu       sync.Mutex
	progress Progress
	trigger  chan struct{}
	speaks   int // the protocol version pushes state (0: protocol.Version); tests set a newer one
}

// protocol is the sync protocol version this node's pushes state.
func (n *Node) protocol() int {
	if n.speaks != 0 {
		return n.speaks
	}
	return protocol.Version
}

// Progress is what the status page shows while a sync runs.
type Progress struct {
	Running    bool   `json:"running"`
	Step       string `json:"step"`
	FilesDone  int    `json:"files_done"`
	FilesTotal int    `json:"files_total"`
}

// keyFile is where the node's private key lives in the data folder.
func keyFile(dir string) string { return filepath.Join(dir, "node.key") }

// Open loads an enrolled node's identity from its data folder.
func Open(ctx context.Context, st *store.Store, dir string, log *slog.Logger) (*Node, error) {
	id, err := st.Meta(ctx, store.MetaNodeID)
	if err != nil {
		return nil, err
	}
	if id == "" {
		return nil, ErrNotEnrolled
	}
	key, err := auth.LoadOrCreateKey(keyFile(dir))
	if err != nil {
		return nil, err
	}
	ck, err := st.Meta(ctx, store.MetaCenterKey)
	if err != nil {
		return nil, err
	}
	center, err := base64.StdEncoding.DecodeString(ck)
	if err != nil || len(center) != ed25519.PublicKeySize {
		return nil, fmt.Errorf("the pinned center key is damaged: enroll again")
	}
	server, err := st.Meta(ctx, store.MetaCenterURL)
	if err != nil {
		return nil, err
	}
	n := &Node{Store: st, Key: key, CenterKey: center, NodeID: id, Server: server, DataDir: dir,
		HTTP: &http.Client{Timeout: 2 * time.Minute}, Log: log, trigger: make(chan struct{}, 1)}
	code, _ := st.Meta(ctx, store.MetaStationCode)
	name, _ := st.Meta(ctx, store.MetaStationName)
	e, _ := st.Meta(ctx, store.MetaEndorsement)
	n.Station, n.Endorsement = code+" — "+name, []byte(e)
	n.EndorsementSig, _ = st.Meta(ctx, store.MetaEndorseSig)
	if n.PublicURL, _ = st.Meta(ctx, store.MetaPublicURL); n.PublicURL == "" {
		n.PublicURL = server
	}
	return n, nil
}

// Enroll registers this node with the center using the station's one-time token: the key pair
// is made here (the private key never leaves the data folder), and the center's key is pinned.
// It returns the center key's fingerprint for checking by phone.
//
// The key is made and stored (node.key, synced to disk) before the token is sent, and the
// center's answer is saved in one transaction. A crash (or a lost answer) after the center spent
// the token leaves the key and nothing else: enrolling again with the same token, or a new one of
// the same station, gets the same node back (the center knows the key).
func Enroll(ctx context.Context, st *store.Store, dir, server, token string, client *http.Client) (station, fingerprint string, err error) {
	if id, _ := st.Meta(ctx, store.MetaNodeID); id != "" {
		return "", "", fmt.Errorf("this node is already enrolled (node %s); use a new data folder to enroll again", id)
	}
	key, err := auth.LoadOrCreateKey(keyFile(dir))
	if err != nil {
		return "", "", err
	}
	server = strings.TrimRight(server, "/")
	body, _ := json.Marshal(protocol.EnrollRequest{Token: token, PublicKey: key.Public().(ed25519.PublicKey), NodeVersion: Version, Counters: true})
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, server+"/api/v1/nodes/enroll", bytes.NewReader(body))
	if err != nil {
		return "", "", err
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := client.Do(req)
	if err != nil {
		return "", "", fmt.Errorf("cannot reach the center at %s: %w", server, err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if resp.StatusCode != http.StatusOK {
		return "", "", fmt.Errorf("the center refused the enrollment (%d): %s", resp.StatusCode, errorText(data))
	}
	var r protocol.EnrollReply
	if err := json.Unmarshal(data, &r); err != nil || len(r.CenterPublicKey) != ed25519.PublicKeySize {
		return "", "", fmt.Errorf("the center's answer is not an enrollment reply")
	}
	if !protocol.Verify(r.CenterPublicKey, r.Endorsement, r.EndorsementSig) {
		return "", "", fmt.Errorf("the center's endorsement does not verify")
	}
	if err := st.SetMetas(ctx, map[string]string{
		store.MetaNodeID: r.NodeID, store.MetaStationCode: r.StationCode, store.MetaStationName: r.StationName,
		store.MetaCenterURL: server, store.MetaCenterKey: base64.StdEncoding.EncodeToString(r.CenterPublicKey),
		store.MetaEndorsement: string(r.Endorsement), store.MetaEndorseSig: r.EndorsementSig,
		store.MetaPublicURL: strings.TrimRight(r.PublicURL, "/"),
	}); err != nil {
		return "", "", fmt.Errorf("save the enrollment (enroll again with the same token: the center gives the same node back): %w", err)
	}
	return r.StationCode + " — " + r.StationName, auth.Fingerprint(r.CenterPublicKey), nil
}

// errorText extracts {"error": "..."} from a center answer.
func errorText(body []byte) string {
	var e struct {
		Error string `json:"error"`
	}
	if json.Unmarshal(body, &e) == nil && e.Error != "" {
		return e.Error
	}
	return strings.TrimSpace(string(body))
}

// push builds the next push message: unacknowledged records from the outbox (bounded) and the
// pull cursor.
func (n *Node) push(ctx context.Context, maxRecords, maxBytes int) (*protocol.Push, error) {
	recs, pending, err := n.Store.Unacked(ctx, maxRecords, maxBytes)
	if err != nil {
		return nil, err
	}
	cursor, err := n.Store.MetaInt(ctx, store.MetaCursor)
	if err != nil {
		return nil, err
	}
	reached, err := n.Store.CursorProtocol(ctx)
	if err != nil {
		return nil, err
	}
	p := &protocol.Push{Protocol: n.protocol(), NodeID: n.NodeID, NodeVersion: Version, NodeTime: n.Store.Now().Unix(),
		Pending: pending, Cursor: cursor, CursorProtocol: reached}
	for _, r := range recs {
		rec := protocol.Record{Seq: r.Seq, Kind: r.Kind}
		switch r.Kind {
		case protocol.KindAttempt:
			rec.Attempt = new(protocol.Attempt)
			err = json.Unmarshal(r.Payload, rec.Attempt)
		case protocol.KindLessonRead:
			rec.LessonRead = new(protocol.LessonRead)
			err = json.Unmarshal(r.Payload, rec.LessonRead)
			if p.Protocol < protocol.ReadingTimeVersion {
				rec.LessonRead.Seconds = nil // a center of that version refuses the field
			}
		case protocol.KindCert:
			rec.Cert = new(protocol.Cert)
			err = json.Unmarshal(r.Payload, rec.Cert)
		case protocol.KindWorkshopAttendance, protocol.KindWorkshopGuest, protocol.KindWorkshopClose:
			rec.Workshop = new(protocol.WorkshopFact)
			err = json.Unmarshal(r.Payload, rec.Workshop)
		}
		if err != nil {
			return nil, fmt.Errorf("outbox record %d is damaged: %w", r.Seq, err)
		}
		p.Records = append(p.Records, rec)
	}
	if p.Protocol >= protocol.EventsVersion { // an older center would refuse the field
		if p.Events, err = n.Store.UnsentEvents(ctx); err != nil {
			return nil, err
		}
	}
	return p, nil
}

func (n *Node) setProgress(f func(*Progress)) {
	n.mu.Lock()
	f(&n.progress)
	n.mu.Unlock()
}

// CurrentProgress returns what the running sync is doing.
func (n *Node) CurrentProgress() Progress {
	n.mu.Lock()
	defer n.mu.Unlock()
	return n.progress
}

// recordError keeps the last error for the status page, and which program the center said to
// upgrade (the page says it in the officer's language).
func (n *Node) recordError(err error) {
	if err != nil {
		_ = n.Store.SetMeta(context.Background(), store.MetaLastError, n.Store.Now().Format(time.RFC3339)+": "+err.Error())
		if ue := (*protocol.UpgradeError)(nil); errors.As(err, &ue) {
			_ = n.Store.SetMeta(context.Background(), store.MetaUpgrade, ue.Upgrade)
		}
	}
}

// applyReply is the one apply path for a center reply, over HTTP or from a file: it verifies
// every course manifest against the pinned center key, makes sure every course file is stored
// (fetch gets a missing one: a download, or the file reply's own copy), then applies the reply in
// one transaction.
//
// sentUpTo is the highest sequence this node has sent (in this push, or in an exported file):
// the acknowledgement is never taken beyond it, so a node whose store was restored from an
// older copy never counts as sent a record it made after the restore.
func (n *Node) applyReply(ctx context.Context, r *protocol.Reply, sentUpTo int64, fetch func(ctx context.Context, sha string, size int64) ([]byte, error)) error {
	if err := protocol.CheckVersion(r.Protocol); err != nil {
		return err
	}
	if r.NodeID != n.NodeID {
		return fmt.Errorf("this reply is for node %s, not this node (%s)", r.NodeID, n.NodeID)
	}
	pulled := store.PulledReply{Acked: min(r.Acked, sentUpTo), Cursor: r.Cursor, CenterTime: time.Unix(r.CenterTime, 0), Restarted: r.Restart,
		Protocol: r.Protocol, EventsAcked: r.EventsAcked}
	for _, ch := range r.Changes {
		switch ch.Kind {
		case protocol.ChangeRoster:
			pulled.Roster = []store.Officer{}
			for _, e := range ch.Roster {
				pulled.Roster = append(pulled.Roster, store.Officer{Badge: e.Badge, GivenNames: e.GivenNames, FamilyNames: e.FamilyNames, Rank: e.Rank, PINHash: e.PINHash,
					Commander: e.Commander})
			}
		case protocol.ChangeRequirements:
			if ch.Programme != nil {
				pulled.Programme = ch.Programme // sent whole: the last one stands
			}
		case protocol.ChangeWorkshop:
			if ch.Workshop != nil {
				pulled.Workshops = append(pulled.Workshops, *ch.Workshop)
			}
		case protocol.ChangeRevocation:
			if ch.Revocation != nil {
				pulled.Revocations = append(pulled.Revocations, *ch.Revocation)
			}
		case protocol.ChangeNodeRevocation:
			if ch.Revocation != nil {
				pulled.NodeRevocations = append(pulled.NodeRevocations, *ch.Revocation)
			}
		case protocol.ChangeUnlock:
			if ch.Revocation != nil {
				pulled.Unlocks = append(pulled.Unlocks, ch.Revocation.ID)
			}
		case protocol.ChangeCert:
			if ch.Cert == nil {
				continue
			}
			claims, _, err := certificate.Verify(ch.Cert.Token, n.CenterKey)
			if err != nil {
				return fmt.Errorf("certificate change %d: %w", ch.Seq, err)
			}
			if ch.Cert.OB3 != "" {
				var vc struct {
					Jti string `json:"jti"`
				}
				if err := jws.Verify(n.CenterKey, ch.Cert.OB3, &vc); err != nil || !strings.Contains(vc.Jti, "/certificates/"+claims.ID+"/") {
					return fmt.Errorf("certificate change %d: its Open Badges credential is not the center's for it", ch.Seq)
				}
			}
			pulled.Certs = append(pulled.Certs, store.Certificate{Claims: *claims, Token: ch.Cert.Token, AttemptID: ch.Cert.AttemptID, Origin: "center",
				OB3: ch.Cert.OB3})
		case protocol.ChangeCourse:
			if ch.Course == nil {
				continue
			}
			m, err := protocol.VerifyManifest(ch.Course.Manifest, ch.Course.Signature, n.CenterKey)
			if err != nil {
				return fmt.Errorf("course change %d: %w", ch.Seq, err)
			}
			if err := n.ensureFiles(ctx, m, fetch); err != nil {
				return err
			}
			pulled.Courses = append(pulled.Courses, store.PulledCourse{Manifest: m, Raw: ch.Course.Manifest, Sig: ch.Course.Signature})
		}
	}
	if r.AuditHead != nil {
		if err := auditchain.VerifyHead(n.CenterKey, *r.AuditHead); err != nil {
			return fmt.Errorf("the reply's audit head: %w", err)
		}
		pulled.AuditHead = r.AuditHead
	}
	for _, rj := range r.Rejected {
		n.Log.Warn("the center set a record aside", "seq", rj.Seq, "reason", rj.Reason)
	}
	pulled.Rejected = r.Rejected
	return n.Store.ApplyReply(ctx, pulled)
}

// ensureFiles stores every file of a course version the node does not hold yet.
func (n *Node) ensureFiles(ctx context.Context, m *protocol.Manifest, fetch func(ctx context.Context, sha string, size int64) ([]byte, error)) error {
	var missing []protocol.ManifestFile
	for _, f := range m.Files {
		has, err := n.Store.HasBlob(ctx, f.SHA256)
		if err != nil {
			return err
		}
		if !has {
			missing = append(missing, f)
		}
	}
	n.setProgress(func(p *Progress) {
		p.Step = "course " + m.CourseID
		p.FilesDone, p.FilesTotal = 0, len(missing)
	})
	for i, f := range missing {
		data, err := fetch(ctx, f.SHA256, f.Size)
		if err != nil {
			return fmt.Errorf("course %s: file %s: %w", m.CourseID, f.Path, err)
		}
		if err := n.Store.PutBlob(ctx, f.SHA256, data); err != nil {
			return fmt.Errorf("course %s: %w", m.CourseID, err)
		}
		n.setProgress(func(p *Progress) { p.FilesDone = i + 1 })
	}
	return nil
}

// partialFile is where an interrupted download is kept until it resumes.
func (n *Node) partialFile(sha string) string {
	return filepath.Join(n.DataDir, "downloads", sha+".part")
}

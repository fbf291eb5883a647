package syncer

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strconv"

	"aula/client-node/internal/store"
	"aula/sync/protocol"
)

// Round runs one full sync over HTTP: it pushes every unacknowledged record in bounded batches and
// pulls every change, until both are done. Each exchange is safe to interrupt at any point: the
// center applies a batch in one transaction and the node applies a reply in one transaction.
func (n *Node) Round(ctx context.Context) (err error) {
	n.setProgress(func(p *Progress) { *p = Progress{Running: true, Step: "push"} })
	defer func() {
		n.setProgress(func(p *Progress) { p.Running = false; p.Step = "" })
		n.recordError(err)
	}()
	for range 10000 {
		batch := n.BatchRecords
		if batch <= 0 || batch > protocol.MaxBatchRecords {
			batch = protocol.MaxBatchRecords
		}
		push, err := n.push(ctx, batch, protocol.MaxBatchBytes)
		if err != nil {
			return err
		}
		reply, err := n.exchange(ctx, push)
		if err != nil {
			return err
		}
		sent, err := n.Store.MetaInt(ctx, store.MetaAcked)
		if err != nil {
			return err
		}
		if len(push.Records) > 0 {
			sent = push.Records[len(push.Records)-1].Seq
		}
		if err := n.applyReply(ctx, reply, sent, n.download); err != nil {
			return err
		}
		if len(push.Records) > 0 {
			before := push.Records[0].Seq - 1
			last := push.Records[len(push.Records)-1].Seq
			switch {
			case reply.Acked < before:
				// The center knows less than it once acknowledged (restored from a backup):
				// the node sends those records again from the center's acknowledgement.
				n.Log.Warn("the center acknowledged fewer records than before; sending them again", "acked", reply.Acked, "was", before)
				continue
			case reply.Acked == before:
				return fmt.Errorf("the center did not accept record %d; see the center's log", before+1)
			case reply.Acked < last:
				continue
			}
		}
		if push.Pending > len(push.Records) || reply.More {
			continue
		}
		return nil
	}
	return errors.New("sync did not converge")
}

// exchange sends one signed push and returns the verified reply.
func (n *Node) exchange(ctx context.Context, push *protocol.Push) (*protocol.Reply, error) {
	body, err := protocol.Encode(push)
	if err != nil {
		return nil, err
	}
	resp, err := n.signedDo(ctx, http.MethodPost, "/api/v1/sync", body, http.Header{"Content-Type": {"application/x-aula-sync"}})
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, protocol.MaxMessage))
	if err != nil {
		return nil, fmt.Errorf("the connection dropped while reading the center's answer: %w", err)
	}
	switch {
	case resp.StatusCode == http.StatusUpgradeRequired:
		return nil, protocol.ParseUpgrade(data, push.Protocol)
	case resp.StatusCode != http.StatusOK:
		return nil, fmt.Errorf("the center answered %d: %s", resp.StatusCode, errorText(data))
	}
	if !protocol.Verify(n.CenterKey, data, resp.Header.Get(protocol.HeaderSignature)) {
		return nil, errors.New("the center's answer is not signed by the pinned center key")
	}
	var reply protocol.Reply
	if err := protocol.Decode(data, &reply); err != nil {
		return nil, err
	}
	return &reply, nil
}

// signedDo sends a request signed by the node's key with a new counter (docs/sync.md, "Replay").
// A center that has seen a higher counter (this node's store was restored from an older copy, or
// another process of this node got ahead) answers 409 with that counter, signed by the center:
// the node continues above it and sends the request once more.
func (n *Node) signedDo(ctx context.Context, method, path string, body []byte, header http.Header) (*http.Response, error) {
	for try := 0; ; try++ {
		counter, err := n.Store.NextCounter(ctx)
		if err != nil {
			return nil, err
		}
		var rd io.Reader
		if body != nil {
			rd = bytes.NewReader(body)
		}
		req, err := http.NewRequestWithContext(ctx, method, n.Server+path, rd)
		if err != nil {
			return nil, err
		}
		for k, v := range header {
			req.Header[k] = v
		}
		req.Header.Set(protocol.HeaderNode, n.NodeID)
		req.Header.Set(protocol.HeaderCounter, strconv.FormatInt(counter, 10))
		req.Header.Set(protocol.HeaderSignature, protocol.Sign(n.Key, protocol.RequestMessage(method, path, counter, body)))
		resp, err := n.HTTP.Do(req)
		if err != nil {
			return nil, fmt.Errorf("cannot reach the center: %w", err)
		}
		if resp.StatusCode != http.StatusConflict {
			return resp, nil
		}
		data, err := io.ReadAll(io.LimitReader(resp.Body, 4096))
		resp.Body.Close()
		if err != nil {
			return nil, fmt.Errorf("the connection dropped while reading the center's answer: %w", err)
		}
		var refusal struct {
			Counter int64 `json:"counter"`
		}
		if try > 0 || !protocol.Verify(n.CenterKey, data, resp.Header.Get(protocol.HeaderSignature)) ||
			json.Unmarshal(data, &refusal) != nil || refusal.Counter < counter {
			return nil, fmt.Errorf("the center answered %d: %s", resp.StatusCode, errorText(data))
		}
		n.Log.Warn("the center has seen higher request counters than this node's; continuing above them", "sent", counter, "center", refusal.Counter)
		if err := n.Store.RaiseCounter(ctx, refusal.Counter); err != nil {
			return nil, err
		}
	}
}

// download fetches a course file, resuming an interrupted download with a Range request, and
// checks it against its SHA-256.
func (n *Node) download(ctx context.Context, sha string, size int64) ([]byte, error) {
	part := n.partialFile(sha)
	if err := os.MkdirAll(filepath.Dir(part), 0o700); err != nil {
		return nil, err
	}
	f, err := os.OpenFile(part, os.O_CREATE|os.O_RDWR, 0o600)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	have, err := f.Seek(0, io.SeekEnd)
	if err != nil {
		return nil, err
	}
	if have > size {
		if err := f.Truncate(0); err != nil {
			return nil, err
		}
		have, _ = f.Seek(0, io.SeekStart)
	}
	if have < size {
		header := http.Header{}
		if have > 0 {
			header.Set("Range", "bytes="+strconv.FormatInt(have, 10)+"-")
		}
		resp, err := n.signedDo(ctx, http.MethodGet, "/api/v1/sync/blobs/"+sha, nil, header)
		if err != nil {
			return nil, err
		}
		defer resp.Body.Close()
		switch resp.StatusCode {
		case http.StatusPartialContent:
		case http.StatusOK:
			if err := f.Truncate(0); err != nil {
				return nil, err
			}
			if _, err := f.Seek(0, io.SeekStart); err != nil {
				return nil, err
			}
		default:
			data, _ := io.ReadAll(io.LimitReader(resp.Body, 4096))
			return nil, fmt.Errorf("the center answered %d: %s", resp.StatusCode, errorText(data))
		}
		// Whatever arrives is kept, even if the connection drops: the next try resumes from it.
		if _, err := io.Copy(f, io.LimitReader(resp.Body, size)); err != nil {
			return nil, fmt.Errorf("download interrupted (it will resume): %w", err)
		}
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return nil, err
	}
	data, err := io.ReadAll(f)
	if err != nil {
		return nil, err
	}
	sum := sha256.Sum256(data)
	if hex.EncodeToString(sum[:]) != sha {
		_ = f.Truncate(0)
		return nil, fmt.Errorf("downloaded file does not match its hash; it will be fetched again")
	}
	_ = os.Remove(part)
	return data, nil
}

// Status is the node's sync state for the status page and GET /api/v1/sync/status.
type Status struct {
	Enrolled       bool    `json:"enrolled"`
	Station        string  `json:"station,omitempty"`
	NodeID         string  `json:"node_id,omitempty"`
	Server         string  `json:"server,omitempty"`
	LastSuccess    *string `json:"last_success"`
	LastError      *string `json:"last_error"`
	Pending        int     `json:"pending"`
	ClockOffsetSec *int64  `json:"clock_offset_seconds"`
	ClockWarning   bool    `json:"clock_warning"`
	// Upgrade is which program the center said to upgrade at the last sync: "center" (this node
	// is newer; it keeps working offline) or "node"; empty once a sync succeeds.
	Upgrade  string   `json:"upgrade,omitempty"`
	Progress Progress `json:"progress"`
}

// ReadStatus reads the sync state of a node's store (enrolled or not).
func ReadStatus(ctx context.Context, st *store.Store, n *Node) (Status, error) {
	var s Status
	id, err := st.Meta(ctx, store.MetaNodeID)
	if err != nil {
		return s, err
	}
	s.Enrolled, s.NodeID = id != "", id
	code, _ := st.Meta(ctx, store.MetaStationCode)
	name, _ := st.Meta(ctx, store.MetaStationName)
	if code != "" {
		s.Station = code + " — " + name
	}
	s.Server, _ = st.Meta(ctx, store.MetaCenterURL)
	if v, _ := st.Meta(ctx, store.MetaLastSuccess); v != "" {
		s.LastSuccess = &v
	}
	if v, _ := st.Meta(ctx, store.MetaLastError); v != "" {
		s.LastError = &v
	}
	s.Upgrade, _ = st.Meta(ctx, store.MetaUpgrade)
	if v, _ := st.Meta(ctx, store.MetaClockOffset); v != "" {
		o, _ := strconv.ParseInt(v, 10, 64)
		s.ClockOffsetSec = &o
		s.ClockWarning = o > 300 || o < -300
	}
	_, pending, err := st.Unacked(ctx, 1, 1)
	if err != nil {
		return s, err
	}
	s.Pending = pending
	if n != nil {
		s.Progress = n.CurrentProgress()
	}
	return s, nil
}

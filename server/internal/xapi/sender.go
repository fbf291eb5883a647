package xapi

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"aula/server/internal/store"
)

// Sender fills the outbox from new records and delivers due statements to the LRS, with
// exponential back-off while it fails.
type Sender struct {
	Store          *store.Store
	Key            ed25519.PrivateKey
	Base           string // the center's public address
	URL            string // the LRS endpoint; statements go to URL/statements
	User, Password string
	Client         *http.Client
	Now            func() time.Time
	Log            *slog.Logger
}

// batch is how many statements one request carries.
const batch = 50

// maxBackoff bounds the wait between tries.
const maxBackoff = time.Hour

// Backoff is the wait after a statement's tries-th failed delivery: 10 s, doubling, up to an
// hour.
func Backoff(tries int) time.Duration {
	d := 10 * time.Second
	for range min(tries, 20) {
		d *= 2
		if d >= maxBackoff {
			return maxBackoff
		}
	}
	return d
}

// Fill queues a statement for every record that has none yet and returns how many it queued.
func (s *Sender) Fill(ctx context.Context) (int, error) {
	n := 0
	for {
		recs, err := s.Store.UnqueuedXAPI(ctx, 500)
		if err != nil || len(recs) == 0 {
			return n, err
		}
		sts := make([]store.XAPIStatement, 0, len(recs))
		for _, r := range recs {
			b, err := json.Marshal(Build(s.Base, s.Key, r))
			if err != nil {
				return n, err
			}
			sts = append(sts, store.XAPIStatement{ID: UUID5(r.Source), Source: r.Source, Statement: b})
		}
		added, err := s.Store.QueueXAPI(ctx, sts)
		if err != nil {
			return n, err
		}
		n += added
	}
}

// SendDue delivers every due statement, batch by batch, and returns how many were delivered.
// A failed batch is tried again after its back-off; the others go on.
func (s *Sender) SendDue(ctx context.Context) (int, error) {
	sent := 0
	for {
		due, err := s.Store.DueXAPI(ctx, s.Now(), batch)
		if err != nil || len(due) == 0 {
			return sent, err
		}
		ids := make([]string, len(due))
		body := make([]json.RawMessage, len(due))
		tries := 0
		for i, st := range due {
			ids[i], body[i] = st.ID, st.Statement
			tries = max(tries, st.Tries)
		}
		if err := s.post(ctx, body); err != nil {
			s.Log.Warn("xAPI: the LRS did not take the statements; trying again later", "statements", len(ids), "err", err)
			return sent, s.Store.XAPIFailed(ctx, ids, s.Now().Add(Backoff(tries)), err.Error())
		}
		if err := s.Store.XAPISent(ctx, ids); err != nil {
			return sent, err
		}
		sent += len(ids)
	}
}

func (s *Sender) post(ctx context.Context, statements []json.RawMessage) error {
	b, err := json.Marshal(statements)
	if err != nil {
		return err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, strings.TrimRight(s.URL, "/")+"/statements", bytes.NewReader(b))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Experience-API-Version", Version)
	if s.User != "" || s.Password != "" {
		req.SetBasicAuth(s.User, s.Password)
	}
	client := s.Client
	if client == nil {
		client = &http.Client{Timeout: 30 * time.Second}
	}
	resp, err := client.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	msg, _ := io.ReadAll(io.LimitReader(resp.Body, 512))
	if resp.StatusCode/100 != 2 {
		return fmt.Errorf("HTTP %d: %s", resp.StatusCode, strings.TrimSpace(string(msg)))
	}
	return nil
}

// Run fills and sends every interval until ctx ends.
func (s *Sender) Run(ctx context.Context, interval time.Duration) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		if _, err := s.Fill(ctx); err != nil && ctx.Err() == nil {
			s.Log.Error("xAPI: queueing statements", "err", err)
		} else if _, err := s.SendDue(ctx); err != nil && ctx.Err() == nil {
			s.Log.Error("xAPI: sending statements", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

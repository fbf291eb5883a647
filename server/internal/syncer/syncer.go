// Package syncer is the center's side of sync: enrollment, and the one apply path that HTTP sync
// and USB-file sync both go through (ADR: docs/sync.md).
package syncer

import (
	"aula/sync/auditchain"
	"context"
	"crypto/ed25519"
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"math"
	"runtime"
	"sync"
	"time"

	"aula/courses"
	"aula/courses/analysis"
	"aula/courses/coursepkg"
	"aula/server/internal/publish"
	"aula/server/internal/store"
	"aula/sync/auth"
	"aula/sync/certificate"
	"aula/sync/protocol"
)

// EndorsementValidity is how long a node's endorsement (the center's statement that the node
// speaks for its station) lasts; nodes renew it by enrolling again.
const EndorsementValidity = 2 * 365 * 24 * time.Hour

// Center applies what nodes send and answers with what they must take.
type Center struct {
	Store *store.Store
	Key   ed25519.PrivateKey
	Now   func() time.Time
	// PublicURL is where the public verifies certificates (sent to nodes at enrollment).
	PublicURL string
	// OB3 returns a confirmed certificate's Open Badges credential ("" for none), carried down
	// with the certificate to nodes of protocol version 5 on; nil: none carried.
	OB3 func(ctx context.Context, certID string) (string, error)

	mu      sync.Mutex
	courses map[courseKey]*coursepkg.Package // parsed, verified versions
	lessons map[string]lessonSet             // course id -> lessons of its versions (lessonPublished)
}

type courseKey struct {
	id      string
	version int
}

// auditHeadVersion is the protocol version whose replies carry the signed audit head and the
// certificates' Open Badges credentials.
const auditHeadVersion = 5

func (c *Center) pub() ed25519.PublicKey { return c.Key.Public().(ed25519.PublicKey) }

// Enroll spends a station's one-time token and registers the node's key.
func (c *Center) Enroll(ctx context.Context, req protocol.EnrollRequest) (*protocol.EnrollReply, error) {
	if len(req.PublicKey) != ed25519.PublicKeySize || req.Token == "" {
		return nil, courses.E(courses.Invalid, "enroll.bad_request")
	}
	// The code may come with or without its dashes and spaces, in any case; a token of an
	// earlier release is looked up as it is (auth.EnrollCodeHashes).
	var node *store.Node
	var err error
	for _, h := range auth.EnrollCodeHashes(req.Token) {
		node, err = c.Store.Enroll(ctx, store.Enrollment{TokenHash: h, NodeID: courses.NewID(),
			PublicKey: req.PublicKey, Version: req.NodeVersion, Counters: req.Counters})
		var de *courses.Error
		if !errors.As(err, &de) || de.ID != "enroll.token_invalid" {
			break
		}
	}
	if err != nil {
		return nil, err
	}
	now := c.Now()
	e, _ := json.Marshal(protocol.Endorsement{NodeID: node.ID, StationCode: node.StationCode, StationName: node.StationName,
		PublicKey: req.PublicKey, ValidFrom: now.Unix(), ValidUntil: now.Add(EndorsementValidity).Unix()})
	return &protocol.EnrollReply{NodeID: node.ID, StationCode: node.StationCode, StationName: node.StationName,
		CenterPublicKey: c.pub(), Endorsement: e, EndorsementSig: protocol.Sign(c.Key, e), PublicURL: c.PublicURL}, nil
}

// Authenticate returns the node that signed body (a USB sync file), refusing unknown and revoked
// nodes.
func (c *Center) Authenticate(ctx context.Context, nodeID string, body []byte, sig string) (*store.Node, error) {
	node, err := c.Store.FindNode(ctx, nodeID)
	if err != nil {
		return nil, courses.E(courses.Unauthorized, "node.not_enrolled")
	}
	if err := c.checkNode(node, body, sig); err != nil {
		return nil, err
	}
	return node, nil
}

// Apply is the one apply path: it applies a push (re-scoring every attempt) and builds the reply.
// The push is read as it is applied: a message that turns out malformed after its first records
// changes nothing. withBlobs adds the course files the node lacks (file sync; over HTTP the node
// downloads them). Apply checks no request counter (a USB file; see ApplyRequest).
func (c *Center) Apply(ctx context.Context, node *store.Node, push *protocol.PushReader, withBlobs bool) (*protocol.Reply, error) {
	reply, _, err := c.apply(ctx, node, store.NoCheck, push, withBlobs)
	return reply, err
}

// ApplyRequest applies a push received over HTTP with its request counter (AuthenticateRequest),
// which is checked and recorded in the push's transaction: a replayed push changes nothing. It
// also returns what the push did with its records.
func (c *Center) ApplyRequest(ctx context.Context, node *store.Node, counter store.Counter, push *protocol.PushReader) (*protocol.Reply, store.PushCounts, error) {
	return c.apply(ctx, node, counter, push, false)
}

func (c *Center) apply(ctx context.Context, node *store.Node, counter store.Counter, push *protocol.PushReader, withBlobs bool) (*protocol.Reply, store.PushCounts, error) {
	if err := protocol.CheckVersion(push.Protocol); err != nil {
		return nil, store.PushCounts{}, courses.E(courses.Invalid, "sync.invalid", err)
	}
	if push.NodeID != node.ID {
		return nil, store.PushCounts{}, courses.E(courses.Forbidden, "sync.wrong_node", push.NodeID, node.ID)
	}
	records, finish := c.prepare(node.ID, push, clockOffset(push, c.Now()))
	defer finish() // ends the reading even when the store gives up early
	res, err := c.Store.ApplyNodePush(ctx, node.ID, counter, records, func() (store.SyncInfo, error) {
		if err := finish(); err != nil {
			return store.SyncInfo{}, courses.E(courses.Invalid, "sync.invalid", err)
		}
		return store.SyncInfo{Protocol: push.Protocol, NodeVersion: push.NodeVersion, NodeTime: time.Unix(push.NodeTime, 0), Pending: push.Pending, Cursor: push.Cursor}, nil
	})
	if err != nil {
		return nil, store.PushCounts{}, err
	}
	// The reply speaks the push's version: an older node reads it as it reads its own center's.
	reply := &protocol.Reply{Protocol: push.Protocol, NodeID: node.ID, Acked: res.Acked, CenterTime: c.Now().Unix(), Cursor: push.Cursor}
	for _, r := range res.Rejected {
		reply.Rejected = append(reply.Rejected, protocol.Rejected{Seq: r.Seq, Reason: r.Reason})
	}
	if push.Protocol >= protocol.EventsVersion {
		// The node's chained events, checked and stored once each (docs/evidence.md); a push
		// replayed or sent twice acknowledges the same ones again.
		if reply.EventsAcked, err = c.Store.AddNodeEvents(ctx, node.ID, push.Events); err != nil {
			return nil, store.PushCounts{}, err
		}
	}
	if err := c.addChanges(ctx, node, reply, push.Cursor, push.Protocol, push.CursorProtocol); err != nil {
		return nil, store.PushCounts{}, err
	}
	if push.Protocol >= auditHeadVersion {
		seq, hash, err := c.Store.AuditHead(ctx)
		if err != nil {
			return nil, store.PushCounts{}, err
		}
		h := auditchain.SignHead(c.Key, seq, hash)
		reply.AuditHead = &h
	}
	if withBlobs {
		if err := c.addBlobs(ctx, reply, push.Have); err != nil {
			return nil, store.PushCounts{}, err
		}
	}
	return reply, res.PushCounts, nil
}

// slot is one record on its way from the message to the store.
type slot struct {
	rec   protocol.Record
	in    store.Incoming
	ready chan struct{} // closed once in is prepared
}

// prepare decodes the push's records in one goroutine, re-scores them on every core, and yields
// them in sequence order as they become ready: the store writes record i while later records are
// still being decoded and scored. Records must arrive sorted by sequence (the node sends its
// outbox in order); a record out of order simply ends the contiguous run the store applies.
// finish waits until the whole message is read and returns its first error; it may be called
// more than once.
func (c *Center) prepare(nodeID string, push *protocol.PushReader, offset *int64) (records iter.Seq[store.Incoming], finish func() error) {
	order := make(chan *slot, 64) // to the store, in sequence order
	work := make(chan *slot, 64)  // to the scoring workers
	read := make(chan error, 1)
	go func() {
		for rec, ok := push.Next(); ok; rec, ok = push.Next() {
			s := &slot{rec: rec, ready: make(chan struct{})}
			work <- s
			order <- s
		}
		close(work)
		close(order)
		read <- push.Finish()
	}()
	for range runtime.NumCPU() {
		go func() {
			for s := range work {
				s.in = c.prepareOne(nodeID, s.rec, offset)
				close(s.ready)
			}
		}()
	}
	records = func(yield func(store.Incoming) bool) {
		for s := range order {
			<-s.ready
			if !yield(s.in) {
				return
			}
		}
	}
	var once sync.Once
	var err error
	finish = func() error {
		once.Do(func() {
			for range order { // records the store did not take (it stopped at a gap)
			}
			err = <-read
		})
		return err
	}
	return records, finish
}

// clockOffset is the node's clock minus the center's, in seconds, as the push shows it before its
// records (every node writes its time first); nil when it does not. It is kept with each attempt
// of the push, for due-date judgements.
func clockOffset(push *protocol.PushReader, now time.Time) *int64 {
	if push.NodeTime == 0 {
		return nil
	}
	d := push.NodeTime - now.Unix()
	return &d
}

func (c *Center) prepareOne(nodeID string, r protocol.Record, offset *int64) store.Incoming {
	in := store.Incoming{Seq: r.Seq, Kind: r.Kind, Payload: func() string { b, _ := json.Marshal(r); return string(b) }}
	switch {
	case r.Kind == protocol.KindAttempt && r.Attempt != nil:
		a := r.Attempt
		pkg, err := c.Course(context.Background(), a.Course, a.Version)
		if err != nil || pkg.Course.Quiz == nil {
			in.Reject = fmt.Sprintf("course %s version %d is not published on this center", a.Course, a.Version)
			return in
		}
		canon, ok := courses.SplitResponses(a.Responses)
		if a.ID == "" || a.Secret == "" || len(a.Responses) > 64<<10 || !ok {
			in.Reject = "malformed attempt"
			return in
		}
		// One score gives the attempt's result and the per-question items item analysis reads.
		res, items := analysis.ScoreEncoded(pkg.Course.Quiz, courses.AttemptSeed(a.ID, a.Secret), canon, nil)
		in.Attempt = &store.IncomingAttempt{ID: a.ID, Badge: a.Badge, CourseID: a.Course, Version: a.Version, Secret: a.Secret,
			Responses: string(a.Responses), Started: time.Unix(a.Started, 0), Submitted: time.Unix(a.Submitted, 0), TimedOut: a.TimedOut,
			NodeScore: a.Score, Score: res.Score, Passed: res.Passed, Mismatch: math.Abs(res.Score-a.Score) > 0.005, ClockOffset: offset,
			Items: items}
	case r.Kind == protocol.KindCert && r.Cert != nil:
		claims, _, err := certificate.Verify(r.Cert.Token, c.pub())
		switch {
		case err != nil:
			in.Reject = "certificate refused: " + err.Error()
		case claims.NodeID != nodeID:
			in.Reject = fmt.Sprintf("certificate %s was issued by node %q, not by the node that sent it", claims.Code, claims.NodeID)
		default:
			// The store countersigns it once it has checked it against the attempt (item 2 of
			// docs/certificates.md): only then is it confirmed.
			in.Cert = &store.NewCertificate{Claims: *claims, Token: r.Cert.Token, AttemptID: r.Cert.AttemptID,
				Countersign: func(cl certificate.Claims, station string) string { return certificate.Countersign(cl, station, c.Key) }}
		}
	case r.Kind == protocol.KindLessonRead && r.LessonRead != nil:
		c.prepareRead(r.LessonRead, &in)
	case (r.Kind == protocol.KindWorkshopAttendance || r.Kind == protocol.KindWorkshopGuest || r.Kind == protocol.KindWorkshopClose) && r.Workshop != nil:
		in.Workshop = r.Workshop
	default:
		in.Reject = fmt.Sprintf("unknown record kind %q: upgrade the center", r.Kind)
	}
	return in
}

// ConfirmEarlier checks, once, the station certificates an earlier release of the center accepted
// without checking them: it countersigns the ones backed by their attempts and marks the others
// refused (docs/certificates.md). Called at start-up.
func (c *Center) ConfirmEarlier(ctx context.Context) (confirmed, refused int, err error) {
	return c.Store.ConfirmEarlier(ctx, func(cl certificate.Claims, station string) string { return certificate.Countersign(cl, station, c.Key) })
}

// Course returns a published version, parsed and verified once.
func (c *Center) Course(ctx context.Context, id string, version int) (*coursepkg.Package, error) {
	key := courseKey{id, version}
	c.mu.Lock()
	if c.courses == nil {
		c.courses = map[courseKey]*coursepkg.Package{}
	}
	pkg := c.courses[key]
	c.mu.Unlock()
	if pkg != nil {
		return pkg, nil
	}
	pkg, err := publish.Load(ctx, c.Store, c.pub(), id, version)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	c.courses[key] = pkg
	c.mu.Unlock()
	return pkg, nil
}

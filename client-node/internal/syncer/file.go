package syncer

import (
	"context"
	"fmt"
	"math"
	"strconv"

	"aula/client-node/internal/store"
	"aula/sync/protocol"
)

// Export writes everything the center has not acknowledged, with the pull cursor and the list of
// course files the node holds, into one file signed by the node's key.
func (n *Node) Export(ctx context.Context) ([]byte, int, error) {
	push, err := n.push(ctx, math.MaxInt32, math.MaxInt32)
	if err != nil {
		return nil, 0, err
	}
	if push.Have, err = n.Store.BlobHashes(ctx); err != nil {
		return nil, 0, err
	}
	data, err := protocol.WriteFile(protocol.FilePush, n.NodeID, push, n.Key)
	if err != nil {
		return nil, 0, err
	}
	if len(push.Records) > 0 {
		last := push.Records[len(push.Records)-1].Seq
		if prev, err := n.Store.MetaInt(ctx, store.MetaExported); err != nil || prev < last {
			if err := n.Store.SetMeta(ctx, store.MetaExported, strconv.FormatInt(last, 10)); err != nil {
				return nil, 0, err
			}
		}
	}
	return data, len(push.Records), nil
}

// Import applies a reply file from the center, through the same path as an HTTP reply. A file
// for another node, an altered file or a file from another center is refused; importing a file
// twice or after a newer one changes nothing.
func (n *Node) Import(ctx context.Context, data []byte) (string, error) {
	f, err := protocol.ReadFile(data, protocol.FileReply)
	if err != nil {
		return "", err
	}
	if f.NodeID != n.NodeID {
		return "", fmt.Errorf("this reply file is for node %s, not this node (%s): it was made for another station", f.NodeID, n.NodeID)
	}
	var reply protocol.Reply
	if err := f.Open(n.CenterKey, &reply); err != nil {
		return "", err
	}
	before, err := n.Store.MetaInt(ctx, store.MetaAcked)
	if err != nil {
		return "", err
	}
	cursor, err := n.Store.MetaInt(ctx, store.MetaCursor)
	if err != nil {
		return "", err
	}
	fetch := func(_ context.Context, sha string, _ int64) ([]byte, error) {
		if b, ok := reply.Blobs[sha]; ok {
			return b, nil
		}
		return nil, fmt.Errorf("the reply file lacks this course file; export again and bring a new reply")
	}
	sent, err := n.Store.MetaInt(ctx, store.MetaExported)
	if err != nil {
		return "", err
	}
	if err := n.applyReply(ctx, &reply, sent, fetch); err != nil {
		n.recordError(err)
		return "", err
	}
	fresh := 0 // changes after the node's cursor: the others were applied before
	for _, ch := range reply.Changes {
		if ch.Seq > cursor || reply.Restart {
			fresh++
		}
	}
	summary := fmt.Sprintf("center acknowledged records up to %d (before: %d); %d changes applied, %d already applied; %d records set aside by the center",
		reply.Acked, before, fresh, len(reply.Changes)-fresh, len(reply.Rejected))
	return summary, nil
}

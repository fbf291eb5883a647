package syncer

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"aula/server/internal/store"
	"aula/sync/protocol"
)

// addChanges puts the changes after cursor into the reply (at most protocol.MaxChanges). Old
// course versions are skipped (only the newest is installed) and the roster is sent once, as it
// is now: applying a change twice is harmless. The highest change sent is noted before the reply
// goes out; when that fails there is no reply (an error): a node holding changes the center does
// not know it sent would be sent everything again.
//
// version is the protocol version the node speaks: a change of a kind it does not know is left
// out (its cursor moves past it). cursorVersion is the version the node spoke when it reached
// cursor: when it is lower, the feed is read again from the first change left out then
// (docs/sync.md, "Rolling upgrades").
func (c *Center) addChanges(ctx context.Context, node *store.Node, reply *protocol.Reply, cursor int64, version, cursorVersion int) (err error) {
	if cursor > node.SentCursor {
		// The node has applied changes this center never sent it as far as its store knows: the
		// center was restored from an older backup (new changes may even reuse those numbers).
		// Send everything again; applying a change twice changes nothing.
		cursor, reply.Cursor, reply.Restart = 0, 0, true
	}
	if cursor, err = c.rewind(ctx, node, cursor, version, cursorVersion); err != nil {
		return err
	}
	reply.Cursor = cursor
	list, err := c.Store.ChangesSince(ctx, node.StationID, cursor, protocol.MaxChanges)
	if err != nil {
		return err
	}
	reply.More = len(list) == protocol.MaxChanges
	var latest map[string]int
	for _, ch := range list {
		if ch.Kind == "course" {
			if latest, err = c.Store.NewestVersions(ctx); err != nil {
				return err
			}
			break
		}
	}
	defer func() {
		if err == nil && (reply.Cursor > node.SentCursor || reply.Restart) {
			if err = c.Store.RecordSent(ctx, node.ID, reply.Cursor); err != nil {
				err = fmt.Errorf("note the changes sent to node %s: %w", node.ID, err)
			}
		}
	}()
	rosterSent, programmeSent := false, false
	for _, ch := range list {
		reply.Cursor = ch.Seq
		if protocol.ChangeVersion(ch.Kind) > version {
			continue // sent again once the node speaks a version that knows it
		}
		switch ch.Kind {
		case "course":
			id, ver, _ := strings.Cut(ch.Ref, "/")
			n, _ := strconv.Atoi(ver)
			if latest[id] != n {
				continue
			}
			v, err := c.Store.FindVersion(ctx, id, n)
			if err != nil {
				return err
			}
			reply.Changes = append(reply.Changes, protocol.Change{Seq: ch.Seq, Kind: protocol.ChangeCourse,
				Course: &protocol.CourseChange{Manifest: v.Manifest, Signature: v.Signature}})
		case "roster":
			if rosterSent {
				continue
			}
			rosterSent = true
			roster, err := c.Store.Roster(ctx, node.StationID)
			if err != nil {
				return err
			}
			entries := make([]protocol.RosterEntry, 0, len(roster))
			for _, r := range roster {
				e := protocol.RosterEntry{Badge: r.Badge, GivenNames: r.GivenNames, FamilyNames: r.FamilyNames, Rank: r.Rank, PINHash: r.PINHash}
				if version >= 3 { // an older node refuses the field (docs/sync.md, "Programme")
					e.Commander = r.Commander
				}
				entries = append(entries, e)
			}
			reply.Changes = append(reply.Changes, protocol.Change{Seq: ch.Seq, Kind: protocol.ChangeRoster, Roster: entries})
		case store.ChangeRequirements:
			if programmeSent {
				continue
			}
			programmeSent = true
			pg, err := c.programme(ctx, node)
			if err != nil {
				return err
			}
			reply.Changes = append(reply.Changes, protocol.Change{Seq: ch.Seq, Kind: protocol.ChangeRequirements, Programme: pg})
		case store.ChangeWorkshop:
			w, err := c.workshop(ctx, ch.Ref)
			if err != nil {
				return err
			}
			reply.Changes = append(reply.Changes, protocol.Change{Seq: ch.Seq, Kind: protocol.ChangeWorkshop, Workshop: w})
		case "certificate":
			cert, err := c.Store.FindCertificate(ctx, ch.Ref)
			if err != nil {
				return err
			}
			pc := &protocol.Cert{Token: cert.Token, AttemptID: cert.AttemptID}
			if version >= auditHeadVersion && c.OB3 != nil {
				if pc.OB3, err = c.OB3(ctx, cert.ID); err != nil {
					return err
				}
			}
			reply.Changes = append(reply.Changes, protocol.Change{Seq: ch.Seq, Kind: protocol.ChangeCert, Cert: pc})
		case "node_revocation":
			n, err := c.Store.FindNode(ctx, ch.Ref)
			if err != nil {
				return err
			}
			reply.Changes = append(reply.Changes, protocol.Change{Seq: ch.Seq, Kind: protocol.ChangeNodeRevocation,
				Revocation: &protocol.RevokedCert{ID: n.ID, RevokedAt: n.RevokedAt.Unix()}})
		case store.ChangeUnlock:
			reply.Changes = append(reply.Changes, protocol.Change{Seq: ch.Seq, Kind: protocol.ChangeUnlock,
				Revocation: &protocol.RevokedCert{ID: ch.Ref}})
		case "revocation":
			at, reason, err := c.Store.RevocationOf(ctx, ch.Ref)
			if err != nil {
				return err
			}
			reply.Changes = append(reply.Changes, protocol.Change{Seq: ch.Seq, Kind: protocol.ChangeRevocation,
				Revocation: &protocol.RevokedCert{ID: ch.Ref, RevokedAt: at.Unix(), Reason: reason}})
		}
	}
	return nil
}

// rewind returns where a node that upgraded reads the feed from: before the first change at or
// below its cursor of a kind the version it spoke then did not know (the center left those out);
// cursor itself when there is none. The node takes the reply's lower cursor because it knows its
// cursor was reached in an older version (it says so in every push until it applied a reply in
// its own version), so a lost reply only makes the next push ask again.
func (c *Center) rewind(ctx context.Context, node *store.Node, cursor int64, version, cursorVersion int) (int64, error) {
	cursorVersion = max(cursorVersion, protocol.MinVersion)
	if cursor == 0 || cursorVersion >= version {
		return cursor, nil
	}
	var kinds []string
	for _, k := range protocol.ChangeKinds {
		if v := protocol.ContentVersion(k); v > cursorVersion && v <= version {
			kinds = append(kinds, k)
		}
	}
	first, ok, err := c.Store.FirstChangeOf(ctx, node.StationID, kinds, cursor)
	if err != nil || !ok {
		return cursor, err
	}
	return first - 1, nil
}

// addBlobs adds to a file reply every file of the reply's course versions that the node lacks.
func (c *Center) addBlobs(ctx context.Context, reply *protocol.Reply, have []string) error {
	held := map[string]bool{}
	for _, h := range have {
		held[h] = true
	}
	for _, ch := range reply.Changes {
		if ch.Course == nil {
			continue
		}
		m, err := protocol.VerifyManifest(ch.Course.Manifest, ch.Course.Signature, c.pub())
		if err != nil {
			return err
		}
		v, err := c.Store.FindVersion(ctx, m.CourseID, m.Version)
		if err != nil {
			return err
		}
		files, err := c.Store.VersionFiles(ctx, v.ID)
		if err != nil {
			return err
		}
		for _, f := range m.Files {
			if held[f.SHA256] {
				continue
			}
			if reply.Blobs == nil {
				reply.Blobs = map[string][]byte{}
			}
			reply.Blobs[f.SHA256] = files[f.Path]
			held[f.SHA256] = true
		}
	}
	return nil
}

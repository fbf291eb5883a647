package store

import (
	"context"
	"database/sql"
	"errors"
)

// writeJob is one write waiting for the group commit: a node's push, or the note of the changes
// sent to a node.
type writeJob struct {
	apply func(tx *sql.Tx, ps *pushStmts) writeRes
	done  chan writeRes
}

// writeRes is what a job returns once its transaction is committed (or failed).
type writeRes struct {
	push PushResult
	err  error
}

// maxGroup bounds how many jobs share one transaction.
const maxGroup = 128

// grouped runs apply in the next group transaction and returns its result once that transaction
// is committed, starting the group committer on first use.
func (s *Store) grouped(apply func(tx *sql.Tx, ps *pushStmts) writeRes) writeRes {
	s.pushOnce.Do(func() {
		s.pushes = make(chan *writeJob)
		s.pushDone = make(chan struct{})
		go s.groupCommit()
	})
	job := &writeJob{apply: apply, done: make(chan writeRes, 1)}
	select {
	case s.pushes <- job:
		return <-job.done
	case <-s.pushDone:
		return writeRes{err: errors.New("the store is closed")}
	}
}

// groupCommit applies the writes of every node that syncs at the same moment in one transaction
// (each in its own savepoint, so one node's failure touches no other), and so pays for one
// synchronous disk write instead of one per node: with a thousand stations syncing at once the
// last one no longer waits for a thousand disk flushes. A write is acknowledged only after the
// commit.
func (s *Store) groupCommit() {
	for {
		var first *writeJob
		select {
		case first = <-s.pushes:
		case <-s.pushDone:
			return
		}
		batch := []*writeJob{first}
	gather:
		for len(batch) < maxGroup {
			select {
			case j := <-s.pushes:
				batch = append(batch, j)
			default:
				break gather
			}
		}
		results := make([]writeRes, len(batch))
		newAttempts := false
		// Every reference a push writes (officer, station, node) is read in this transaction
		// first, so the foreign-key checks are off for it (see sqlitedb.TxTrusted).
		err := s.db.TxTrusted(context.Background(), func(tx *sql.Tx) error {
			ps := &pushStmts{tx: tx, rowsWritten: s.db.rowsWritten()} // prepared by the first push that needs them
			defer func() { newAttempts = ps.newAttempts }()
			defer ps.close()
			if len(batch) == 1 {
				// Alone in its transaction, a job needs no savepoint: its failure rolls back the
				// whole transaction, and a savepoint would copy every page it touches to the
				// statement journal first.
				results[0] = first.apply(tx, ps)
				return results[0].err
			}
			for i, j := range batch {
				if _, err := tx.Exec(`SAVEPOINT push`); err != nil {
					return err
				}
				results[i] = j.apply(tx, ps)
				release := `RELEASE push`
				if results[i].err != nil {
					release = `ROLLBACK TO push; RELEASE push`
				}
				if _, err := tx.Exec(release); err != nil {
					return err
				}
			}
			return nil
		})
		if err == nil && newAttempts {
			s.attemptGen.Add(1) // after the commit: an analysis computed from now on sees the attempts
		}
		for i, j := range batch {
			if err != nil && results[i].err == nil {
				results[i] = writeRes{err: err}
			}
			j.done <- results[i]
		}
	}
}

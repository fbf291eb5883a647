package service

import (
	"context"

	"aula/courses"
	"aula/courses/analysis"
	"aula/server/internal/store"
)

// backfillBatch is how many attempts one backfill transaction scores and writes.
const backfillBatch = 1000

// BackfillItems scores once every attempt received before the center kept each attempt's items
// (migration 0020), a batch of attempts per transaction, so that item analysis reads precomputed
// rows. It returns how many attempts it scored. The server runs it at start-up; an analysis of a
// version it has not reached yet scores that version's first.
func (z *Analyzer) BackfillItems(ctx context.Context) (int, error) {
	versions, err := z.Store.UnscoredVersions(ctx)
	if err != nil {
		return 0, err
	}
	total := 0
	for _, v := range versions {
		pkg, err := z.Course(ctx, v.CourseID, v.Version)
		if err != nil || pkg.Course.Quiz == nil {
			continue // not published here (the syncer refuses such attempts): nothing to score with
		}
		n, err := z.backfillVersion(ctx, v, pkg.Course.Quiz)
		total += n
		if err != nil {
			return total, err
		}
	}
	return total, nil
}

// backfillVersion scores the attempts of one version that have no items yet, with the rules the
// push path applies (analysis.Score): a response set that does not split scores as unanswered.
func (z *Analyzer) backfillVersion(ctx context.Context, v store.VersionKey, q *courses.Quiz) (int, error) {
	total, after := 0, ""
	for {
		batch, err := z.Store.UnscoredAttempts(ctx, v, after, backfillBatch)
		if err != nil || len(batch) == 0 {
			return total, err
		}
		out := make(map[string][]byte, len(batch))
		for _, u := range batch {
			canon, ok := courses.SplitResponses([]byte(u.Responses))
			if !ok {
				canon = nil
			}
			_, out[u.ID] = analysis.ScoreEncoded(q, courses.AttemptSeed(u.ID, u.Secret), canon, nil)
		}
		if err := z.Store.SetAttemptItems(ctx, out); err != nil {
			return total, err
		}
		total += len(batch)
		after = batch[len(batch)-1].ID
	}
}

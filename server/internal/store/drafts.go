package store

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"

	"aula/courses"
	"aula/internal/sqlitedb"
)

// Draft states.
const (
	DraftEditing  = "editing"  // authors may change its files
	DraftReview   = "review"   // submitted: locked until approved or returned
	DraftApproved = "approved" // published as PublishedVersion; closed
)

// Draft is a course folder being written in the browser (see migration 0018).
type Draft struct {
	ID               string
	CourseID         string
	BaseVersion      int // the published version it started from; 0 for a new course
	Status           string
	Revision         int64 // counts every change; a file's revision is the draft revision that wrote it
	CreatedBy        string
	CreatedAt        time.Time
	UpdatedAt        time.Time
	SubmittedBy      string
	SubmittedAt      time.Time
	ApprovedBy       string
	ApprovedAt       time.Time
	PublishedVersion int
	Files            []DraftFileInfo // sorted by path (FindDraft only)
}

// DraftFileInfo describes one file of a draft.
type DraftFileInfo struct {
	Path      string
	Size      int64
	Revision  int64
	UpdatedBy string
	UpdatedAt time.Time
}

// DraftFilter selects drafts; empty fields select everything.
type DraftFilter struct {
	Status   string // editing, review or approved; "" = editing and review
	CourseID string
	Author   string // who created it
}

// DraftComment is what a reviewer wrote when returning a draft.
type DraftComment struct {
	ID     string
	Author string
	Body   string
	File   string // "" for the draft as a whole
	Line   int
	At     time.Time
}

// FileChange is one file written (Data non-nil) or removed (Data nil) by WriteDraftFiles.
// BaseRevision is the file revision the author edited: 0 means "the file did not exist", -1
// skips the check (the whole change is then guarded by WriteDraftFiles' draft revision).
type FileChange struct {
	Path         string
	Data         []byte
	BaseRevision int64
}

// CreateDraft stores a new draft with its files (each at revision 1) and audits it.
func (s *Store) CreateDraft(ctx context.Context, d *Draft, files map[string][]byte, actor, detail string) error {
	now := s.now().UTC()
	d.Status, d.Revision, d.CreatedBy, d.CreatedAt, d.UpdatedAt = DraftEditing, 1, actor, now, now
	at := now.Format(time.RFC3339)
	return s.tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.Exec(`INSERT INTO drafts (id, course_id, base_version, status, revision, created_by, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, d.ID, d.CourseID, d.BaseVersion, d.Status, d.Revision, actor, at, at); err != nil {
			return err
		}
		for p, data := range files {
			if _, err := tx.Exec(`INSERT INTO draft_files (draft_id, path, data, revision, updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?)`,
				d.ID, p, data, d.Revision, actor, at); err != nil {
				return err
			}
		}
		return auditOn(tx, at, actor, "draft.create", d.ID, d.CourseID+" "+detail)
	})
}

const draftCols = `id, course_id, base_version, status, revision, created_by, created_at, updated_at, submitted_by, submitted_at,
	approved_by, approved_at, published_version`

func scanDraft(row interface{ Scan(...any) error }) (*Draft, error) {
	var d Draft
	var created, updated, submitted, approved string
	if err := row.Scan(&d.ID, &d.CourseID, &d.BaseVersion, &d.Status, &d.Revision, &d.CreatedBy, &created, &updated,
		&d.SubmittedBy, &submitted, &d.ApprovedBy, &approved, &d.PublishedVersion); err != nil {
		return nil, err
	}
	d.CreatedAt, d.UpdatedAt, d.SubmittedAt, d.ApprovedAt = parseTime(created), parseTime(updated), parseTime(submitted), parseTime(approved)
	return &d, nil
}

// FindDraft returns a draft with the list of its files, or a NotFound error.
func (s *Store) FindDraft(ctx context.Context, id string) (*Draft, error) {
	d, err := scanDraft(s.db.Read.QueryRowContext(ctx, `SELECT `+draftCols+` FROM drafts WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, courses.E(courses.NotFound, "draft.unknown")
	}
	if err != nil {
		return nil, err
	}
	d.Files, err = sqlitedb.QueryAll(ctx, s.db.Read, func(rows *sql.Rows) (f DraftFileInfo, err error) {
		var at string
		err = rows.Scan(&f.Path, &f.Size, &f.Revision, &f.UpdatedBy, &at)
		f.UpdatedAt = parseTime(at)
		return f, err
	}, `SELECT path, length(data), revision, updated_by, updated_at FROM draft_files WHERE draft_id = ? ORDER BY path`, id)
	return d, err
}

// ListDrafts returns the drafts f selects, most recently changed first (at most 200).
func (s *Store) ListDrafts(ctx context.Context, f DraftFilter) ([]Draft, error) {
	q := `SELECT ` + draftCols + ` FROM drafts WHERE 1 = 1`
	var args []any
	if f.Status == "" {
		q += ` AND status IN (?, ?)`
		args = append(args, DraftEditing, DraftReview)
	} else {
		q += ` AND status = ?`
		args = append(args, f.Status)
	}
	if f.CourseID != "" {
		q += ` AND course_id = ?`
		args = append(args, f.CourseID)
	}
	if f.Author != "" {
		q += ` AND created_by = ?`
		args = append(args, f.Author)
	}
	return sqlitedb.QueryAll(ctx, s.db.Read, func(rows *sql.Rows) (Draft, error) {
		d, err := scanDraft(rows)
		if err != nil {
			return Draft{}, err
		}
		return *d, nil
	}, q+` ORDER BY updated_at DESC, id LIMIT 200`, args...)
}

// DraftFile returns one file of a draft and its revision, or a NotFound error.
func (s *Store) DraftFile(ctx context.Context, id, path string) ([]byte, int64, error) {
	var data []byte
	var rev int64
	err := s.db.Read.QueryRowContext(ctx, `SELECT data, revision FROM draft_files WHERE draft_id = ? AND path = ?`, id, path).Scan(&data, &rev)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, 0, courses.E(courses.NotFound, "err.no_file", path)
	}
	return data, rev, err
}

// DraftFiles returns every file of a draft with its contents, and the draft's revision they
// belong to (one consistent snapshot).
func (s *Store) DraftFiles(ctx context.Context, id string) (map[string][]byte, int64, error) {
	out := map[string][]byte{}
	var rev int64
	tx, err := s.db.Read.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, 0, err
	}
	defer tx.Rollback()
	err = func() error {
		if err := tx.QueryRow(`SELECT revision FROM drafts WHERE id = ?`, id).Scan(&rev); errors.Is(err, sql.ErrNoRows) {
			return courses.E(courses.NotFound, "draft.unknown")
		} else if err != nil {
			return err
		}
		rows, err := tx.Query(`SELECT path, data FROM draft_files WHERE draft_id = ?`, id)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var p string
			var data []byte
			if err := rows.Scan(&p, &data); err != nil {
				return err
			}
			out[p] = data
		}
		return rows.Err()
	}()
	return out, rev, err
}

// lockDraft reads a draft's status and revision inside a write transaction and refuses changes
// unless it is in state want.
func lockDraft(tx *sql.Tx, id, want string) (*Draft, error) {
	d, err := scanDraft(tx.QueryRow(`SELECT `+draftCols+` FROM drafts WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, courses.E(courses.NotFound, "draft.unknown")
	}
	if err != nil {
		return nil, err
	}
	if d.Status != want {
		return d, DraftStatusError(d.Status)
	}
	return d, nil
}

// DraftStatusError is the Conflict of acting on a draft in the wrong state.
func DraftStatusError(status string) error {
	switch status {
	case DraftEditing:
		return courses.E(courses.Conflict, "draft.status_editing")
	case DraftReview:
		return courses.E(courses.Conflict, "draft.status_review")
	}
	return courses.E(courses.Conflict, "draft.status_approved")
}

// WriteDraftFiles applies changes to a draft in editing, all or none, and returns the draft's
// new revision (the revision of every file written). A change whose BaseRevision is not the
// file's current revision fails with a Conflict (draft.stale, the path as argument): someone else
// saved it meanwhile. draftRevision > 0 also requires the draft as a whole to be unchanged since
// (for changes computed from a snapshot: reordering, imports). The action is audited.
func (s *Store) WriteDraftFiles(ctx context.Context, id string, draftRevision int64, changes []FileChange, actor, action, detail string) (int64, error) {
	var rev int64
	err := s.tx(ctx, func(tx *sql.Tx) error {
		d, err := lockDraft(tx, id, DraftEditing)
		if err != nil {
			return err
		}
		if draftRevision > 0 && d.Revision != draftRevision {
			return courses.E(courses.Conflict, "draft.stale_draft")
		}
		rev = d.Revision + 1
		at := s.stamp()
		for _, ch := range changes {
			var cur int64
			err := tx.QueryRow(`SELECT revision FROM draft_files WHERE draft_id = ? AND path = ?`, id, ch.Path).Scan(&cur)
			if err != nil && !errors.Is(err, sql.ErrNoRows) {
				return err
			}
			if ch.BaseRevision >= 0 && cur != ch.BaseRevision {
				return courses.E(courses.Conflict, "draft.stale", ch.Path)
			}
			if ch.Data == nil {
				if cur == 0 {
					return courses.E(courses.NotFound, "err.no_file", ch.Path)
				}
				_, err = tx.Exec(`DELETE FROM draft_files WHERE draft_id = ? AND path = ?`, id, ch.Path)
			} else {
				_, err = tx.Exec(`INSERT INTO draft_files (draft_id, path, data, revision, updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?)
					ON CONFLICT (draft_id, path) DO UPDATE SET data = excluded.data, revision = excluded.revision,
					updated_by = excluded.updated_by, updated_at = excluded.updated_at`, id, ch.Path, ch.Data, rev, actor, at)
			}
			if err != nil {
				return err
			}
		}
		if _, err := tx.Exec(`UPDATE drafts SET revision = ?, updated_at = ? WHERE id = ?`, rev, at, id); err != nil {
			return err
		}
		return auditOn(tx, at, actor, action, id, detail)
	})
	return rev, err
}

// SubmitDraft sends a draft in editing to review (no edits until it is approved or returned).
// draftRevision is the revision the caller checked; a draft changed since is a Conflict.
func (s *Store) SubmitDraft(ctx context.Context, id string, draftRevision int64, actor string) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		d, err := lockDraft(tx, id, DraftEditing)
		if err != nil {
			return err
		}
		if d.Revision != draftRevision {
			return courses.E(courses.Conflict, "draft.stale_draft")
		}
		at := s.stamp()
		if _, err := tx.Exec(`UPDATE drafts SET status = ?, submitted_by = ?, submitted_at = ?, updated_at = ? WHERE id = ?`,
			DraftReview, actor, at, at, id); err != nil {
			return err
		}
		return auditOn(tx, at, actor, "draft.submit", id, d.CourseID+" v"+itoa(d.BaseVersion+1))
	})
}

// ReturnDraft sends a draft in review back to editing with the reviewer's comments (kept).
func (s *Store) ReturnDraft(ctx context.Context, id, actor string, comments []DraftComment) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		d, err := lockDraft(tx, id, DraftReview)
		if err != nil {
			return err
		}
		at := s.stamp()
		for _, c := range comments {
			if _, err := tx.Exec(`INSERT INTO draft_comments (id, draft_id, author, body, file, line, at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
				courses.NewID(), id, actor, c.Body, c.File, c.Line, at); err != nil {
				return err
			}
		}
		if _, err := tx.Exec(`UPDATE drafts SET status = ?, submitted_by = '', submitted_at = '', updated_at = ? WHERE id = ?`,
			DraftEditing, at, id); err != nil {
			return err
		}
		return auditOn(tx, at, actor, "draft.return", id, d.CourseID+": "+strings.Join(commentBodies(comments), " | "))
	})
}

func commentBodies(cs []DraftComment) []string {
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = c.Body
	}
	return out
}

// ApproveDraft publishes a draft in review as v and closes it, in one transaction. The approver
// may not be the one who submitted it (Forbidden), and the course's latest published version
// must still be the draft's base (Conflict: someone published meanwhile).
func (s *Store) ApproveDraft(ctx context.Context, id, actor string, v *NewVersion) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		d, err := lockDraft(tx, id, DraftReview)
		if err != nil {
			return err
		}
		if d.SubmittedBy == actor {
			return courses.E(courses.Forbidden, "draft.self_approve")
		}
		var latest sql.NullInt64
		if err := tx.QueryRow(`SELECT max(version) FROM course_versions WHERE course_id = ?`, d.CourseID).Scan(&latest); err != nil {
			return err
		}
		if int(latest.Int64) != d.BaseVersion || v.CourseID != d.CourseID || v.Version.Version != d.BaseVersion+1 {
			return courses.E(courses.Conflict, "draft.outdated", d.CourseID, latest.Int64)
		}
		if err := s.publishTx(tx, v); err != nil {
			return err
		}
		at := s.stamp()
		if _, err := tx.Exec(`UPDATE drafts SET status = ?, approved_by = ?, approved_at = ?, published_version = ?, updated_at = ? WHERE id = ?`,
			DraftApproved, actor, at, v.Version.Version, at, id); err != nil {
			return err
		}
		return auditOn(tx, at, actor, "draft.approve", id, d.CourseID+" v"+itoa(v.Version.Version)+" submitted by "+d.SubmittedBy)
	})
}

// DraftComments returns the review comments of a draft, oldest first.
func (s *Store) DraftComments(ctx context.Context, id string) ([]DraftComment, error) {
	return sqlitedb.QueryAll(ctx, s.db.Read, func(rows *sql.Rows) (c DraftComment, err error) {
		var at string
		err = rows.Scan(&c.ID, &c.Author, &c.Body, &c.File, &c.Line, &at)
		c.At = parseTime(at)
		return c, err
	}, `SELECT id, author, body, file, line, at FROM draft_comments WHERE draft_id = ? ORDER BY at, id`, id)
}

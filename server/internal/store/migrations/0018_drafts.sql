-- Course drafts (issue 17): a course folder being written in the browser. A draft starts from the
-- latest published version's files (base_version) or from a minimal new course (base_version 0),
-- is edited file by file, submitted for review (status 'review': no edits) and approved by another
-- staff member, which publishes version base_version+1 ('approved', published_version set).
-- revision counts every change to the draft; a file's revision is the draft revision that last
-- wrote it, so a save based on an older revision is refused instead of overwriting (If-Match).
CREATE TABLE drafts (
    id                TEXT PRIMARY KEY,
    course_id         TEXT NOT NULL,
    base_version      INTEGER NOT NULL,
    status            TEXT NOT NULL,
    revision          INTEGER NOT NULL,
    created_by        TEXT NOT NULL,
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL,
    submitted_by      TEXT NOT NULL DEFAULT '',
    submitted_at      TEXT NOT NULL DEFAULT '',
    approved_by       TEXT NOT NULL DEFAULT '',
    approved_at       TEXT NOT NULL DEFAULT '',
    published_version INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX drafts_course ON drafts (course_id, status);
CREATE INDEX drafts_status ON drafts (status, updated_at);

-- The files of a draft: the course folder's paths (course.yaml, quiz.yaml, lessons/*.md, media/*)
-- with their bytes.
CREATE TABLE draft_files (
    draft_id   TEXT NOT NULL REFERENCES drafts(id),
    path       TEXT NOT NULL,
    data       BLOB NOT NULL,
    revision   INTEGER NOT NULL,
    updated_by TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (draft_id, path)
);

-- Review of course drafts (issue 17): what a reviewer wrote when returning a draft to its
-- authors, kept after the draft goes back to editing. file and line say what a comment is about
-- ('' and 0: the draft as a whole). Append-only.
CREATE TABLE draft_comments (
    id       TEXT PRIMARY KEY,
    draft_id TEXT NOT NULL REFERENCES drafts(id),
    author   TEXT NOT NULL,
    body     TEXT NOT NULL,
    file     TEXT NOT NULL DEFAULT '',
    line     INTEGER NOT NULL DEFAULT 0,
    at       TEXT NOT NULL
);
CREATE INDEX draft_comments_draft ON draft_comments (draft_id, at);

-- PostgreSQL port of migrations/0019_draft_reviews.sql.
CREATE TABLE draft_comments (
    id       TEXT PRIMARY KEY,
    draft_id TEXT NOT NULL REFERENCES drafts(id),
    author   TEXT NOT NULL,
    body     TEXT NOT NULL,
    file     TEXT NOT NULL DEFAULT '',
    line     BIGINT NOT NULL DEFAULT 0,
    at       TEXT NOT NULL
);
CREATE INDEX draft_comments_draft ON draft_comments (draft_id, at);

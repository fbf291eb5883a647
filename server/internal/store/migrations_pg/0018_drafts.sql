-- PostgreSQL port of migrations/0018_drafts.sql.
CREATE TABLE drafts (
    id                TEXT PRIMARY KEY,
    course_id         TEXT NOT NULL,
    base_version      BIGINT NOT NULL,
    status            TEXT NOT NULL,
    revision          BIGINT NOT NULL,
    created_by        TEXT NOT NULL,
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL,
    submitted_by      TEXT NOT NULL DEFAULT '',
    submitted_at      TEXT NOT NULL DEFAULT '',
    approved_by       TEXT NOT NULL DEFAULT '',
    approved_at       TEXT NOT NULL DEFAULT '',
    published_version BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX drafts_course ON drafts (course_id, status);
CREATE INDEX drafts_status ON drafts (status, updated_at);

CREATE TABLE draft_files (
    draft_id   TEXT NOT NULL REFERENCES drafts(id),
    path       TEXT NOT NULL,
    data       BYTEA NOT NULL,
    revision   BIGINT NOT NULL,
    updated_by TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (draft_id, path)
);

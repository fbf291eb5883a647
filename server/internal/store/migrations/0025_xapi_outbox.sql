-- Issue 19: the xAPI statements waiting for (or delivered to) the configured LRS
-- (docs/evidence.md). One row per source record (attempt:ID, completion:BADGE:COURSE:VERSION,
-- attendance:ID); the statement id is derived from the source, so a resend is harmless.
CREATE TABLE xapi_outbox (
    id          TEXT PRIMARY KEY,
    source      TEXT NOT NULL UNIQUE,
    statement   TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    tries       INTEGER NOT NULL DEFAULT 0,
    next_at     TEXT NOT NULL,
    sent_at     TEXT,
    last_error  TEXT NOT NULL DEFAULT ''
);
CREATE INDEX xapi_outbox_due ON xapi_outbox(next_at) WHERE sent_at IS NULL;

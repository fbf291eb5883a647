-- PostgreSQL port of migrations/0025_xapi_outbox.sql.
CREATE TABLE xapi_outbox (
    id          TEXT PRIMARY KEY,
    source      TEXT NOT NULL UNIQUE,
    statement   TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    tries       BIGINT NOT NULL DEFAULT 0,
    next_at     TEXT NOT NULL,
    sent_at     TEXT,
    last_error  TEXT NOT NULL DEFAULT ''
);
CREATE INDEX xapi_outbox_due ON xapi_outbox(next_at) WHERE sent_at IS NULL;

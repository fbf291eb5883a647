-- Sync state: revocations received from the center (the rest lives in meta: node id, pinned
-- center key, acknowledged sequence, pull cursor, last success and error).

CREATE TABLE revocations (
    certificate_id  TEXT PRIMARY KEY,
    revoked_at      TEXT NOT NULL,   -- center clock
    reason          TEXT NOT NULL
);

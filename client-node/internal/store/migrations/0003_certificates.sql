-- Certificates held by the node: issued here when an officer passes (origin 'node') or received
-- from the center (approvals, workshops: origin 'center'). The token carries every fact, signed.

CREATE TABLE certificates (
    id              TEXT PRIMARY KEY,
    code            TEXT NOT NULL UNIQUE,
    badge           TEXT NOT NULL,
    course_id       TEXT NOT NULL,      -- '' for a workshop
    course_version  INTEGER NOT NULL,
    attempt_id      TEXT,
    issued_on       TEXT NOT NULL,      -- day, as the token says
    expires_on      TEXT,
    token           TEXT NOT NULL,
    origin          TEXT NOT NULL CHECK (origin IN ('node', 'center'))
);
CREATE INDEX certificates_badge ON certificates(badge);

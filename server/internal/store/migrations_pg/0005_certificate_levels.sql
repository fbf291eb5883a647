-- Certificates issued at stations (docs/certificates.md): the center keeps the node's own token
-- beside the token it countersigned, and remembers the certificates it refused, so that the
-- public verify page can say so.
ALTER TABLE certificates ADD COLUMN node_token TEXT;

CREATE TABLE certificate_refusals (
    id          TEXT PRIMARY KEY,   -- the certificate's id
    code        TEXT NOT NULL,
    node_id     TEXT NOT NULL,
    reason      TEXT NOT NULL,      -- a refusal code: signature, revoked_node, roster, course, facts, attempt, future
    detail      TEXT NOT NULL,
    refused_at  TEXT NOT NULL
);
CREATE INDEX certificate_refusals_code ON certificate_refusals(code);

-- Revoked nodes travel down to every station; the ones revoked before this change too.
INSERT INTO changes (station_id, kind, ref, created_at)
    SELECT NULL, 'node_revocation', id, revoked_at FROM nodes WHERE revoked_at IS NOT NULL ORDER BY revoked_at, id;

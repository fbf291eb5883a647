-- The node's own chained log of officer-facing events (logins, failed logins, attempts,
-- certificates issued; protocol version 6, docs/evidence.md): each written in the same
-- transaction as its fact, chained with sync/auditchain's hashing, sent up in order and verified
-- by the center on arrival. at is the node's clock, for display only.
CREATE TABLE node_events (
    seq     INTEGER PRIMARY KEY,
    at      TEXT NOT NULL,
    kind    TEXT NOT NULL,
    badge   TEXT NOT NULL,
    object  TEXT NOT NULL,
    prev    TEXT NOT NULL,
    hash    TEXT NOT NULL
);

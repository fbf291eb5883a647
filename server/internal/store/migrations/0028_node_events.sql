-- Each station node's chained log of officer-facing events (logins, failed logins, attempts,
-- certificates issued), sent up from protocol version 6 on (docs/evidence.md). Every event is
-- kept as it arrived; intact is 0 for one whose link to the node's previous event or whose own
-- hash did not verify (it is also set aside in sync_rejects). at is the node's clock.
CREATE TABLE node_events (
    node_id      TEXT NOT NULL,
    seq          INTEGER NOT NULL,
    at           TEXT NOT NULL,
    kind         TEXT NOT NULL,
    badge        TEXT NOT NULL,
    object       TEXT NOT NULL,
    prev         TEXT NOT NULL,
    hash         TEXT NOT NULL,
    intact       INTEGER NOT NULL,
    received_at  TEXT NOT NULL,
    PRIMARY KEY (node_id, seq)
);
CREATE INDEX node_events_badge ON node_events(badge, node_id, seq);

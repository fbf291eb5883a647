-- PostgreSQL port of migrations/0028_node_events.sql.
CREATE TABLE node_events (
    node_id      TEXT NOT NULL,
    seq          BIGINT NOT NULL,
    at           TEXT NOT NULL,
    kind         TEXT NOT NULL,
    badge        TEXT NOT NULL,
    object       TEXT NOT NULL,
    prev         TEXT NOT NULL,
    hash         TEXT NOT NULL,
    intact       BIGINT NOT NULL,
    received_at  TEXT NOT NULL,
    PRIMARY KEY (node_id, seq)
);
CREATE INDEX node_events_badge ON node_events(badge, node_id, seq);

-- Sync hardening.
--
-- Replay protection: every signed request of a node carries a counter that only grows. The center
-- keeps the highest it accepted and refuses a counter not above it.
-- request_counter NULL: the node has never sent a counter (a node built before them), so its
-- requests without one are still taken; once it has sent one, or enrolled saying it sends them
-- (0), a request without one is refused.
ALTER TABLE nodes ADD COLUMN request_counter INTEGER;

-- The enrollment token the node spent (its hash): a node whose enrollment was cut after the center
-- spent the token enrolls again with the same token and key and gets the same node back.
ALTER TABLE nodes ADD COLUMN enroll_token_hash TEXT;
CREATE INDEX nodes_enroll_token ON nodes(enroll_token_hash) WHERE enroll_token_hash IS NOT NULL;

-- A node restored from an older copy of its store reuses outbox sequences for new records: two
-- different records set aside under one sequence are both kept (the same record sent again is
-- kept once, which the store checks by its payload).
CREATE TABLE sync_rejects_new (
    id          INTEGER PRIMARY KEY,
    node_id     TEXT NOT NULL,
    seq         INTEGER NOT NULL,
    kind        TEXT NOT NULL,
    reason      TEXT NOT NULL,
    payload     TEXT NOT NULL,
    received_at TEXT NOT NULL
);
INSERT INTO sync_rejects_new (id, node_id, seq, kind, reason, payload, received_at)
    SELECT id, node_id, seq, kind, reason, payload, received_at FROM sync_rejects;
DROP TABLE sync_rejects;
ALTER TABLE sync_rejects_new RENAME TO sync_rejects;
CREATE INDEX sync_rejects_node_seq ON sync_rejects(node_id, seq);

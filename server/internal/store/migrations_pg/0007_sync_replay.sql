-- Sync hardening.
--
-- Replay protection: every signed request of a node carries a counter that only grows. The center
-- keeps the highest it accepted and refuses a counter not above it.
-- request_counter NULL: the node has never sent a counter (a node built before them), so its
-- requests without one are still taken; once it has sent one, or enrolled saying it sends them
-- (0), a request without one is refused.
ALTER TABLE nodes ADD COLUMN request_counter BIGINT;

-- The enrollment token the node spent (its hash): a node whose enrollment was cut after the center
-- spent the token enrolls again with the same token and key and gets the same node back.
ALTER TABLE nodes ADD COLUMN enroll_token_hash TEXT;
CREATE INDEX nodes_enroll_token ON nodes(enroll_token_hash) WHERE enroll_token_hash IS NOT NULL;

-- A node restored from an older copy of its store reuses outbox sequences for new records: two
-- different records set aside under one sequence are both kept (the same record sent again is
-- kept once, which the store checks by its payload).
-- (SQLite rebuilds the table to drop its UNIQUE (node_id, seq); PostgreSQL drops the constraint.)
ALTER TABLE sync_rejects DROP CONSTRAINT sync_rejects_node_id_seq_key;
CREATE INDEX sync_rejects_node_seq ON sync_rejects(node_id, seq);

-- The audit chain's writer turn (docs/evidence.md): every audit entry first updates this one row,
-- so that on PostgreSQL, where several center processes write at once and a node's push does not
-- take the store's writer lock, the next entry is chained only after the previous one committed
-- (the update waits for the other transaction; the head is read after it). On SQLite, with one
-- writer, it costs one small update.
CREATE TABLE audit_writer (
    id  INTEGER PRIMARY KEY,
    n   INTEGER NOT NULL
);
INSERT INTO audit_writer (id, n) VALUES (1, 0);

-- The center's signed audit heads this node was sent (protocol version 5, docs/evidence.md): each
-- kept for good, so a rewrite of the center's history before one of them is detectable against
-- this station's copy (aula-node audit heads; aula-server audit verify --against FILE).
CREATE TABLE audit_heads (
    seq          INTEGER PRIMARY KEY,
    hash         TEXT NOT NULL,
    signature    TEXT NOT NULL,
    received_at  TEXT NOT NULL
);

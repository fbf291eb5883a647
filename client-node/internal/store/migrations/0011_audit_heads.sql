-- The center's signed audit heads this node was sent (protocol version 5, docs/evidence.md): each
-- kept for good, so a rewrite of the center's history before one of them is detectable against
-- this station's copy (aula-node audit heads; aula-server audit verify --against FILE).
CREATE TABLE audit_heads (
    seq          INTEGER PRIMARY KEY,
    hash         TEXT NOT NULL,
    signature    TEXT NOT NULL,
    received_at  TEXT NOT NULL
);

-- The Open Badges 3.0 credential of a certificate the center confirmed (a VC-JWT signed with the
-- center key, checked on arrival), carried down with it so the officer downloads it offline.
ALTER TABLE certificates ADD COLUMN ob3 TEXT;

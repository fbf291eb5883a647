-- Certificate trust levels (docs/certificates.md): the nodes the center revoked (the tokens they
-- signed are refused from then on), and the center's refusal of a certificate this node issued.
CREATE TABLE revoked_nodes (
    node_id     TEXT PRIMARY KEY,
    revoked_at  TEXT NOT NULL       -- center clock
);

ALTER TABLE certificates ADD COLUMN refused TEXT;  -- the center's reason, when it set the certificate aside

-- Issue 19: the audit trail becomes a hash chain (sync/auditchain, docs/evidence.md). seq is the
-- row id; hash = SHA-256(prev || canonical entry), written in the same transaction as the change.
-- Rows written before this migration are chained once when the store opens (store.chainLegacy).
ALTER TABLE audit ADD COLUMN object TEXT NOT NULL DEFAULT '';
ALTER TABLE audit ADD COLUMN prev TEXT NOT NULL DEFAULT '';
ALTER TABLE audit ADD COLUMN hash TEXT NOT NULL DEFAULT '';
UPDATE audit SET object = 'officer:' || subject WHERE subject != '';
CREATE INDEX audit_action ON audit(action, id);

-- PostgreSQL port of migrations/0023_audit_chain.sql.
ALTER TABLE audit ADD COLUMN object TEXT NOT NULL DEFAULT '';
ALTER TABLE audit ADD COLUMN prev TEXT NOT NULL DEFAULT '';
ALTER TABLE audit ADD COLUMN hash TEXT NOT NULL DEFAULT '';
UPDATE audit SET object = 'officer:' || subject WHERE subject != '';
CREATE INDEX audit_action ON audit(action, id);

-- Certificates: who issued them and the signed token that carries every fact; the approval queue.

ALTER TABLE certificates ADD COLUMN token TEXT NOT NULL DEFAULT '';
ALTER TABLE certificates ADD COLUMN issuer TEXT NOT NULL DEFAULT '';
ALTER TABLE certificates ADD COLUMN node_id TEXT;
ALTER TABLE certificates ADD COLUMN attempt_id TEXT;
ALTER TABLE certificates ADD COLUMN title_json TEXT NOT NULL DEFAULT '{}';
ALTER TABLE certificates ADD COLUMN hours DOUBLE PRECISION NOT NULL DEFAULT 0;
ALTER TABLE certificates ADD COLUMN score DOUBLE PRECISION;
ALTER TABLE certificates ADD COLUMN revoked_by TEXT;
CREATE INDEX certificates_expiry ON certificates(expires_at);

-- The certificate policy of each published version (from its course.yaml).
ALTER TABLE course_versions ADD COLUMN cert_issue TEXT NOT NULL DEFAULT 'none';
ALTER TABLE course_versions ADD COLUMN cert_months BIGINT NOT NULL DEFAULT 0;

-- Decisions on passed attempts of courses whose certificates need approval.
CREATE TABLE approvals (
    attempt_id  TEXT PRIMARY KEY REFERENCES attempts(id),
    decision    TEXT NOT NULL CHECK (decision IN ('approved', 'rejected')),
    decided_by  TEXT NOT NULL,
    decided_at  TEXT NOT NULL,
    certificate_id TEXT
);

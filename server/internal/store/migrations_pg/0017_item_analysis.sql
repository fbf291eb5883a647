-- PostgreSQL port of migrations/0017_item_analysis.sql.
CREATE INDEX attempts_analysis ON attempts(course_id, course_version, officer_id, received_at, node_seq);

ALTER TABLE lessons_read ADD COLUMN node_id TEXT;
ALTER TABLE lessons_read ADD COLUMN node_seq BIGINT;
ALTER TABLE lessons_read ADD COLUMN received_at TEXT;
ALTER TABLE lessons_read ADD COLUMN seconds BIGINT;

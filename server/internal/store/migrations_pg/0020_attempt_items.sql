-- PostgreSQL port of migrations/0020_attempt_items.sql.
ALTER TABLE attempts ADD COLUMN items BYTEA;

DROP INDEX attempts_analysis;
CREATE INDEX attempts_analysis ON attempts(course_id, course_version, officer_id, received_at, node_seq, station_id, node_id, items);

CREATE INDEX attempts_unscored ON attempts(course_id, course_version, id) WHERE items IS NULL;

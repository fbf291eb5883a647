-- PostgreSQL port of migrations/0030_attempts_received.sql.
CREATE INDEX certificates_issued ON certificates(issued_at DESC, id);

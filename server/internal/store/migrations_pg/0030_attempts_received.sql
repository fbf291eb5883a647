-- PostgreSQL port of migrations/0030_attempts_received.sql.
CREATE INDEX attempts_received ON attempts(received_at DESC, id);
CREATE INDEX certificates_issued ON certificates(issued_at DESC, id);

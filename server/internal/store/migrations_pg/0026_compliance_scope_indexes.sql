-- PostgreSQL port of migrations/0026_compliance_scope_indexes.sql.
CREATE INDEX stations_state ON stations(state);
CREATE INDEX certificates_compliance ON certificates(officer_id, course_id, course_version, issued_at, expires_at, revoked_at);
DROP INDEX certificates_officer_course;

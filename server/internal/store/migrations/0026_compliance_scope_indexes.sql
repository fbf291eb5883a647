-- A state's compliance report starts from its stations (docs/benchmarks.md, "national compliance").
CREATE INDEX stations_state ON stations(state);
-- The compliance walk reads each officer's certificates from the index alone (no lookup of each
-- certificate's row: a million random reads at national scale); it replaces its prefix.
CREATE INDEX certificates_compliance ON certificates(officer_id, course_id, course_version, issued_at, expires_at, revoked_at);
DROP INDEX certificates_officer_course;

-- PostgreSQL port of migrations/0016_compliance_indexes.sql.
CREATE INDEX officers_station_badge ON officers(station_id, badge);
CREATE INDEX certificates_officer_course ON certificates(officer_id, course_id);

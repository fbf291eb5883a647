-- Compliance at national scale: officers walked station by station in badge order, and each
-- officer's certificates of a course found by one index search.
CREATE INDEX officers_station_badge ON officers(station_id, badge);
CREATE INDEX certificates_officer_course ON certificates(officer_id, course_id);

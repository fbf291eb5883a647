-- The compliance counts the dashboard reads (docs/programme.md, "Counts kept up to date"). They
-- are derived from officers, requirements, attempts and certificates and can always be rebuilt:
-- compliance_basis holds what they were computed with (the requirements and the time zone); a
-- different basis, or a mark for officer 0, rebuilds them all.
--
-- compliance_marks: officers whose facts changed since the counts were last brought up to date,
-- written by the triggers below in the transaction of the change itself, whatever code made it.
-- Bringing the counts up to date removes the marks it read, each only if its n is the one read.
-- SQLite has one writer, which that holds for the whole of it: no change can come meanwhile, and
-- a mark is inserted once (n stays 1: a lookup, not an update, for each change after the first).
-- On PostgreSQL, where changes do come meanwhile, n grows with every change.
CREATE TABLE compliance_marks (
    officer_id  INTEGER PRIMARY KEY,
    n           INTEGER NOT NULL
);
-- What the counts hold of each active officer: his station and rank (the count's key) and, in
-- facts, what the status rules read of him in days (service/compliance_facts.go).
CREATE TABLE compliance_facts (
    officer_id  INTEGER PRIMARY KEY,
    station_id  INTEGER NOT NULL,
    rank        TEXT NOT NULL,
    facts       TEXT NOT NULL
);
CREATE INDEX compliance_facts_station ON compliance_facts(station_id);
-- The days counted: today (as_of 0: everything known now) and the ends of the trend's months
-- (as_of 1: what was known by that day).
CREATE TABLE compliance_days (
    day    TEXT NOT NULL,
    as_of  INTEGER NOT NULL,
    PRIMARY KEY (day, as_of)
);
-- Per counted day, station, course ('' for all the required courses) and rank: officers with a
-- requirement, officer × requirement rows by status, and officers with a row in each status.
CREATE TABLE compliance_tally (
    as_of              INTEGER NOT NULL,
    day                TEXT NOT NULL,
    course_id          TEXT NOT NULL,
    station_id         INTEGER NOT NULL,
    rank               TEXT NOT NULL,
    officers           INTEGER NOT NULL,
    required           INTEGER NOT NULL,
    compliant          INTEGER NOT NULL,
    expiring           INTEGER NOT NULL,
    due                INTEGER NOT NULL,
    overdue            INTEGER NOT NULL,
    officers_compliant INTEGER NOT NULL,
    officers_expiring  INTEGER NOT NULL,
    officers_due       INTEGER NOT NULL,
    officers_overdue   INTEGER NOT NULL,
    PRIMARY KEY (as_of, day, course_id, station_id, rank)
) WITHOUT ROWID;
CREATE TABLE compliance_basis (
    fingerprint  TEXT NOT NULL
);

-- The marks. Every write that can change an officer's status marks him. Attempts arrive only by
-- sync, a thousand to a push: the push marks the officers with a passed attempt once, in one
-- statement (store/push.go, markOfficers) — a trigger per attempt cost a third more CPU per push.
CREATE TRIGGER compliance_mark_attempt_gone AFTER DELETE ON attempts WHEN OLD.passed = 1
BEGIN
    INSERT OR IGNORE INTO compliance_marks (officer_id, n) VALUES (OLD.officer_id, 1);
END;
CREATE TRIGGER compliance_mark_certificate AFTER INSERT ON certificates
BEGIN
    INSERT OR IGNORE INTO compliance_marks (officer_id, n) VALUES (NEW.officer_id, 1);
END;
CREATE TRIGGER compliance_mark_certificate_change AFTER UPDATE OF officer_id, course_id, course_version, issued_at, expires_at, revoked_at ON certificates
BEGIN
    INSERT OR IGNORE INTO compliance_marks (officer_id, n) VALUES (NEW.officer_id, 1);
    INSERT OR IGNORE INTO compliance_marks (officer_id, n) VALUES (OLD.officer_id, 1);
END;
CREATE TRIGGER compliance_mark_certificate_gone AFTER DELETE ON certificates
BEGIN
    INSERT OR IGNORE INTO compliance_marks (officer_id, n) VALUES (OLD.officer_id, 1);
END;
CREATE TRIGGER compliance_mark_officer AFTER INSERT ON officers
BEGIN
    INSERT OR IGNORE INTO compliance_marks (officer_id, n) VALUES (NEW.id, 1);
END;
CREATE TRIGGER compliance_mark_officer_change AFTER UPDATE OF station_id, rank, active, created_at ON officers
BEGIN
    INSERT OR IGNORE INTO compliance_marks (officer_id, n) VALUES (NEW.id, 1);
END;
CREATE TRIGGER compliance_mark_officer_gone AFTER DELETE ON officers
BEGIN
    INSERT OR IGNORE INTO compliance_marks (officer_id, n) VALUES (OLD.id, 1);
END;
CREATE TRIGGER compliance_mark_applies AFTER INSERT ON requirement_applies
BEGIN
    INSERT OR IGNORE INTO compliance_marks (officer_id, n) VALUES (NEW.officer_id, 1);
END;
CREATE TRIGGER compliance_mark_applies_change AFTER UPDATE ON requirement_applies
BEGIN
    INSERT OR IGNORE INTO compliance_marks (officer_id, n) VALUES (NEW.officer_id, 1);
END;
CREATE TRIGGER compliance_mark_applies_gone AFTER DELETE ON requirement_applies
BEGIN
    INSERT OR IGNORE INTO compliance_marks (officer_id, n) VALUES (OLD.officer_id, 1);
END;
-- A station's code or force decides which requirements reach its officers.
CREATE TRIGGER compliance_mark_station AFTER UPDATE OF code, agency_id ON stations
BEGIN
    INSERT OR IGNORE INTO compliance_marks (officer_id, n) SELECT o.id, 1 FROM officers o WHERE o.station_id = NEW.id;
END;
-- A force's code is what a requirement for that force names: everyone is recounted.
CREATE TRIGGER compliance_mark_agency AFTER UPDATE OF code ON agencies
BEGIN
    INSERT OR IGNORE INTO compliance_marks (officer_id, n) VALUES (0, 1);
END;
-- A version without certificate makes its passed attempts completions.
CREATE TRIGGER compliance_mark_version AFTER INSERT ON course_versions WHEN NEW.cert_issue = 'none'
BEGIN
    INSERT OR IGNORE INTO compliance_marks (officer_id, n) SELECT DISTINCT a.officer_id, 1 FROM attempts a
        WHERE a.course_id = NEW.course_id AND a.course_version = NEW.version AND a.passed = 1;
END;

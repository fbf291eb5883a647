-- PostgreSQL port of migrations/0029_compliance_tally.sql (the counts kept up to date and the
-- triggers that mark the officers whose facts changed).
CREATE TABLE compliance_marks (
    officer_id  BIGINT PRIMARY KEY,
    n           BIGINT NOT NULL
);
CREATE TABLE compliance_facts (
    officer_id  BIGINT PRIMARY KEY,
    station_id  BIGINT NOT NULL,
    rank        TEXT NOT NULL,
    facts       TEXT NOT NULL
);
CREATE INDEX compliance_facts_station ON compliance_facts(station_id);
CREATE TABLE compliance_days (
    day    TEXT NOT NULL,
    as_of  BIGINT NOT NULL,
    PRIMARY KEY (day, as_of)
);
CREATE TABLE compliance_tally (
    as_of              BIGINT NOT NULL,
    day                TEXT NOT NULL,
    course_id          TEXT NOT NULL,
    station_id         BIGINT NOT NULL,
    rank               TEXT NOT NULL,
    officers           BIGINT NOT NULL,
    required           BIGINT NOT NULL,
    compliant          BIGINT NOT NULL,
    expiring           BIGINT NOT NULL,
    due                BIGINT NOT NULL,
    overdue            BIGINT NOT NULL,
    officers_compliant BIGINT NOT NULL,
    officers_expiring  BIGINT NOT NULL,
    officers_due       BIGINT NOT NULL,
    officers_overdue   BIGINT NOT NULL,
    PRIMARY KEY (as_of, day, course_id, station_id, rank)
);
CREATE TABLE compliance_basis (
    fingerprint  TEXT NOT NULL
);

-- compliance_mark(officer) marks one officer (0: everyone).
CREATE FUNCTION compliance_mark(officer BIGINT) RETURNS void LANGUAGE sql AS $$
    INSERT INTO compliance_marks (officer_id, n) VALUES (officer, 1)
        ON CONFLICT (officer_id) DO UPDATE SET n = compliance_marks.n + 1;
$$;
-- Rows that name their officer in officer_id (attempts, certificates, requirement_applies).
CREATE FUNCTION compliance_mark_row() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'DELETE' THEN
        PERFORM compliance_mark(NEW.officer_id);
    END IF;
    IF TG_OP <> 'INSERT' THEN
        PERFORM compliance_mark(OLD.officer_id);
    END IF;
    RETURN NULL;
END $$;
CREATE FUNCTION compliance_mark_officer() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        PERFORM compliance_mark(OLD.id);
    ELSE
        PERFORM compliance_mark(NEW.id);
    END IF;
    RETURN NULL;
END $$;
CREATE FUNCTION compliance_mark_station() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO compliance_marks (officer_id, n) SELECT o.id, 1 FROM officers o WHERE o.station_id = NEW.id
        ON CONFLICT (officer_id) DO UPDATE SET n = compliance_marks.n + 1;
    RETURN NULL;
END $$;
CREATE FUNCTION compliance_mark_everyone() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM compliance_mark(0);
    RETURN NULL;
END $$;
CREATE FUNCTION compliance_mark_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO compliance_marks (officer_id, n) SELECT DISTINCT a.officer_id, 1 FROM attempts a
        WHERE a.course_id = NEW.course_id AND a.course_version = NEW.version AND a.passed = 1
        ON CONFLICT (officer_id) DO UPDATE SET n = compliance_marks.n + 1;
    RETURN NULL;
END $$;

-- A push marks the officers of its passed attempts itself (store/push.go, markOfficers).
CREATE TRIGGER compliance_mark_attempt_gone AFTER DELETE ON attempts FOR EACH ROW WHEN (OLD.passed = 1)
    EXECUTE FUNCTION compliance_mark_row();
CREATE TRIGGER compliance_mark_certificate AFTER INSERT OR DELETE ON certificates FOR EACH ROW
    EXECUTE FUNCTION compliance_mark_row();
CREATE TRIGGER compliance_mark_certificate_change AFTER UPDATE OF officer_id, course_id, course_version, issued_at, expires_at, revoked_at ON certificates
    FOR EACH ROW EXECUTE FUNCTION compliance_mark_row();
CREATE TRIGGER compliance_mark_officer AFTER INSERT OR DELETE ON officers FOR EACH ROW
    EXECUTE FUNCTION compliance_mark_officer();
CREATE TRIGGER compliance_mark_officer_change AFTER UPDATE OF station_id, rank, active, created_at ON officers FOR EACH ROW
    EXECUTE FUNCTION compliance_mark_officer();
CREATE TRIGGER compliance_mark_applies AFTER INSERT OR UPDATE OR DELETE ON requirement_applies FOR EACH ROW
    EXECUTE FUNCTION compliance_mark_row();
CREATE TRIGGER compliance_mark_station AFTER UPDATE OF code, agency_id ON stations FOR EACH ROW
    EXECUTE FUNCTION compliance_mark_station();
CREATE TRIGGER compliance_mark_agency AFTER UPDATE OF code ON agencies FOR EACH ROW
    EXECUTE FUNCTION compliance_mark_everyone();
CREATE TRIGGER compliance_mark_version AFTER INSERT ON course_versions FOR EACH ROW WHEN (NEW.cert_issue = 'none')
    EXECUTE FUNCTION compliance_mark_version();

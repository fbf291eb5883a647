-- Required training (issue 15, docs/programme.md): a course, a scope (everyone, an agency, a
-- station, a rank, or a combination) and a due rule (a fixed day, or N days after the requirement
-- first applied to the officer). A deleted requirement keeps its row (deleted_at/by) for the audit.

CREATE TABLE requirements (
    id           INTEGER PRIMARY KEY,
    course_id    TEXT NOT NULL,
    agency_id    INTEGER REFERENCES agencies(id),
    station_id   INTEGER REFERENCES stations(id),
    rank         TEXT,
    due_date     TEXT,                      -- YYYY-MM-DD
    due_days     INTEGER,
    window_days  INTEGER NOT NULL DEFAULT 60,
    created_by   TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    deleted_by   TEXT,
    deleted_at   TEXT,
    CHECK ((due_date IS NULL) != (due_days IS NULL))
);
CREATE INDEX requirements_live ON requirements(deleted_at, course_id);

-- The day (YYYY-MM-DD, center's time zone) each requirement first applied to each officer:
-- written when the requirement is created and when an officer is imported, moved or promoted into
-- its scope; never moved later, so leaving and re-entering a scope does not restart the clock.
CREATE TABLE requirement_applies (
    requirement_id  INTEGER NOT NULL REFERENCES requirements(id),
    officer_id      INTEGER NOT NULL REFERENCES officers(id),
    first_day       TEXT NOT NULL,
    PRIMARY KEY (officer_id, requirement_id)
);

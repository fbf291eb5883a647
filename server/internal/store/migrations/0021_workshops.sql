-- In-person workshops (issue 16, docs/workshops.md): scheduled at the center for one station,
-- attended at that station's node (facts with node-made ids that ride the outbox up), approved
-- at the center, which then issues an attendance certificate per participant. The hours ledger
-- is read from the certificates (server/internal/store/ledger.go), not kept apart.

CREATE TABLE workshops (
    id           TEXT PRIMARY KEY,
    title_json   TEXT NOT NULL,
    area         TEXT NOT NULL,
    hours        REAL NOT NULL,
    station_id   INTEGER NOT NULL REFERENCES stations(id),
    day          TEXT NOT NULL,                  -- YYYY-MM-DD, when it is held
    trainer      TEXT NOT NULL,
    course_id    TEXT,                           -- the course it may count for
    counts       INTEGER NOT NULL DEFAULT 0,     -- 1: attending completes that course (docs/workshops.md)
    status       TEXT NOT NULL DEFAULT 'scheduled' CHECK (status IN ('scheduled', 'closed', 'approved')),
    created_by   TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    closed_at    TEXT,                           -- center clock, when the close (or a paper roster) arrived
    approved_by  TEXT,
    approved_at  TEXT
);
CREATE INDEX workshops_station_day ON workshops(station_id, day);
CREATE INDEX workshops_day ON workshops(day, id);

-- An officer who signed in (with his PIN on the station's terminal, or on a paper roster entered
-- at the center: source 'paper'). One row per officer and workshop: signing in twice is harmless.
CREATE TABLE workshop_attendance (
    id              TEXT PRIMARY KEY,            -- made where it happened
    workshop_id     TEXT NOT NULL REFERENCES workshops(id),
    officer_id      INTEGER NOT NULL REFERENCES officers(id),
    source          TEXT NOT NULL,               -- the node's id, or 'paper'
    signed_at       TEXT NOT NULL,               -- node clock, display only
    received_at     TEXT NOT NULL,
    certificate_id  TEXT,                        -- issued on approval
    UNIQUE (workshop_id, officer_id)
);
CREATE INDEX workshop_attendance_officer ON workshop_attendance(officer_id);
CREATE INDEX workshop_attendance_cert ON workshop_attendance(certificate_id);

-- A participant who is not an officer (a prosecutor, a student), added by the station's
-- commander. The identity document is kept for the trainer's list and never shown on /verify.
-- The guest's certificate lives here (the certificates table is officers').
CREATE TABLE workshop_guests (
    id           TEXT PRIMARY KEY,
    workshop_id  TEXT NOT NULL REFERENCES workshops(id),
    name         TEXT NOT NULL,
    document     TEXT NOT NULL,
    institution  TEXT NOT NULL,
    source       TEXT NOT NULL,
    added_by     TEXT NOT NULL,
    added_at     TEXT NOT NULL,                  -- node clock, display only
    received_at  TEXT NOT NULL,
    cert_id      TEXT UNIQUE,
    cert_code    TEXT UNIQUE,
    cert_token   TEXT,
    cert_issued  TEXT
);
CREATE INDEX workshop_guests_workshop ON workshop_guests(workshop_id);

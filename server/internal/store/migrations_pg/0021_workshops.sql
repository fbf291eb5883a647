-- PostgreSQL port of migrations/0021_workshops.sql.

CREATE TABLE workshops (
    id           TEXT PRIMARY KEY,
    title_json   TEXT NOT NULL,
    area         TEXT NOT NULL,
    hours        DOUBLE PRECISION NOT NULL,
    station_id   BIGINT NOT NULL REFERENCES stations(id),
    day          TEXT NOT NULL,                  
    trainer      TEXT NOT NULL,
    course_id    TEXT,                           
    counts       BIGINT NOT NULL DEFAULT 0,     
    status       TEXT NOT NULL DEFAULT 'scheduled' CHECK (status IN ('scheduled', 'closed', 'approved')),
    created_by   TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    closed_at    TEXT,                           
    approved_by  TEXT,
    approved_at  TEXT
);
CREATE INDEX workshops_station_day ON workshops(station_id, day);
CREATE INDEX workshops_day ON workshops(day, id);

CREATE TABLE workshop_attendance (
    id              TEXT PRIMARY KEY,            
    workshop_id     TEXT NOT NULL REFERENCES workshops(id),
    officer_id      BIGINT NOT NULL REFERENCES officers(id),
    source          TEXT NOT NULL,               
    signed_at       TEXT NOT NULL,               
    received_at     TEXT NOT NULL,
    certificate_id  TEXT,                        
    UNIQUE (workshop_id, officer_id)
);
CREATE INDEX workshop_attendance_officer ON workshop_attendance(officer_id);
CREATE INDEX workshop_attendance_cert ON workshop_attendance(certificate_id);

CREATE TABLE workshop_guests (
    id           TEXT PRIMARY KEY,
    workshop_id  TEXT NOT NULL REFERENCES workshops(id),
    name         TEXT NOT NULL,
    document     TEXT NOT NULL,
    institution  TEXT NOT NULL,
    source       TEXT NOT NULL,
    added_by     TEXT NOT NULL,
    added_at     TEXT NOT NULL,                  
    received_at  TEXT NOT NULL,
    cert_id      TEXT UNIQUE,
    cert_code    TEXT UNIQUE,
    cert_token   TEXT,
    cert_issued  TEXT
);
CREATE INDEX workshop_guests_workshop ON workshop_guests(workshop_id);

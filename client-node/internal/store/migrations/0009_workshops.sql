-- In-person workshops of this station (docs/workshops.md): each as the center last sent it (a
-- workshop change, protocol version 4), and the facts taken here, each also queued in the outbox
-- (kinds ws_attendance, ws_guest, ws_close) in the same transaction.
CREATE TABLE workshops (
    id          TEXT PRIMARY KEY,
    title_json  TEXT NOT NULL,
    area        TEXT NOT NULL,
    hours       REAL NOT NULL,
    day         TEXT NOT NULL,      -- YYYY-MM-DD
    trainer     TEXT NOT NULL DEFAULT '',
    course_id   TEXT NOT NULL DEFAULT '',
    status      TEXT NOT NULL       -- scheduled | closed | approved, at the center
);
CREATE INDEX workshops_day ON workshops(day);

-- An officer who signed in with his badge and PIN: once per workshop.
CREATE TABLE workshop_attendance (
    id           TEXT PRIMARY KEY,
    workshop_id  TEXT NOT NULL,
    badge        TEXT NOT NULL,
    signed_at    TEXT NOT NULL,
    UNIQUE (workshop_id, badge)
);

-- A participant who is not an officer, added by the station's commander.
CREATE TABLE workshop_guests (
    id           TEXT PRIMARY KEY,
    workshop_id  TEXT NOT NULL,
    name         TEXT NOT NULL,
    document     TEXT NOT NULL,
    institution  TEXT NOT NULL,
    added_by     TEXT NOT NULL,
    added_at     TEXT NOT NULL
);
CREATE INDEX workshop_guests_workshop ON workshop_guests(workshop_id);

-- The commander closed the list here: nothing can be added after.
CREATE TABLE workshop_closes (
    workshop_id  TEXT PRIMARY KEY,
    id           TEXT NOT NULL,
    closed_by    TEXT NOT NULL,
    closed_at    TEXT NOT NULL
);

-- Once approved at the center: each attending officer's certificate (it arrives as a
-- certificate change).
CREATE TABLE workshop_credits (
    workshop_id     TEXT NOT NULL,
    badge           TEXT NOT NULL,
    certificate_id  TEXT NOT NULL,
    PRIMARY KEY (workshop_id, badge)
);

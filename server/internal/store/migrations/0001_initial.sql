-- Aula center: first schema. Times are UTC, RFC 3339 text written by the center's own clock;
-- nothing is ordered or merged by a node's clock (see docs/sync.md).

CREATE TABLE staff (
    id              INTEGER PRIMARY KEY,
    username        TEXT NOT NULL UNIQUE,
    role            TEXT NOT NULL CHECK (role IN ('admin', 'trainer')),
    password_hash   TEXT NOT NULL,
    failed_logins   INTEGER NOT NULL DEFAULT 0,
    locked_until    TEXT,
    created_at      TEXT NOT NULL
);

CREATE TABLE sessions (
    token_hash  TEXT PRIMARY KEY,
    staff_id    INTEGER NOT NULL REFERENCES staff(id) ON DELETE CASCADE,
    created_at  TEXT NOT NULL,
    expires_at  TEXT NOT NULL
);

CREATE TABLE stations (
    id                  INTEGER PRIMARY KEY,
    code                TEXT NOT NULL UNIQUE,
    name                TEXT NOT NULL,
    enroll_token_hash   TEXT,
    enroll_expires_at   TEXT,
    created_at          TEXT NOT NULL,
    -- filled in by sync
    last_sync_at        TEXT,
    node_version        TEXT,
    pending             INTEGER NOT NULL DEFAULT 0,
    clock_offset_s      INTEGER
);

CREATE TABLE officers (
    id              INTEGER PRIMARY KEY,
    badge           TEXT NOT NULL UNIQUE,
    given_names     TEXT NOT NULL,
    family_names    TEXT NOT NULL,
    rank            TEXT NOT NULL,
    station_id      INTEGER NOT NULL REFERENCES stations(id),
    pin_hash        TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);
CREATE INDEX officers_station ON officers(station_id);

-- Every station an officer has belonged to, so a move keeps the history.
CREATE TABLE officer_postings (
    officer_id  INTEGER NOT NULL REFERENCES officers(id),
    station_id  INTEGER NOT NULL REFERENCES stations(id),
    since       TEXT NOT NULL,
    PRIMARY KEY (officer_id, station_id, since)
);

-- Content-addressed file store: a file shared by several course versions is stored once.
CREATE TABLE blobs (
    sha256  TEXT PRIMARY KEY,
    size    INTEGER NOT NULL,
    data    BLOB NOT NULL
);

CREATE TABLE course_versions (
    id              INTEGER PRIMARY KEY,
    course_id       TEXT NOT NULL,
    version         INTEGER NOT NULL,
    title_json      TEXT NOT NULL,
    area            TEXT NOT NULL,
    hours           REAL NOT NULL,
    manifest        BLOB NOT NULL,
    signature       BLOB NOT NULL,
    published_by    TEXT NOT NULL,
    published_at    TEXT NOT NULL,
    UNIQUE (course_id, version)
);

CREATE TABLE version_files (
    version_id  INTEGER NOT NULL REFERENCES course_versions(id),
    path        TEXT NOT NULL,
    sha256      TEXT NOT NULL REFERENCES blobs(sha256),
    size        INTEGER NOT NULL,
    PRIMARY KEY (version_id, path)
);

-- Attempts arrive from nodes through sync; an attempt is an append-only fact.
CREATE TABLE attempts (
    id              TEXT PRIMARY KEY,
    officer_id      INTEGER NOT NULL REFERENCES officers(id),
    station_id      INTEGER NOT NULL REFERENCES stations(id),
    course_id       TEXT NOT NULL,
    course_version  INTEGER NOT NULL,
    score           REAL NOT NULL,
    passed          INTEGER NOT NULL,
    submitted_at    TEXT NOT NULL,
    received_at     TEXT NOT NULL
);
CREATE INDEX attempts_officer ON attempts(officer_id);
CREATE INDEX attempts_course ON attempts(course_id, course_version);

CREATE TABLE certificates (
    id              TEXT PRIMARY KEY,
    code            TEXT NOT NULL UNIQUE,
    officer_id      INTEGER NOT NULL REFERENCES officers(id),
    course_id       TEXT NOT NULL,
    course_version  INTEGER NOT NULL,
    issued_at       TEXT NOT NULL,
    expires_at      TEXT,
    revoked_at      TEXT,
    revoked_reason  TEXT
);
CREATE INDEX certificates_officer ON certificates(officer_id);

CREATE TABLE audit (
    id      INTEGER PRIMARY KEY,
    at      TEXT NOT NULL,
    actor   TEXT NOT NULL,
    action  TEXT NOT NULL,
    detail  TEXT NOT NULL
);

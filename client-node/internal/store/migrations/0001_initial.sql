-- Aula station node: first schema. Times are UTC RFC 3339 text from the node's own clock, which may
-- be wrong: they are shown, never used to order or merge (see docs/sync.md).

CREATE TABLE meta (
    key     TEXT PRIMARY KEY,
    value   TEXT NOT NULL
);

-- Course versions installed from the center (signed manifest + content-addressed files).
CREATE TABLE course_versions (
    id              INTEGER PRIMARY KEY,
    course_id       TEXT NOT NULL,
    version         INTEGER NOT NULL,
    manifest        BLOB NOT NULL,
    signature       BLOB NOT NULL,
    installed_at    TEXT NOT NULL,
    UNIQUE (course_id, version)
);

CREATE TABLE blobs (
    sha256  TEXT PRIMARY KEY,
    size    INTEGER NOT NULL,
    data    BLOB NOT NULL
);

CREATE TABLE version_files (
    version_id  INTEGER NOT NULL REFERENCES course_versions(id),
    path        TEXT NOT NULL,
    sha256      TEXT NOT NULL REFERENCES blobs(sha256),
    PRIMARY KEY (version_id, path)
);

-- The station roster, as the center sends it. Officers moved away stay (active = 0) so their
-- recorded results keep a name; they can no longer log in here.
CREATE TABLE officers (
    badge           TEXT PRIMARY KEY,
    given_names     TEXT NOT NULL,
    family_names    TEXT NOT NULL,
    rank            TEXT NOT NULL,
    pin_hash        TEXT NOT NULL,
    active          INTEGER NOT NULL DEFAULT 1
);

-- Local login failures, kept apart from the roster so a roster update never clears a lockout.
CREATE TABLE login_failures (
    badge           TEXT PRIMARY KEY,
    failures        INTEGER NOT NULL,
    locked_until    TEXT
);

CREATE TABLE sessions (
    token_hash  TEXT PRIMARY KEY,
    badge       TEXT NOT NULL REFERENCES officers(badge),
    created_at  TEXT NOT NULL,
    last_seen   TEXT NOT NULL
);

-- Lesson progress: the set of lessons read only grows; the last position is the last lesson opened.
CREATE TABLE lessons_read (
    badge       TEXT NOT NULL REFERENCES officers(badge),
    course_id   TEXT NOT NULL,
    lesson_id   TEXT NOT NULL,
    read_at     TEXT NOT NULL,
    PRIMARY KEY (badge, course_id, lesson_id)
);

CREATE TABLE course_position (
    badge       TEXT NOT NULL REFERENCES officers(badge),
    course_id   TEXT NOT NULL,
    lesson_id   TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    PRIMARY KEY (badge, course_id)
);

-- Attempts are append-only facts once submitted. secret seeds the paper (never sent to a terminal).
CREATE TABLE attempts (
    id              TEXT PRIMARY KEY,
    badge           TEXT NOT NULL REFERENCES officers(badge),
    course_id       TEXT NOT NULL,
    course_version  INTEGER NOT NULL,
    secret          TEXT NOT NULL,
    started_at      TEXT NOT NULL,
    deadline        TEXT,
    submitted_at    TEXT,
    timed_out       INTEGER NOT NULL DEFAULT 0,
    score           REAL,
    passed          INTEGER,
    result          TEXT
);
CREATE INDEX attempts_officer ON attempts(badge, course_id, course_version);

-- Answers saved as the officer goes, one row per question, so a power cut loses at most the
-- question on screen.
CREATE TABLE answers (
    attempt_id  TEXT NOT NULL REFERENCES attempts(id),
    question_id TEXT NOT NULL,
    response    TEXT NOT NULL,
    saved_at    TEXT NOT NULL,
    PRIMARY KEY (attempt_id, question_id)
);

-- Records waiting to go up to the center, in the order they happened here.
CREATE TABLE outbox (
    seq         INTEGER PRIMARY KEY AUTOINCREMENT,
    kind        TEXT NOT NULL,
    record_id   TEXT NOT NULL,
    payload     BLOB NOT NULL,
    created_at  TEXT NOT NULL
);

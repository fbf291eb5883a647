-- Sync: enrolled nodes, the change feed nodes pull from, and what nodes push.

CREATE TABLE nodes (
    id              TEXT PRIMARY KEY,
    station_id      INTEGER NOT NULL REFERENCES stations(id),
    public_key      BLOB NOT NULL UNIQUE,
    enrolled_at     TEXT NOT NULL,
    revoked_at      TEXT,
    acked_seq       INTEGER NOT NULL DEFAULT 0,   -- highest contiguous outbox sequence applied
    cursor          INTEGER NOT NULL DEFAULT 0,   -- last change the node said it applied
    node_version    TEXT,
    last_sync_at    TEXT,                          -- center clock
    clock_offset_s  INTEGER,                       -- node clock minus center clock at last sync
    pending         INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX nodes_station ON nodes(station_id);

-- The change feed. station_id NULL: for every station (courses, revocations).
CREATE TABLE changes (
    seq         INTEGER PRIMARY KEY AUTOINCREMENT,
    station_id  INTEGER REFERENCES stations(id),
    kind        TEXT NOT NULL,
    ref         TEXT NOT NULL,
    created_at  TEXT NOT NULL
);
CREATE INDEX changes_station ON changes(station_id, seq);

-- What the node said and what the center found when it re-scored.
ALTER TABLE attempts ADD COLUMN node_id TEXT;
ALTER TABLE attempts ADD COLUMN node_seq INTEGER;
ALTER TABLE attempts ADD COLUMN secret TEXT;
ALTER TABLE attempts ADD COLUMN responses TEXT;
ALTER TABLE attempts ADD COLUMN started_at TEXT;
ALTER TABLE attempts ADD COLUMN timed_out INTEGER NOT NULL DEFAULT 0;
ALTER TABLE attempts ADD COLUMN node_score REAL;
ALTER TABLE attempts ADD COLUMN score_mismatch INTEGER NOT NULL DEFAULT 0;

CREATE TABLE lessons_read (
    officer_id  INTEGER NOT NULL REFERENCES officers(id),
    course_id   TEXT NOT NULL,
    lesson_id   TEXT NOT NULL,
    station_id  INTEGER NOT NULL REFERENCES stations(id),
    read_at     TEXT NOT NULL,   -- node clock, display only
    PRIMARY KEY (officer_id, course_id, lesson_id)
);

-- Records received but set aside for an administrator, never dropped silently.
CREATE TABLE sync_rejects (
    id          INTEGER PRIMARY KEY,
    node_id     TEXT NOT NULL,
    seq         INTEGER NOT NULL,
    kind        TEXT NOT NULL,
    reason      TEXT NOT NULL,
    payload     TEXT NOT NULL,
    received_at TEXT NOT NULL,
    UNIQUE (node_id, seq)
);

-- Required training as the center last sent it (a requirements change, protocol version 3),
-- replaced whole by each one: the requirements that apply to this station, the day each first
-- applied to each officer, and the completions of required courses the center holds (including
-- those earned at other stations). Days are YYYY-MM-DD in the center's time zone. The station's
-- agency, state and the center's time of the change live in meta.
CREATE TABLE requirements (
    id          INTEGER PRIMARY KEY,
    course_id   TEXT NOT NULL,
    agency      TEXT NOT NULL DEFAULT '',
    station     TEXT NOT NULL DEFAULT '',
    rank        TEXT NOT NULL DEFAULT '',
    due_date    TEXT,               -- exactly one of due_date and due_days
    due_days    INTEGER,
    window_days INTEGER NOT NULL DEFAULT 0
);

-- One row per officer: "ID=YYYY-MM-DD,ID=YYYY-MM-DD" (requirement id and the day it first applied
-- to him), so a station's page reads 400 rows, not 4,000.
CREATE TABLE requirement_applied (
    badge       TEXT PRIMARY KEY,
    applied     TEXT NOT NULL
);

CREATE TABLE center_completions (
    badge           TEXT NOT NULL,
    course_id       TEXT NOT NULL,
    course_version  INTEGER NOT NULL,
    completed_on    TEXT NOT NULL,
    expires_on      TEXT,               -- NULL: never expires
    revoked         INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX center_completions_badge ON center_completions(badge, course_id);

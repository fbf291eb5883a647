-- Programme (issue 15): agencies (police forces), the agency and state of each station, four
-- staff roles with a coordinator's agency, and station commanders.

CREATE TABLE agencies (
    id          INTEGER PRIMARY KEY,
    code        TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL,
    created_at  TEXT NOT NULL
);

-- Both optional: stations registered by old scripts have neither until an administrator says.
ALTER TABLE stations ADD COLUMN agency_id INTEGER REFERENCES agencies(id);
ALTER TABLE stations ADD COLUMN state TEXT;
CREATE INDEX stations_agency ON stations(agency_id);

-- A commander of his station sees its compliance table on the node (travels down in the roster).
ALTER TABLE officers ADD COLUMN commander INTEGER NOT NULL DEFAULT 0;

-- Staff roles grow from admin|trainer to admin|coordinator|trainer|auditor. SQLite cannot alter a
-- CHECK constraint, so the table is rebuilt (the documented create-copy-drop-rename procedure);
-- the sessions, which cascade on the drop, are kept aside and put back.
CREATE TABLE staff_new (
    id              INTEGER PRIMARY KEY,
    username        TEXT NOT NULL UNIQUE,
    role            TEXT NOT NULL CHECK (role IN ('admin', 'coordinator', 'trainer', 'auditor')),
    password_hash   TEXT NOT NULL,
    failed_logins   INTEGER NOT NULL DEFAULT 0,
    locked_until    TEXT,
    created_at      TEXT NOT NULL,
    token_gen       INTEGER NOT NULL DEFAULT 0,
    logins_pending  INTEGER NOT NULL DEFAULT 0,
    pending_since   TEXT,
    agency_id       INTEGER REFERENCES agencies(id),
    CHECK ((role = 'coordinator') = (agency_id IS NOT NULL))
);
INSERT INTO staff_new (id, username, role, password_hash, failed_logins, locked_until, created_at, token_gen, logins_pending, pending_since)
    SELECT id, username, role, password_hash, failed_logins, locked_until, created_at, token_gen, logins_pending, pending_since FROM staff;
CREATE TABLE sessions_kept (token_hash TEXT, staff_id INTEGER, created_at TEXT, expires_at TEXT);
INSERT INTO sessions_kept SELECT token_hash, staff_id, created_at, expires_at FROM sessions;
DROP TABLE staff;
ALTER TABLE staff_new RENAME TO staff;
DELETE FROM sessions;
INSERT INTO sessions (token_hash, staff_id, created_at, expires_at) SELECT token_hash, staff_id, created_at, expires_at FROM sessions_kept;
DROP TABLE sessions_kept;

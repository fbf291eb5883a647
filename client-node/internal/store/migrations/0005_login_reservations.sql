-- PIN checks are reserved before argon2id runs, so parallel guesses cannot all pass the lockout
-- check: per badge, the checks under way and when the last was reserved (a count left by a crash
-- is dropped after a minute; a badge row unused for 15 minutes and not locked is deleted).
ALTER TABLE login_failures ADD COLUMN pending INTEGER NOT NULL DEFAULT 0;
ALTER TABLE login_failures ADD COLUMN pending_since TEXT;

-- Failed PINs per client (terminal), in windows of 15 minutes: one PIN tried across many badges
-- from one terminal is stopped after 10 failures.
CREATE TABLE login_clients (
    client          TEXT PRIMARY KEY,
    failures        INTEGER NOT NULL DEFAULT 0,
    pending         INTEGER NOT NULL DEFAULT 0,
    window_start    TEXT NOT NULL
);

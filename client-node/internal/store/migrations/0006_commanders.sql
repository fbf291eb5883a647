-- Station commanders (issue 15): the roster's commander flag (protocol version 3), 0 or 1. A
-- commander sees the station's compliance page after logging in with badge and PIN.
ALTER TABLE officers ADD COLUMN commander INTEGER NOT NULL DEFAULT 0;

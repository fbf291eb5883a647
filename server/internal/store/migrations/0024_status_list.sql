-- Issue 19: each certificate's bit in the Bitstring Status List credentials the center serves
-- (docs/evidence.md), given the first time its Open Badges 3.0 credential is made, never reused.
CREATE TABLE status_entries (
    certificate_id  TEXT PRIMARY KEY REFERENCES certificates(id),
    list_index      INTEGER NOT NULL UNIQUE
);

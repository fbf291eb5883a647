-- A keyed MAC (HMAC-SHA256) of each officer's badge and PIN. The key (pin-check.key) lives in the
-- data folder, never in this database: a re-import tells an unchanged PIN from a new one without
-- running argon2id again. It never leaves the center (station rosters carry pin_hash only).
ALTER TABLE officers ADD COLUMN pin_check TEXT NOT NULL DEFAULT '';

-- Staff API tokens can be ended before they expire. A password change raises the account's
-- token generation: tokens carry the generation they were issued under and an older one is
-- refused. Logout ends one token: its id is kept here until the token would have expired anyway.
ALTER TABLE staff ADD COLUMN token_gen BIGINT NOT NULL DEFAULT 0;

CREATE TABLE revoked_tokens (
    jti         TEXT PRIMARY KEY,
    expires_at  TEXT NOT NULL
);

-- Password checks under way for an account (reserved before argon2id runs, so that parallel
-- guesses cannot all pass the lockout check), and when the last was reserved: a count left by a
-- crash is dropped after a minute.
ALTER TABLE staff ADD COLUMN logins_pending BIGINT NOT NULL DEFAULT 0;
ALTER TABLE staff ADD COLUMN pending_since TEXT;

-- Course uploads waiting to be published (issue 21): an uploaded .zip that passed the checks is kept
-- here, with what it holds, until a staff member looks at its preview and publishes that exact
-- upload, or discards it. Uploads older than a day are dropped when another one arrives.
CREATE TABLE course_uploads (
    id             TEXT PRIMARY KEY,
    filename       TEXT NOT NULL,
    sha256         TEXT NOT NULL,
    data           BYTEA NOT NULL,
    course_id      TEXT NOT NULL,
    course_version BIGINT NOT NULL,
    title_json     TEXT NOT NULL,
    uploaded_by    TEXT NOT NULL,
    uploaded_at    TEXT NOT NULL
);

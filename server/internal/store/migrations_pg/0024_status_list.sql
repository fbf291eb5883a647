-- PostgreSQL port of migrations/0024_status_list.sql.
CREATE TABLE status_entries (
    certificate_id  TEXT PRIMARY KEY REFERENCES certificates(id),
    list_index      BIGINT NOT NULL UNIQUE
);

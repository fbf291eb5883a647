-- PostgreSQL port of migrations/0026_compliance_scope_indexes.sql.
CREATE INDEX stations_state ON stations(state);

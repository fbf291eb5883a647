-- Officers: a folded search key (badge and names in lower case without accents, store.Fold),
-- written by the center with every change of an officer, so that "suarez" finds "Suárez"; and
-- whether the officer may log in (0: deactivated by an administrator, left out of every station's
-- roster, results kept).
ALTER TABLE officers ADD COLUMN search TEXT NOT NULL DEFAULT '';
ALTER TABLE officers ADD COLUMN active BIGINT NOT NULL DEFAULT 1;

-- The officer (badge) an audit entry is about; '' for entries about no one officer.
ALTER TABLE audit ADD COLUMN subject TEXT NOT NULL DEFAULT '';
CREATE INDEX audit_subject ON audit(subject, id) WHERE subject != '';

-- Item analysis at scale (issue 18). Each attempt keeps the per-question results of the center's
-- own score (courses/analysis EncodeItems: question, credit, answered, options chosen; about 3
-- bytes a question), written when the attempt is applied, so the analysis of a course version
-- streams small precomputed rows instead of drawing and scoring every paper again. Attempts
-- received before this migration hold NULL until the start-up backfill (or the first analysis of
-- their version) scores them once.
ALTER TABLE attempts ADD COLUMN items BLOB;

-- The analysis reads a version's attempts officer by officer in order of arrival from this index
-- alone (it covers every column the analysis reads), without visiting the table's rows.
DROP INDEX attempts_analysis;
CREATE INDEX attempts_analysis ON attempts(course_id, course_version, officer_id, received_at, node_seq, station_id, node_id, items);

-- The attempts still to be scored: empty once the backfill is done (every new attempt arrives
-- scored).
CREATE INDEX attempts_unscored ON attempts(course_id, course_version, id) WHERE items IS NULL;

-- Item analysis (issue 18). Attempts of one course version are read officer by officer in the
-- order they reached the center (each node's records arrive in its sequence order), so the first
-- attempt of each officer is the first row of his group and a million attempts stream without a
-- sort.
CREATE INDEX attempts_analysis ON attempts(course_id, course_version, officer_id, received_at, node_seq);

-- Where and when a lesson reading arrived, to tell whether it came before an attempt without
-- trusting any clock: on the same node by its sequence, otherwise by the order of arrival. Rows
-- received before this migration hold NULL (their order is unknown). seconds is the reading time
-- a node measured (NULL: not measured).
ALTER TABLE lessons_read ADD COLUMN node_id TEXT;
ALTER TABLE lessons_read ADD COLUMN node_seq INTEGER;
ALTER TABLE lessons_read ADD COLUMN received_at TEXT;
ALTER TABLE lessons_read ADD COLUMN seconds INTEGER;

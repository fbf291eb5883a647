-- The certificates page lists the newest issued first, a page at a time: from an index in that
-- exact order it stops at the page's end instead of sorting every certificate (a million at
-- national scale: docs/benchmarks.md), and no planner finds sorting cheaper for a short page.
-- (The attempts pages read the attempts table backwards, in the order they were written: no index.)
CREATE INDEX certificates_issued ON certificates(issued_at DESC, id);

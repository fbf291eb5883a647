-- The home page's latest completions and the attempts page (newest received first, a page at a
-- time) read the attempts in that order from an index and stop at the page's end, instead of
-- sorting every attempt (3 million at national scale: docs/benchmarks.md). The index has the
-- lists' exact order, so that no planner finds sorting cheaper for a short page.
CREATE INDEX attempts_received ON attempts(received_at DESC, id);
-- The certificates page lists the newest issued first in the same way.
CREATE INDEX certificates_issued ON certificates(issued_at DESC, id);

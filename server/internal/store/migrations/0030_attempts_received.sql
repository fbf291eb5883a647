-- The home page's latest completions (ListAttempts, newest received first, LIMIT 10) read the
-- attempts in that order from an index and stop at the tenth, instead of sorting every attempt
-- (3 million at national scale: docs/benchmarks.md).
CREATE INDEX attempts_received ON attempts(received_at);

-- Rolling upgrades (docs/sync.md): the node's clock offset (node minus center, seconds) observed
-- when each attempt arrived, for due-date judgements (NULL: received before this column, or from a
-- push that gave no node time before its records); and the sync protocol version each node spoke
-- last, so the stations still on an older program can be found.
ALTER TABLE attempts ADD COLUMN clock_offset_s BIGINT;
ALTER TABLE nodes ADD COLUMN protocol BIGINT;

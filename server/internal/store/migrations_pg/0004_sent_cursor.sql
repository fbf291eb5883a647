-- The highest change the center has sent each node: a node reporting a cursor beyond it saw
-- changes this store no longer has (it was restored from an older backup), and is sent
-- everything again.
ALTER TABLE nodes ADD COLUMN sent_cursor BIGINT NOT NULL DEFAULT 0;

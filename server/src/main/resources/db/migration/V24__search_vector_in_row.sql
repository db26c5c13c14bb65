-- A shard's full-text vector stays in its row (compressed when that makes the row fit) rather
-- than in the TOAST table: over ~2 KB the default storage moved it out of line, and keyword search
-- reads it for every row it filters and every match it ranks, each read a TOAST index lookup and
-- a few chunk fetches. Kept in the row, a scan matching a word over 6,300 shards took 6.6 ms
-- instead of 15 ms, and keyword searches/s rose by a sixth (bench/README.md, issue 6).
-- Rows written before this keep their out-of-line vectors until they are next updated, or until
-- `VACUUM FULL shards` rewrites the table (not done here: it locks the table while it runs).
alter table shards alter column search set storage main;

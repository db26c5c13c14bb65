-- Whether a type's shards are embedded for semantic search (issue 23): a type of short records
-- that nobody searches by meaning (vendors, SKUs, log lines) can say no and cost no embedding
-- work. Every existing type keeps being embedded. Only the type's own shards: a child type says
-- so for itself.
alter table shard_types add column embed boolean not null default true;

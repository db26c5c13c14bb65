-- Lists of one type read their filters from shard_columns and walk this index in the list's default
-- order (newest first) until the page is full; its prefix serves what shard_columns_type served.
create index shard_columns_type_created on shard_columns (tenant_id, shard_type, created_at, shard_id);
drop index shard_columns_type;

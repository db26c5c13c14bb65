-- HNSW recall@10 against exact search on the same stored vectors (server mode, pgvector).
-- psql variables: tenant (the benchmark tenant), probes ('{uuid,...}': shards of a second tenant
-- whose first chunk's embedding serves as a query vector), ef_search, chunks (the chunk table).
-- Runs the query the server runs (PgVectorIndex: tenant condition, ORDER BY cosine distance,
-- iterative scan in relaxed order) once through the HNSW index and once with index scans
-- disabled (a sequential scan and an exact sort), and prints one RESULT line.
\set ON_ERROR_STOP 1
set hnsw.iterative_scan = relaxed_order;
set hnsw.ef_search = :ef_search;
set max_parallel_workers_per_gather = 0;

create temp table probe as
select distinct on (shard_id) shard_id, embedding as q
from :"chunks" where shard_id = any(:'probes'::uuid[]) order by shard_id, chunk_no;

-- the plan of the statement below, to show which pass really uses the HNSW index
create function pg_temp.uses_index(chunks text, tenant uuid) returns boolean language plpgsql as $f$
declare line text; used boolean := false;
begin
  for line in execute format('explain (costs off) select p.shard_id, array(select c.shard_id from %I c where c.tenant_id = %L '
                             'order by c.embedding <=> p.q limit 10) from probe p', chunks, tenant) loop
    used := used or line like '%%Index Scan using%%';
  end loop;
  return used;
end $f$;
select pg_temp.uses_index(:'chunks', :'tenant') as index_used \gset

select clock_timestamp() as t0 \gset
create temp table hnsw_top as
select p.shard_id as probe,
       array(select c.shard_id::text || ':' || c.chunk_no from :"chunks" c where c.tenant_id = :'tenant'
             order by c.embedding <=> p.q limit 10) as ids
from probe p;
select extract(epoch from clock_timestamp() - :'t0'::timestamptz) * 1000 / count(*) as hnsw_ms from probe \gset

set enable_indexscan = off;
set enable_bitmapscan = off;
select pg_temp.uses_index(:'chunks', :'tenant') as exact_used_index \gset
select clock_timestamp() as t1 \gset
create temp table exact_top as
select p.shard_id as probe,
       array(select c.shard_id::text || ':' || c.chunk_no from :"chunks" c where c.tenant_id = :'tenant'
             order by c.embedding <=> p.q limit 10) as ids
from probe p;
select extract(epoch from clock_timestamp() - :'t1'::timestamptz) * 1000 / count(*) as exact_ms from probe \gset

select format('RECALL queries=%s recall_at_10=%s hnsw_ms=%s exact_ms=%s index_used=%s exact_used_index=%s',
              count(*), round(avg((select count(*) from unnest(h.ids) x where x = any(e.ids)) / 10.0), 4),
              round(:hnsw_ms::numeric, 2), round(:exact_ms::numeric, 2), :'index_used', :'exact_used_index')
from hnsw_top h join exact_top e using (probe);

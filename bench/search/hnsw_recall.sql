-- HNSW recall@10 against exact search on the same stored vectors (server mode, pgvector).
-- psql variables: tenant (the benchmark tenant), chunks (the chunk table), ef_search, probes
-- ('{uuid,...}': shards of a second tenant whose first chunk's embedding serves as a query
-- vector; '{}' to use sample_size chunks of the tenant itself, drawn with a fixed seed, each
-- excluded from its own results), sample_size.
-- Runs the query the server runs (PgVectorIndex: tenant condition, chunk rows only (the index
-- is partial since V23; sentence rows are compared only with the shards found), ORDER BY cosine distance,
-- iterative scan in relaxed order) once through the HNSW index and once with index scans
-- disabled (a sequential scan and an exact sort), and prints one RESULT line with two recalls:
-- by chunk identity, and counting an HNSW result as right when it is no farther than the exact
-- 10th neighbour (generated text has near-ties that identity alone would count as misses).
\set ON_ERROR_STOP 1
\if :{?sample_size}
\else
  \set sample_size 100
\endif
set hnsw.iterative_scan = relaxed_order;
set hnsw.ef_search = :ef_search;
set max_parallel_workers_per_gather = 0;

select setseed(0.42);
create temp table probe as
select distinct on (shard_id) shard_id, chunk_no, embedding as q
from :"chunks" where shard_id = any(:'probes'::uuid[]) and sentence_of is null order by shard_id, chunk_no;
insert into probe
select shard_id, chunk_no, embedding from :"chunks"
where tenant_id = :'tenant' and sentence_of is null and cardinality(:'probes'::uuid[]) = 0
order by random() limit :sample_size;
-- a probe taken from the tenant's own chunks must not find itself
alter table probe add column self text;
update probe set self = case when cardinality(:'probes'::uuid[]) = 0 then shard_id::text || ':' || chunk_no else '' end;

-- the plan of the statement below, to show which pass really uses the HNSW index
create function pg_temp.uses_index(chunks text, tenant uuid) returns boolean language plpgsql as $f$
declare line text; used boolean := false;
begin
  for line in execute format('explain (costs off) select p.shard_id, array(select c.shard_id from %I c where c.tenant_id = %L and c.sentence_of is null '
                             'order by c.embedding <=> p.q limit 11) from probe p', chunks, tenant) loop
    used := used or line like '%%Index Scan using%%';
  end loop;
  return used;
end $f$;
select pg_temp.uses_index(:'chunks', :'tenant') as index_used \gset

-- 11 fetched, the probe itself dropped, 10 kept: the same on both passes
select clock_timestamp() as t0 \gset
create temp table hnsw_top as
select p.shard_id::text || ':' || p.chunk_no as probe, p.self,
       array(select c.shard_id::text || ':' || c.chunk_no || '=' || (c.embedding <=> p.q)::text from :"chunks" c
             where c.tenant_id = :'tenant' and c.sentence_of is null order by c.embedding <=> p.q limit 11) as hits
from probe p;
select extract(epoch from clock_timestamp() - :'t0'::timestamptz) * 1000 / count(*) as hnsw_ms from probe \gset

set enable_indexscan = off;
set enable_bitmapscan = off;
select pg_temp.uses_index(:'chunks', :'tenant') as exact_used_index \gset
select clock_timestamp() as t1 \gset
create temp table exact_top as
select p.shard_id::text || ':' || p.chunk_no as probe, p.self,
       array(select c.shard_id::text || ':' || c.chunk_no || '=' || (c.embedding <=> p.q)::text from :"chunks" c
             where c.tenant_id = :'tenant' and c.sentence_of is null order by c.embedding <=> p.q limit 11) as hits
from probe p;
select extract(epoch from clock_timestamp() - :'t1'::timestamptz) * 1000 / count(*) as exact_ms from probe \gset

create temp table pairs as
with h as (select probe, split_part(x, '=', 1) as id, split_part(x, '=', 2)::float8 as d, n
           from hnsw_top, unnest(hits) with ordinality as u(x, n) where split_part(x, '=', 1) <> self),
     e as (select probe, split_part(x, '=', 1) as id, split_part(x, '=', 2)::float8 as d, n
           from exact_top, unnest(hits) with ordinality as u(x, n) where split_part(x, '=', 1) <> self),
     h10 as (select *, row_number() over (partition by probe order by n) as k from h),
     e10 as (select *, row_number() over (partition by probe order by n) as k from e)
select e.probe,
       (select count(*) from h10 where h10.probe = e.probe and h10.k <= 10
          and h10.id in (select id from e10 where e10.probe = e.probe and e10.k <= 10)) as same_ids,
       (select count(*) from h10 where h10.probe = e.probe and h10.k <= 10
          and h10.d <= (select max(d) from e10 where e10.probe = e.probe and e10.k <= 10) + 1e-6) as within_kth
from (select distinct probe from e) e;

select format('RECALL queries=%s recall_at_10=%s recall_at_10_ties=%s hnsw_ms=%s exact_ms=%s index_used=%s exact_used_index=%s',
              count(*), round(avg(same_ids / 10.0), 4), round(avg(within_kth / 10.0), 4),
              round(:hnsw_ms::numeric, 2), round(:exact_ms::numeric, 2), :'index_used', :'exact_used_index')
from pairs;

#!/usr/bin/env bash
# What PostgreSQL alone needs for the vector statements of one server-mode search, at the
# benchmark's concurrency: pgbench runs them (and nothing else: no HTTP, no JVM, no permission
# or shard reads) from 8 clients against a tenant that load.py filled, with real question vectors,
# and prints throughput and latency percentiles. A search cannot be faster than this floor.
#
#   bench/search/pg_floor.sh [database] [tenant-uuid]   (defaults: castiel_search_bench, its largest tenant)
#   env: CLIENTS (8), DURATION (30 s), EF_SEARCH (200), ROWS (200, SearchService.MIN_CHUNK_ROWS),
#        PGHOST (127.0.0.1), PGUSER (postgres)
#
# Query vectors: the first chunk of each shard of the database's other tenants (load.py stores
# its probe questions as shards of a second tenant), else 200 of the tenant's sentence rows.
# Scripts: "hnsw" is stage 1 (PgVectorIndex.nearest); "hnsw+sentences" is stage 1 and stage 2
# (PgVectorIndex.closestSentences over the shards stage 1 found) in one statement. The query
# vector is read first and bound as a parameter, as the server binds it, so that the distance
# selected and the one ordered by are one expression, computed once per row.
set -euo pipefail
DB=${1:-castiel_search_bench}
export PGHOST=${PGHOST:-127.0.0.1} PGUSER=${PGUSER:-postgres}
TENANT=${2:-$(psql -d "$DB" -Atc "select tenant_id from shard_chunks group by 1 order by count(*) desc limit 1")}
CLIENTS=${CLIENTS:-8}; DURATION=${DURATION:-30}; EF_SEARCH=${EF_SEARCH:-200}; ROWS=${ROWS:-200}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

psql -d "$DB" -q -v ON_ERROR_STOP=1 -v tenant="$TENANT" <<'SQL'
drop table if exists bench_query_vectors;
create table bench_query_vectors as
select row_number() over () as id, v from (
    select distinct on (shard_id) embedding as v from shard_chunks
    where tenant_id <> :'tenant' and sentence_of is null order by shard_id, chunk_no) probes;
insert into bench_query_vectors
select row_number() over (), embedding from (
    select embedding from shard_chunks where tenant_id = :'tenant' and sentence_of is not null order by shard_id, chunk_no limit 200) sentences
where not exists (select 1 from bench_query_vectors);
analyze bench_query_vectors;
SQL
N=$(psql -d "$DB" -Atc "select count(*) from bench_query_vectors")
echo "database $DB, tenant $TENANT: $(psql -d "$DB" -Atc "select count(*) filter (where sentence_of is null) || ' chunk rows, ' || count(*) filter (where sentence_of is not null) || ' sentence rows' from shard_chunks where tenant_id = '$TENANT'"); $N query vectors"

cat > "$WORK/hnsw.sql" <<SQL
\set id random(1, $N)
select v::text as q from bench_query_vectors where id = :id \gset
begin;
select set_config('hnsw.ef_search', '$EF_SEARCH', true), set_config('hnsw.iterative_scan', 'relaxed_order', true);
select shard_id, chunk_no, embedding <=> :q as distance from shard_chunks
where tenant_id = '$TENANT' and sentence_of is null order by embedding <=> :q limit $ROWS;
commit;
SQL
cat > "$WORK/hnsw+sentences.sql" <<SQL
\set id random(1, $N)
select v::text as q from bench_query_vectors where id = :id \gset
begin;
select set_config('hnsw.ef_search', '$EF_SEARCH', true), set_config('hnsw.iterative_scan', 'relaxed_order', true);
with found as materialized (
    select shard_id, embedding <=> :q as distance from shard_chunks
    where tenant_id = '$TENANT' and sentence_of is null order by embedding <=> :q limit $ROWS),
rows as materialized (
    select shard_id, chunk_no, embedding <=> :q as distance from shard_chunks
    where tenant_id = '$TENANT' and shard_id = any(array(select distinct shard_id from found)) and sentence_of is not null)
select distinct on (shard_id) shard_id, chunk_no, distance from rows order by shard_id, distance;
commit;
SQL

# the plan of stage 1, to show that it walks an HNSW index
psql -d "$DB" -At <<SQL | grep -m1 -o 'Index Scan using [a-z_0-9]*' | sed 's/^/stage 1: /'
select set_config('hnsw.ef_search', '$EF_SEARCH', false), set_config('hnsw.iterative_scan', 'relaxed_order', false);
explain (costs off) select shard_id, chunk_no from shard_chunks where tenant_id = '$TENANT' and sentence_of is null
order by embedding <=> (select v from bench_query_vectors where id = 1) limit $ROWS;
SQL

for script in hnsw hnsw+sentences; do
    (cd "$WORK" && rm -f pgbench_log.* && pgbench -n -M prepared -c "$CLIENTS" -j 2 -T "$DURATION" -l -f "$script.sql" "$DB" > "$script.out" 2>&1) || { cat "$WORK/$script.out"; exit 1; }
    python3 - "$script" "$WORK" "$DURATION" <<'PY'
import glob, sys
name, work, duration = sys.argv[1], sys.argv[2], float(sys.argv[3])
lat = sorted(int(line.split()[2]) / 1000 for f in glob.glob(work + "/pgbench_log.*") for line in open(f))
pct = lambda p: lat[min(len(lat) - 1, int(p / 100 * len(lat)))]
print(f"{name:16s} {len(lat) / duration:7.1f} /s   p50 {pct(50):6.1f} ms   p95 {pct(95):6.1f} ms   p99 {pct(99):6.1f} ms")
PY
done

-- Semantic search: each shard's text split into chunks with one embedding each, the per-shard
-- content hash that spares re-embedding unchanged text, and the backlog of shards to (re)embed.
-- The embedding column is real[] here so that every PostgreSQL can migrate; where the pgvector
-- extension is installed, V16 turns it into vector(384) with an HNSW index.

-- Owned by the shard module (shown on every shard), written by the search module through
-- ShardSearch. Existing shards are queued below, so they start out pending.
alter table shards add column embedding_status text not null default 'pending'
    check (embedding_status in ('pending', 'ready', 'failed', 'none'));
update shards set embedding_status = 'none' where status = 'deleted';

create table shard_chunks (
    tenant_id  uuid not null references tenants (id) on delete cascade,
    shard_id   uuid not null,
    chunk_no   integer not null,
    content    text not null,
    embedding  real[] not null,
    primary key (tenant_id, shard_id, chunk_no)
);

create table shard_embeddings (
    tenant_id     uuid not null references tenants (id) on delete cascade,
    shard_id      uuid not null,
    content_hash  text not null,
    model         text not null,
    chunks        integer not null,
    embedded_at   timestamptz not null default now(),
    primary key (tenant_id, shard_id)
);

-- Bumped with every change to a tenant's chunks: a node that keeps the tenant's vectors in
-- memory (embedded mode) reloads them when the number it loaded them at is no longer current.
create table vector_generations (
    tenant_id   uuid primary key references tenants (id) on delete cascade,
    generation  bigint not null
);

-- The backlog. A write only adds a row here (through its event, after commit); workers on any
-- node claim rows with a lease (embedding_claim), so a crashed worker's rows come back.
create table embedding_queue (
    tenant_id     uuid not null references tenants (id) on delete cascade,
    shard_id      uuid not null,
    enqueued_at   timestamptz not null default clock_timestamp(),
    -- re-embed even when the content hash is unchanged (a reindex, e.g. after a model change)
    force         boolean not null default false,
    attempts      integer not null default 0,
    leased_until  timestamptz,
    primary key (tenant_id, shard_id)
);
create index embedding_queue_enqueued on embedding_queue (enqueued_at);

insert into embedding_queue (tenant_id, shard_id) select tenant_id, id from shards where status <> 'deleted';

alter table shard_chunks enable row level security;
alter table shard_embeddings enable row level security;
alter table vector_generations enable row level security;
alter table embedding_queue enable row level security;
create policy tenant_isolation on shard_chunks
    using (tenant_id = app_tenant_id()) with check (tenant_id = app_tenant_id());
create policy tenant_isolation on shard_embeddings
    using (tenant_id = app_tenant_id()) with check (tenant_id = app_tenant_id());
create policy tenant_isolation on vector_generations
    using (tenant_id = app_tenant_id()) with check (tenant_id = app_tenant_id());
create policy tenant_isolation on embedding_queue
    using (tenant_id = app_tenant_id()) with check (tenant_id = app_tenant_id());

-- The workers run outside any tenant: they claim the oldest rows of all tenants, then process
-- each tenant's rows inside that tenant. Leased rows are skipped; SKIP LOCKED lets several
-- nodes claim at once without waiting on each other.
create function embedding_claim(p_limit int, p_lease_seconds int)
    returns table (tenant_id uuid, shard_id uuid, enqueued_at timestamptz, force boolean, attempts int)
    language sql volatile security definer set search_path = public
    as $$
        with due as (
            select q.tenant_id, q.shard_id from embedding_queue q
            where q.leased_until is null or q.leased_until < now()
            order by q.enqueued_at
            limit p_limit
            for update skip locked
        )
        update embedding_queue q set leased_until = now() + make_interval(secs => p_lease_seconds), attempts = q.attempts + 1
        from due
        where q.tenant_id = due.tenant_id and q.shard_id = due.shard_id
        returning q.tenant_id, q.shard_id, q.enqueued_at, q.force, q.attempts
    $$;

grant select, insert, update, delete on shard_chunks, shard_embeddings, vector_generations, embedding_queue to ${app_role};
grant execute on function embedding_claim(int, int) to ${app_role};

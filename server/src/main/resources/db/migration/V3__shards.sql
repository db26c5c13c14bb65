-- Shard types (tenant-defined; the system built-ins ship with the application), shards with
-- their full revision history, and the relationships that link shards into a graph.

create table shard_types (
    tenant_id         uuid not null references tenants (id) on delete cascade,
    name              text not null check (name ~ '^[a-z][a-z0-9_]{1,62}$'),
    display_name      text,
    description       text,
    parent_type       text,
    schema            jsonb not null,
    encrypted_fields  jsonb not null default '[]',
    embed_fields      jsonb not null default '[]',
    created_by        uuid,
    created_at        timestamptz not null default now(),
    updated_at        timestamptz not null default now(),
    primary key (tenant_id, name)
);
create index shard_types_parent on shard_types (tenant_id, parent_type);

create table shards (
    tenant_id          uuid not null references tenants (id) on delete cascade,
    id                 uuid not null,
    shard_type         text not null,
    structured_data    jsonb not null,
    unstructured_data  jsonb,
    metadata           jsonb,
    status             text not null check (status in ('active', 'archived', 'draft', 'deleted')),
    source             text not null check (source in ('ui', 'api', 'import', 'integration', 'system')),
    revision           integer not null,
    acl                jsonb not null default '[]',
    created_by         uuid,
    created_at         timestamptz not null,
    updated_at         timestamptz not null,
    search             tsvector generated always as (
                           jsonb_to_tsvector('english'::regconfig, structured_data, '["string"]')
                           || to_tsvector('english'::regconfig, coalesce(unstructured_data ->> 'text', ''))
                       ) stored,
    primary key (tenant_id, id)
);
-- Lists: by type (most common) and across types, newest first, keyset-paginated on (created_at, id).
create index shards_type_created on shards (tenant_id, shard_type, created_at, id);
create index shards_created on shards (tenant_id, created_at, id);
create index shards_updated on shards (tenant_id, updated_at, id);
-- where=field:eq:value becomes structured_data @> {...}, served by this index.
create index shards_structured on shards using gin (structured_data jsonb_path_ops);
create index shards_tags on shards using gin ((metadata -> 'tags'));
create index shards_search on shards using gin (search);

create table shard_revisions (
    tenant_id          uuid not null,
    shard_id           uuid not null,
    revision           integer not null,
    shard_type         text not null,
    structured_data    jsonb not null,
    unstructured_data  jsonb,
    metadata           jsonb,
    status             text not null,
    acl                jsonb not null,
    changed_by         uuid,
    changed_at         timestamptz not null,
    primary key (tenant_id, shard_id, revision),
    foreign key (tenant_id, shard_id) references shards (tenant_id, id) on delete cascade
);

create table relationships (
    tenant_id   uuid not null,
    id          uuid not null,
    source_id   uuid not null,
    target_id   uuid not null,
    type        text not null check (type ~ '^[a-z][a-z0-9_]{1,62}$'),
    properties  jsonb not null default '{}',
    created_by  uuid,
    created_at  timestamptz not null,
    primary key (tenant_id, id),
    unique (tenant_id, source_id, target_id, type),
    foreign key (tenant_id, source_id) references shards (tenant_id, id) on delete cascade,
    foreign key (tenant_id, target_id) references shards (tenant_id, id) on delete cascade
);
create index relationships_target on relationships (tenant_id, target_id, type);

create table idempotency_keys (
    tenant_id        uuid not null references tenants (id) on delete cascade,
    actor_id         uuid not null,
    key              text not null,
    request_hash     text not null,
    response_status  integer,
    response_body    text,
    location         text,
    etag             text,
    created_at       timestamptz not null default now(),
    primary key (tenant_id, actor_id, key)
);
create index idempotency_keys_created on idempotency_keys (created_at);

alter table shard_types enable row level security;
alter table shards enable row level security;
alter table shard_revisions enable row level security;
alter table relationships enable row level security;
alter table idempotency_keys enable row level security;
create policy tenant_isolation on shard_types
    using (tenant_id = app_tenant_id()) with check (tenant_id = app_tenant_id());
create policy tenant_isolation on shards
    using (tenant_id = app_tenant_id()) with check (tenant_id = app_tenant_id());
create policy tenant_isolation on shard_revisions
    using (tenant_id = app_tenant_id()) with check (tenant_id = app_tenant_id());
create policy tenant_isolation on relationships
    using (tenant_id = app_tenant_id()) with check (tenant_id = app_tenant_id());
create policy tenant_isolation on idempotency_keys
    using (tenant_id = app_tenant_id()) with check (tenant_id = app_tenant_id());

grant select, insert, update, delete on shard_types, shards, shard_revisions, relationships, idempotency_keys to ${app_role};

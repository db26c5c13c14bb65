-- Which shard each generation of a tenant's vectors changed. A node holding the tenant's vectors
-- in memory (embedded mode) reads the rows of the shards changed since the generation it holds,
-- instead of all the tenant's rows after every change: at 20k chunks with their sentence rows a
-- full load takes 3-16 s, and a busy tenant changes between any two searches. Each change deletes
-- the row 10,000 generations older, so a tenant keeps at most that many; a node further behind
-- loads everything.
create table vector_changes (
    tenant_id   uuid not null references tenants (id) on delete cascade,
    generation  bigint not null,
    shard_id    uuid not null,
    primary key (tenant_id, generation)
);

alter table vector_changes enable row level security;
create policy tenant_isolation on vector_changes
    using (tenant_id = app_tenant_id()) with check (tenant_id = app_tenant_id());
grant select, insert, update, delete on vector_changes to ${app_role};

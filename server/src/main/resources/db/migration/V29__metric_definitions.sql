-- Metric definitions (KPIs): a saved analytics query answering one number, with its display
-- format and the rolling period its value is computed over. Queries stay JSON: the analytics
-- engine validates them against the shard type when they are saved and again when they run.

create table metric_definitions (
    tenant_id     uuid not null references tenants (id) on delete cascade,
    id            uuid not null,
    name          text not null check (name ~ '^[a-z][a-z0-9_]{1,62}$'),
    display_name  text not null,
    query         jsonb not null,
    format        text,
    period        jsonb,
    created_by    uuid,
    created_at    timestamptz not null,
    updated_at    timestamptz not null,
    primary key (tenant_id, id),
    unique (tenant_id, name)
);

alter table metric_definitions enable row level security;
create policy tenant_isolation on metric_definitions
    using (tenant_id = app_tenant_id()) with check (tenant_id = app_tenant_id());

grant select, insert, update, delete on metric_definitions to ${app_role};

-- No index for the aggregations themselves: their plans use what GET /shards already has (the GIN
-- index on structured_data for eq/in filters, shards_type_created for a type, relationships_target
-- for the relationship hop). The fields tenants group by are their own, so expression indexes or
-- statistics on them cannot be declared here.

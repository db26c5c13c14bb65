-- Dashboards (a grid of widgets whose data are analytics queries or metrics), each user's default
-- dashboard, and saved list views of shards. Definitions are stored as JSON: the dashboard module
-- validates them, the database only keeps them.

create table dashboards (
    tenant_id   uuid not null references tenants (id) on delete cascade,
    id          uuid not null,
    -- Null for the built-in starter dashboards a tenant gets when it is created (admins manage them).
    owner_id    uuid,
    name        text not null,
    description text,
    visibility  text not null check (visibility in ('private', 'tenant', 'roles')),
    roles       text[] not null default '{}',
    layout      jsonb not null,
    widgets     jsonb not null,
    revision    integer not null default 1,
    created_at  timestamptz not null default now(),
    updated_at  timestamptz not null default now(),
    primary key (tenant_id, id)
);
create index dashboards_owner on dashboards (tenant_id, owner_id, id);

create table dashboard_defaults (
    tenant_id    uuid not null references tenants (id) on delete cascade,
    user_id      uuid not null,
    dashboard_id uuid not null,
    updated_at   timestamptz not null default now(),
    primary key (tenant_id, user_id),
    foreign key (tenant_id, dashboard_id) references dashboards (tenant_id, id) on delete cascade
);

create table saved_views (
    tenant_id   uuid not null references tenants (id) on delete cascade,
    id          uuid not null,
    owner_id    uuid not null,
    name        text not null,
    shard_type  text not null check (shard_type ~ '^[a-z][a-z0-9_]{1,62}$'),
    where_filters text[] not null default '{}',
    sort        text,
    columns     text[] not null default '{}',
    visibility  text not null check (visibility in ('private', 'tenant')),
    revision    integer not null default 1,
    created_at  timestamptz not null default now(),
    updated_at  timestamptz not null default now(),
    primary key (tenant_id, id)
);
create index saved_views_owner on saved_views (tenant_id, owner_id, id);

alter table dashboards enable row level security;
alter table dashboard_defaults enable row level security;
alter table saved_views enable row level security;
create policy tenant_isolation on dashboards
    using (tenant_id = app_tenant_id()) with check (tenant_id = app_tenant_id());
create policy tenant_isolation on dashboard_defaults
    using (tenant_id = app_tenant_id()) with check (tenant_id = app_tenant_id());
create policy tenant_isolation on saved_views
    using (tenant_id = app_tenant_id()) with check (tenant_id = app_tenant_id());

grant select, insert, update, delete on dashboards, dashboard_defaults, saved_views to ${app_role};

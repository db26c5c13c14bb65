-- Per-tenant, per-role permissions on shard types (both the tenant's own types and the system
-- built-ins, which are not rows of shard_types, hence no foreign key). A missing row means the
-- role's default: viewers read, members read and write. Owners and admins are never restricted,
-- so only the two lower roles can have a row.
create table shard_type_permissions (
    tenant_id    uuid not null references tenants (id) on delete cascade,
    shard_type   text not null check (shard_type ~ '^[a-z][a-z0-9_]{1,62}$'),
    role         text not null check (role in ('member', 'viewer')),
    permissions  text[] not null check (permissions <@ array['read', 'write']::text[]),
    updated_by   uuid,
    updated_at   timestamptz not null default now(),
    primary key (tenant_id, shard_type, role)
);

alter table shard_type_permissions enable row level security;
create policy tenant_isolation on shard_type_permissions
    using (tenant_id = app_tenant_id()) with check (tenant_id = app_tenant_id());

grant select, insert, update, delete on shard_type_permissions to ${app_role};

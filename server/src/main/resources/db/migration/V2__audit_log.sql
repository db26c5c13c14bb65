-- The append-only audit log. The request role may insert and read, never update or delete.
-- Each tenant's rows form a hash chain: hash = SHA-256(content || previous hash), computed in the
-- application and checked by GET /audit-logs/verify; audit_heads holds each chain's tip and
-- serializes appends per tenant. `changes` is json (not jsonb) so its text is kept byte for byte.

create table audit_log (
    tenant_id      uuid not null references tenants (id) on delete cascade,
    seq            bigint not null,
    id             uuid not null,
    actor_id       uuid,
    action         text not null,
    resource_type  text not null,
    resource_id    text,
    changes        json,
    ip             text,
    user_agent     text,
    occurred_at    timestamptz not null,
    prev_hash      text not null,
    hash           text not null,
    primary key (tenant_id, seq)
);
create unique index audit_log_id on audit_log (tenant_id, id);
create index audit_log_resource on audit_log (tenant_id, resource_type, resource_id, seq);
create index audit_log_actor on audit_log (tenant_id, actor_id, seq);
create index audit_log_time on audit_log (tenant_id, occurred_at);

create table audit_heads (
    tenant_id  uuid primary key references tenants (id) on delete cascade,
    seq        bigint not null,
    hash       text not null
);

alter table audit_log enable row level security;
alter table audit_heads enable row level security;
create policy tenant_isolation on audit_log
    using (tenant_id = app_tenant_id()) with check (tenant_id = app_tenant_id());
create policy tenant_isolation on audit_heads
    using (tenant_id = app_tenant_id()) with check (tenant_id = app_tenant_id());

grant select, insert on audit_log to ${app_role};
grant select, insert, update on audit_heads to ${app_role};

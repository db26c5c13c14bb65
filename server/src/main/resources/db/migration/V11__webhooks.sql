-- Webhooks: endpoints a tenant's admins register, and the deliveries of events to them. Each
-- delivery row is one attempt; a failed attempt that will be retried gets a successor row with the
-- same queue_key and attempt + 1, so the endpoint's queue keeps the event's place (ordered delivery).
-- Secrets are stored sealed (AES-GCM with the installation key): signing needs the secret itself.

create table webhook_endpoints (
    tenant_id      uuid not null references tenants (id) on delete cascade,
    id             uuid not null,
    url            text not null,
    events         text[] not null,
    description    text,
    secret_sealed  bytea not null,
    enabled        boolean not null default true,
    disabled_at    timestamptz,
    created_by     uuid,
    created_at     timestamptz not null default now(),
    updated_at     timestamptz not null default now(),
    primary key (tenant_id, id)
);

create table webhook_deliveries (
    tenant_id        uuid not null,
    id               uuid not null,
    endpoint_id      uuid not null,
    queue_key        uuid not null,
    event_id         uuid not null,
    event_type       text not null,
    payload          text not null,
    attempt          int not null,
    -- a manual redelivery is one attempt: no retries, and its failure does not disable the endpoint
    redelivery       boolean not null default false,
    status           text not null check (status in ('pending', 'succeeded', 'failed')),
    response_code    int,
    duration_ms      bigint,
    error            text,
    created_at       timestamptz not null default now(),
    next_attempt_at  timestamptz,
    attempted_at     timestamptz,
    leased_until     timestamptz,
    primary key (tenant_id, id),
    foreign key (tenant_id, endpoint_id) references webhook_endpoints (tenant_id, id) on delete cascade
);
create index webhook_deliveries_log on webhook_deliveries (tenant_id, endpoint_id, id);
create index webhook_deliveries_queue on webhook_deliveries (tenant_id, endpoint_id, queue_key, attempt)
    where status = 'pending';

alter table webhook_endpoints enable row level security;
alter table webhook_deliveries enable row level security;
create policy tenant_isolation on webhook_endpoints
    using (tenant_id = app_tenant_id()) with check (tenant_id = app_tenant_id());
create policy tenant_isolation on webhook_deliveries
    using (tenant_id = app_tenant_id()) with check (tenant_id = app_tenant_id());

-- The delivery workers serve every tenant: this leases (for p_lease_seconds) the due head of each
-- enabled endpoint's queue, at most p_limit of them, and answers only where they are; the worker
-- then reads and updates each delivery inside its tenant. One head per endpoint keeps deliveries
-- ordered and one at a time per endpoint; SKIP LOCKED and the lease keep nodes from sharing one.
create function webhook_claim_heads(p_limit int, p_lease_seconds int)
    returns table (tenant_id uuid, id uuid, endpoint_id uuid)
    language sql volatile security definer set search_path = public
    as $$
        with heads as (
            select distinct on (p.tenant_id, p.endpoint_id) p.tenant_id, p.id, p.endpoint_id, p.next_attempt_at, p.leased_until
            from webhook_deliveries p
            where p.status = 'pending'
            order by p.tenant_id, p.endpoint_id, p.queue_key, p.attempt
        ), due as (
            select h.tenant_id, h.id from heads h
            join webhook_endpoints e on e.tenant_id = h.tenant_id and e.id = h.endpoint_id and e.enabled
            where h.next_attempt_at <= now() and (h.leased_until is null or h.leased_until < now())
            order by h.next_attempt_at
            limit p_limit
        ), locked as (
            select d.tenant_id, d.id from webhook_deliveries d
            where (d.tenant_id, d.id) in (select due.tenant_id, due.id from due)
            for update skip locked
        )
        update webhook_deliveries d set leased_until = now() + make_interval(secs => p_lease_seconds)
        from locked
        where d.tenant_id = locked.tenant_id and d.id = locked.id and d.status = 'pending'
          and (d.leased_until is null or d.leased_until < now())
        returning d.tenant_id, d.id, d.endpoint_id
    $$;

-- The delivery log is kept for a while (castiel.webhooks.log-retention), then purged for all tenants.
create function webhook_purge_deliveries(p_before timestamptz) returns bigint
    language sql volatile security definer set search_path = public
    as $$
        with purged as (
            delete from webhook_deliveries where status <> 'pending' and created_at < p_before returning 1
        )
        select count(*) from purged
    $$;

grant select, insert, update, delete on webhook_endpoints, webhook_deliveries to ${app_role};
grant execute on function webhook_claim_heads(int, int) to ${app_role};
grant execute on function webhook_purge_deliveries(timestamptz) to ${app_role};

-- A claim no longer takes the head of an endpoint whose queue a worker is already sending (any of
-- its pending deliveries holds a live lease). Deliveries are queued by an id taken before their
-- transaction commits, so one may commit behind a batch that is already leased; claimed as the new
-- head, it put a second worker on the same endpoint: the endpoint's order broke, and the two
-- workers' batch transactions could deadlock on each other's rows (the loser's leases then stalled
-- its deliveries for a whole lease). Now the first worker picks it up with its next batch.
create or replace function webhook_claim_heads(p_limit int, p_lease_seconds int)
    returns table (tenant_id uuid, id uuid, endpoint_id uuid)
    language sql volatile security definer set search_path = public
    as $$
        with heads as (
            select distinct on (p.tenant_id, p.endpoint_id) p.tenant_id, p.id, p.endpoint_id, p.next_attempt_at, p.leased_until
            from webhook_deliveries p
            where p.status = 'pending'
            order by p.tenant_id, p.endpoint_id, p.queue_key, p.attempt
        ), busy as (
            select distinct b.tenant_id, b.endpoint_id from webhook_deliveries b
            where b.status = 'pending' and b.leased_until >= now()
        ), due as (
            select h.tenant_id, h.id from heads h
            join webhook_endpoints e on e.tenant_id = h.tenant_id and e.id = h.endpoint_id and e.enabled
            where h.next_attempt_at <= now() and (h.leased_until is null or h.leased_until < now())
              and not exists (select 1 from busy where busy.tenant_id = h.tenant_id and busy.endpoint_id = h.endpoint_id)
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

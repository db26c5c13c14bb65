-- A claim round also skips the endpoints whose queue a worker of the claiming node already holds,
-- even while that worker holds no lease: between two batches, or while it waits for the endpoint's
-- next commit. Claiming such an endpoint started a second worker on it; when either finished, the
-- node took the endpoint for idle and ran a claim round for every later commit to it (140 rounds a
-- second at 500 writes/s), and the two workers' leases could leave the endpoint's queue stuck
-- until a lease expired. The rules are otherwise V26's.
drop function webhook_claim_heads(int, int);

create function webhook_claim_heads(p_limit int, p_lease_seconds int, p_busy uuid[])
    returns table (tenant_id uuid, id uuid, endpoint_id uuid)
    language sql volatile security definer set search_path = public
    as $$
        with heads as (
            select e.tenant_id, e.id as endpoint_id, h.id, h.next_attempt_at, h.leased_until
            from webhook_endpoints e
            cross join lateral (
                select p.id, p.next_attempt_at, p.leased_until from webhook_deliveries p
                where p.tenant_id = e.tenant_id and p.endpoint_id = e.id and p.status = 'pending'
                order by p.queue_key, p.attempt
                limit 1) h
            where e.enabled and e.id <> all (p_busy)
        ), due as (
            select h.tenant_id, h.id from heads h
            where h.next_attempt_at <= now() and (h.leased_until is null or h.leased_until < now())
              and not exists (select 1 from webhook_deliveries b
                              where b.tenant_id = h.tenant_id and b.endpoint_id = h.endpoint_id and b.status = 'pending'
                                and b.leased_until is not null and b.leased_until >= now())
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

grant execute on function webhook_claim_heads(int, int, uuid[]) to ${app_role};

-- A claim round (every second, and whenever an idle endpoint gets a commit) read every pending
-- delivery of every tenant twice: once to find each endpoint's head (distinct on), once to find
-- the endpoints a worker holds (any pending row with a live lease, checked on the heap because no
-- index has leased_until). Behind a backlog of a few thousand deliveries that was 85 ms of
-- PostgreSQL per round, spent when the database was busiest. Now each enabled endpoint's head is
-- one probe of the queue index, and whether a worker holds the endpoint is one probe of a small
-- index of leased pending rows (a worker leases one row per batch, so it holds a row or two).
-- The rules are V18's: the due head of an endpoint none of whose pending deliveries holds a live
-- lease is claimed, oldest due first, SKIP LOCKED between nodes.
create index webhook_deliveries_leased on webhook_deliveries (tenant_id, endpoint_id, leased_until)
    where status = 'pending' and leased_until is not null;

create or replace function webhook_claim_heads(p_limit int, p_lease_seconds int)
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
            where e.enabled
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

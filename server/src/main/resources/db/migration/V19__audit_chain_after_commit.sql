-- The audit chain is now sequenced after commit. A write inserts its audit rows unchained (no seq,
-- no hashes) in its own transaction, so nothing serializes the writes of a tenant any more; the
-- chain head lock used to be held from the append until the commit's WAL flush, which capped a
-- tenant at one write per flush (~400/s on this machine's disk). Right after commit the rows are
-- chained, in id order, by whichever node gets the tenant's head lock (audit.internal.AuditChain);
-- reads and verification chain first, so they see every committed row in the chain.

alter table audit_log drop constraint audit_log_pkey;
drop index audit_log_id;
alter table audit_log add primary key (tenant_id, id);
alter table audit_log alter column seq drop not null,
                      alter column prev_hash drop not null,
                      alter column hash drop not null;
create unique index audit_log_seq on audit_log (tenant_id, seq);
create index audit_log_unchained on audit_log (tenant_id, id) where seq is null;
alter table audit_log add constraint audit_log_chained_together
    check ((seq is null) = (hash is null) and (seq is null) = (prev_hash is null));

-- The request role may now set the chain columns, and only on rows not chained yet: a chained row
-- stays as it is (a restrictive policy, so it holds whatever the other policies allow).
grant update (seq, prev_hash, hash) on audit_log to ${app_role};
create policy chained_rows_are_final on audit_log as restrictive for update
    using (seq is null) with check (true);

-- Tenants with rows waiting to be chained (a crash between a commit and its chaining), for the
-- recurring catch-up; the rows themselves stay under RLS.
create function audit_unchained_tenants() returns setof uuid
    language sql stable security definer set search_path = public
    as $$ select distinct tenant_id from audit_log where seq is null $$;
grant execute on function audit_unchained_tenants() to ${app_role};

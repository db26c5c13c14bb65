-- Jobs: what every job run did (GET /api/v1/jobs), the purges of expired rows, and audit-log
-- retention with a checkpoint that keeps the shortened hash chain verifiable.

-- One row per job run, on whichever node ran it. Jobs are cluster-wide housekeeping, not tenant
-- data, so the table is global (no RLS): tenant_id is set only for a one-off job scheduled on
-- behalf of a tenant. The application keeps the last runs of each job and deletes older ones.
create table job_runs (
    id           uuid primary key,
    job_name     text not null,
    instance_id  text not null,
    tenant_id    uuid,
    node         text not null,
    started_at   timestamptz not null,
    finished_at  timestamptz,
    outcome      text not null check (outcome in ('running', 'succeeded', 'failed')),
    error        text
);
create index job_runs_by_job on job_runs (job_name, started_at desc);
grant select, insert, update, delete on job_runs to ${app_role};

-- The purges run for every tenant at once, so they cannot run under the request role's RLS:
-- each is one narrow SECURITY DEFINER statement that deletes only rows that can no longer be used,
-- and answers how many it deleted.

-- Sessions: a family past its absolute end, and rows revoked or expired more than a day ago (a day
-- of grace keeps a recently spent token's reuse detection). A family with no rows left counts as
-- revoked (session_family_revoked), so deleting never revives one.
create function purge_sessions() returns bigint
    language sql volatile security definer set search_path = public
    as $$
        with gone as (
            delete from sessions
            where family_expires_at < now()
               or revoked_at < now() - interval '1 day'
               or expires_at < now() - interval '1 day'
            returning 1)
        select count(*) from gone
    $$;

-- One-time secrets of sign-in flows: MFA challenges, emailed tokens (password reset, email
-- verification), SSO login states and hand-off codes once expired, or used more than an hour ago;
-- SAML assertion ids once past their NotOnOrAfter (a replay is refused by its validity then).
create function purge_sign_in_secrets() returns bigint
    language plpgsql volatile security definer set search_path = public
    as $$
    declare
        total bigint := 0;
        n bigint;
    begin
        delete from mfa_challenges where expires_at < now() or used_at < now() - interval '1 hour';
        get diagnostics n = row_count; total := total + n;
        delete from user_tokens where expires_at < now() or used_at < now() - interval '1 hour';
        get diagnostics n = row_count; total := total + n;
        delete from sso_states where expires_at < now() or used_at < now() - interval '1 hour';
        get diagnostics n = row_count; total := total + n;
        delete from sso_handoff_codes where expires_at < now() or used_at < now() - interval '1 hour';
        get diagnostics n = row_count; total := total + n;
        delete from saml_seen_assertions where not_on_or_after < now();
        get diagnostics n = row_count; total := total + n;
        return total;
    end
    $$;

-- Idempotency keys answer repeats for 24 hours (API.md); older ones are dead weight.
create function purge_idempotency_keys() returns bigint
    language sql volatile security definer set search_path = public
    as $$
        with gone as (delete from idempotency_keys where created_at < now() - interval '24 hours' returning 1)
        select count(*) from gone
    $$;

-- Audit retention. Deleting a chain's oldest rows must keep GET /audit-logs/verify meaningful:
-- the checkpoint records the last deleted row (seq and hash); verification starts from it instead
-- of the genesis hash, so the first kept row must link to it and any further deletion of old
-- rows (which would need the owner role anyway) still shows as a break. The request role may
-- only read checkpoints.
create table audit_checkpoints (
    tenant_id   uuid primary key references tenants (id) on delete cascade,
    seq         bigint not null,
    hash        text not null,
    purged_at   timestamptz not null
);
alter table audit_checkpoints enable row level security;
create policy tenant_isolation on audit_checkpoints
    using (tenant_id = app_tenant_id()) with check (tenant_id = app_tenant_id());
grant select on audit_checkpoints to ${app_role};

-- Tenants whose settings ask for audit retention (the job then purges each in its own transaction).
create function audit_retention_tenants() returns setof uuid
    language sql stable security definer set search_path = public
    as $$
        select id from tenants
        where jsonb_typeof(settings -> 'auditRetentionDays') = 'number' and (settings ->> 'auditRetentionDays')::numeric >= 1
    $$;

-- Deletes the current tenant's (app.tenant_id) audit rows older than its auditRetentionDays, never
-- more: the cut is the first row inside the retention window, so every deleted row is older than
-- the window and the kept rows stay one unbroken chain. Holds the chain head's lock (appends wait)
-- and moves the checkpoint. Answers nothing when there is nothing to delete.
create function purge_audit_log() returns table (deleted bigint, retained_from_seq bigint, retention_days integer)
    language plpgsql volatile security definer set search_path = public
    as $$
    declare
        tenant uuid := app_tenant_id();
        days integer;
        head_seq bigint;
        first_kept bigint;
        anchor text;
        n bigint;
    begin
        if tenant is null then
            raise exception 'purge_audit_log runs inside a tenant transaction';
        end if;
        select (t.settings ->> 'auditRetentionDays')::numeric::integer into days
        from tenants t where t.id = tenant and jsonb_typeof(t.settings -> 'auditRetentionDays') = 'number';
        if days is null or days < 1 then
            return;
        end if;
        select h.seq into head_seq from audit_heads h where h.tenant_id = tenant for update;
        if head_seq is null then
            return;
        end if;
        select min(a.seq) into first_kept from audit_log a
        where a.tenant_id = tenant and a.occurred_at >= now() - make_interval(days => days);
        first_kept := coalesce(first_kept, head_seq + 1);
        select a.hash into anchor from audit_log a where a.tenant_id = tenant and a.seq = first_kept - 1;
        if anchor is null then
            return; -- nothing older than the window is left
        end if;
        delete from audit_log a where a.tenant_id = tenant and a.seq < first_kept;
        get diagnostics n = row_count;
        insert into audit_checkpoints (tenant_id, seq, hash, purged_at) values (tenant, first_kept - 1, anchor, now())
        on conflict (tenant_id) do update set seq = excluded.seq, hash = excluded.hash, purged_at = excluded.purged_at;
        deleted := n;
        retained_from_seq := first_kept;
        retention_days := days;
        return next;
    end
    $$;

revoke all on function purge_sessions(), purge_sign_in_secrets(), purge_idempotency_keys(), audit_retention_tenants(),
    purge_audit_log() from public;
grant execute on function purge_sessions(), purge_sign_in_secrets(), purge_idempotency_keys(), audit_retention_tenants(),
    purge_audit_log() to ${app_role};

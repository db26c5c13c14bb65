-- Sessions get an absolute end: a family (one sign-in) lives at most castiel.security.refresh-absolute-ttl
-- from its first login, however often it is refreshed. Each refresh token's own expires_at is the
-- inactivity timeout, never later than the family's end. Existing families end 30 days after
-- the row was issued (the default absolute lifetime).
alter table sessions add column family_expires_at timestamptz;
update sessions set family_expires_at = created_at + interval '30 days';
alter table sessions alter column family_expires_at set not null;

-- The session list and "revoke all" look sessions up by user.
create index sessions_user on sessions (tenant_id, user_id, family_id);

-- Whether the session family named in an access token ("sid") was revoked: asked on requests,
-- before and outside the tenant transaction, so a narrow SECURITY DEFINER lookup. A family that
-- never existed counts as revoked.
create function session_family_revoked(p_tenant_id uuid, p_family_id uuid) returns boolean
    language sql stable security definer set search_path = public
    as $$
        select coalesce(bool_or(revoked_at is not null) or bool_and(family_expires_at <= now()), true)
        from sessions where tenant_id = p_tenant_id and family_id = p_family_id
    $$;
revoke all on function session_family_revoked(uuid, uuid) from public;
grant execute on function session_family_revoked(uuid, uuid) to ${app_role};

-- Failed-login counters, kept before any tenant is known: one row per account (SHA-256 of the
-- normalised email, whether or not such an account exists, so unknown emails are throttled
-- alike) and one per client IP. Not a tenant table: it holds no tenant data and must count
-- across tenants; it stores no email in clear. Every node shares it, so the limits hold for a cluster.
create table login_throttle (
    key                text primary key,
    failures           integer not null default 0,
    window_started_at  timestamptz not null default now(),
    lockouts           integer not null default 0,
    locked_until       timestamptz,
    updated_at         timestamptz not null default now()
);
create index login_throttle_updated on login_throttle (updated_at);

grant select, insert, update, delete on login_throttle to ${app_role};

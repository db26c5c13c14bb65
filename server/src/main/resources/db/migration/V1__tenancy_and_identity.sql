-- Tenancy: every tenant table carries tenant_id first in its key and a Row-Level Security policy
-- that compares it with the transaction-local setting app.tenant_id. The request role owns no
-- table and has no BYPASSRLS, so a query that forgets its tenant filter still sees one tenant.

create function app_tenant_id() returns uuid
    language sql stable parallel safe
    as $$ select nullif(current_setting('app.tenant_id', true), '')::uuid $$;

create table tenants (
    id          uuid primary key,
    slug        text not null unique,
    name        text not null,
    created_at  timestamptz not null default now()
);

create table users (
    tenant_id      uuid not null references tenants (id) on delete cascade,
    id             uuid not null,
    email          text not null,
    name           text not null,
    password_hash  text,
    roles          text[] not null,
    status         text not null default 'active' check (status in ('active', 'invited', 'deactivated')),
    mfa_enabled    boolean not null default false,
    created_at     timestamptz not null default now(),
    updated_at     timestamptz not null default now(),
    primary key (tenant_id, id)
);
create unique index users_email on users (tenant_id, lower(email));
create index users_email_any_tenant on users (lower(email));

-- Refresh-token sessions. A session family is one login; each refresh spends the current token
-- and issues the next. Presenting a spent token revokes the family (reuse detection).
create table sessions (
    tenant_id    uuid not null references tenants (id) on delete cascade,
    id           uuid not null,
    family_id    uuid not null,
    user_id      uuid not null,
    token_hash   bytea not null unique,
    created_at   timestamptz not null default now(),
    expires_at   timestamptz not null,
    spent_at     timestamptz,
    revoked_at   timestamptz,
    ip           text,
    user_agent   text,
    primary key (tenant_id, id),
    foreign key (tenant_id, user_id) references users (tenant_id, id) on delete cascade
);
create index sessions_family on sessions (tenant_id, family_id);

alter table tenants enable row level security;
alter table users enable row level security;
alter table sessions enable row level security;

create policy tenant_isolation on tenants
    using (id = app_tenant_id()) with check (id = app_tenant_id());
create policy tenant_isolation on users
    using (tenant_id = app_tenant_id()) with check (tenant_id = app_tenant_id());
create policy tenant_isolation on sessions
    using (tenant_id = app_tenant_id()) with check (tenant_id = app_tenant_id());

-- The two lookups that must happen before a tenant is known (login by email, refresh by token)
-- go through narrow SECURITY DEFINER functions instead of widening the policies.
create function login_candidates(p_email text)
    returns table (tenant_id uuid, tenant_slug text, user_id uuid, password_hash text, status text)
    language sql stable security definer set search_path = public
    as $$
        select u.tenant_id, t.slug, u.id, u.password_hash, u.status
        from users u join tenants t on t.id = u.tenant_id
        where lower(u.email) = lower(p_email)
        order by t.slug
        limit 50
    $$;

create function session_tenant(p_token_hash bytea) returns uuid
    language sql stable security definer set search_path = public
    as $$ select tenant_id from sessions where token_hash = p_token_hash $$;

revoke all on function login_candidates(text) from public;
revoke all on function session_tenant(bytea) from public;
grant execute on function login_candidates(text) to ${app_role};
grant execute on function session_tenant(bytea) to ${app_role};

grant usage on schema public to ${app_role};
grant select, insert, update on tenants to ${app_role};
grant select, insert, update, delete on users, sessions to ${app_role};

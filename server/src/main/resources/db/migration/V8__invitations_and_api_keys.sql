-- Invitations (a user invited by email sets a password through a single-use link) and API keys
-- (long-lived bearer credentials acting as their creator, with at most the creator's roles).
-- Only SHA-256 hashes of invitation tokens and keys are stored.

create table invitations (
    tenant_id    uuid not null references tenants (id) on delete cascade,
    id           uuid not null,
    user_id      uuid not null,
    token_hash   bytea not null unique,
    invited_by   uuid,
    created_at   timestamptz not null default now(),
    expires_at   timestamptz not null,
    accepted_at  timestamptz,
    revoked_at   timestamptz,
    primary key (tenant_id, id),
    foreign key (tenant_id, user_id) references users (tenant_id, id) on delete cascade
);
create index invitations_user on invitations (tenant_id, user_id);

create table api_keys (
    tenant_id     uuid not null references tenants (id) on delete cascade,
    id            uuid not null,
    user_id       uuid not null,
    name          text not null,
    prefix        text not null,
    key_hash      bytea not null unique,
    roles         text[] not null,
    expires_at    timestamptz,
    created_at    timestamptz not null default now(),
    last_used_at  timestamptz,
    revoked_at    timestamptz,
    primary key (tenant_id, id),
    foreign key (tenant_id, user_id) references users (tenant_id, id) on delete cascade
);
create index api_keys_user on api_keys (tenant_id, user_id);

alter table invitations enable row level security;
alter table api_keys enable row level security;
create policy tenant_isolation on invitations
    using (tenant_id = app_tenant_id()) with check (tenant_id = app_tenant_id());
create policy tenant_isolation on api_keys
    using (tenant_id = app_tenant_id()) with check (tenant_id = app_tenant_id());

-- Accepting an invitation happens before there is a tenant: find it by the token's hash.
create function invitation_tenant(p_token_hash bytea) returns uuid
    language sql stable security definer set search_path = public
    as $$ select tenant_id from invitations where token_hash = p_token_hash $$;

-- Authenticating an API key happens before there is a tenant. The key's state comes along (so
-- that using a revoked or expired key, or one of a deactivated user, can be audited in its tenant)
-- and so do the creator's roles, so that a key never acts above what its creator holds today.
create function api_key_lookup(p_key_hash bytea)
    returns table (tenant_id uuid, key_id uuid, user_id uuid, key_roles text[], user_roles text[], expires_at timestamptz,
                   revoked boolean, user_status text)
    language sql stable security definer set search_path = public
    as $$
        select k.tenant_id, k.id, k.user_id, k.roles, u.roles, k.expires_at, k.revoked_at is not null, u.status
        from api_keys k join users u on u.tenant_id = k.tenant_id and u.id = k.user_id
        where k.key_hash = p_key_hash
    $$;

revoke all on function invitation_tenant(bytea) from public;
revoke all on function api_key_lookup(bytea) from public;
grant execute on function invitation_tenant(bytea) to ${app_role};
grant execute on function api_key_lookup(bytea) to ${app_role};

grant select, insert, update, delete on invitations, api_keys to ${app_role};

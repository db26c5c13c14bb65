-- MFA (TOTP + recovery codes + login challenges) and the password lifecycle (reset and email
-- verification tokens). Tokens and codes are stored only as SHA-256 hashes; the TOTP secret only
-- encrypted (AES-GCM, see identity.internal.SecretBox).

-- Users who existed before email verification count as verified; new users start unverified
-- (invited users are verified when they accept by the emailed link).
alter table users add column email_verified_at timestamptz;
update users set email_verified_at = created_at;

-- One TOTP authenticator per user. enabled_at is null while the secret waits for its first code;
-- last_step is the last accepted 30 s time step (a code is good once); failed_attempts counts
-- consecutive wrong codes across challenges and locks guessing until locked_until.
create table user_totp (
    tenant_id        uuid not null,
    user_id          uuid not null,
    secret           bytea not null,
    enabled_at       timestamptz,
    last_step        bigint not null default 0,
    failed_attempts  integer not null default 0,
    locked_until     timestamptz,
    created_at       timestamptz not null default now(),
    primary key (tenant_id, user_id),
    foreign key (tenant_id, user_id) references users (tenant_id, id) on delete cascade
);

create table mfa_recovery_codes (
    tenant_id   uuid not null,
    id          uuid not null,
    user_id     uuid not null,
    code_hash   bytea not null,
    used_at     timestamptz,
    primary key (tenant_id, id),
    foreign key (tenant_id, user_id) references users (tenant_id, id) on delete cascade
);
create index mfa_recovery_codes_user on mfa_recovery_codes (tenant_id, user_id);

-- The second step of a login: an opaque mfaToken (hash here) that is good for 5 minutes, once.
-- purpose 'verify': the user has MFA and must send a code; 'enroll': the tenant requires MFA and
-- the user must set it up first.
create table mfa_challenges (
    tenant_id        uuid not null,
    id               uuid not null,
    user_id          uuid not null,
    token_hash       bytea not null unique,
    purpose          text not null check (purpose in ('verify', 'enroll')),
    expires_at       timestamptz not null,
    used_at          timestamptz,
    failed_attempts  integer not null default 0,
    created_at       timestamptz not null default now(),
    primary key (tenant_id, id),
    foreign key (tenant_id, user_id) references users (tenant_id, id) on delete cascade
);

-- Single-use tokens sent by email: password resets and email verifications. email is the address
-- the token was sent to (a verification only counts for the address the user still has).
create table user_tokens (
    tenant_id   uuid not null,
    id          uuid not null,
    user_id     uuid not null,
    purpose     text not null check (purpose in ('password_reset', 'email_verification')),
    token_hash  bytea not null unique,
    email       text not null,
    expires_at  timestamptz not null,
    used_at     timestamptz,
    created_at  timestamptz not null default now(),
    primary key (tenant_id, id),
    foreign key (tenant_id, user_id) references users (tenant_id, id) on delete cascade
);
create index user_tokens_user on user_tokens (tenant_id, user_id, purpose);

alter table user_totp enable row level security;
alter table mfa_recovery_codes enable row level security;
alter table mfa_challenges enable row level security;
alter table user_tokens enable row level security;

create policy tenant_isolation on user_totp
    using (tenant_id = app_tenant_id()) with check (tenant_id = app_tenant_id());
create policy tenant_isolation on mfa_recovery_codes
    using (tenant_id = app_tenant_id()) with check (tenant_id = app_tenant_id());
create policy tenant_isolation on mfa_challenges
    using (tenant_id = app_tenant_id()) with check (tenant_id = app_tenant_id());
create policy tenant_isolation on user_tokens
    using (tenant_id = app_tenant_id()) with check (tenant_id = app_tenant_id());

-- Lookups before a tenant is known: the tenant of an mfaToken or an emailed token (by hash only),
-- and the active accounts of an email for a password reset (no password hashes).
create function mfa_challenge_tenant(p_token_hash bytea) returns uuid
    language sql stable security definer set search_path = public
    as $$ select tenant_id from mfa_challenges where token_hash = p_token_hash $$;

create function user_token_tenant(p_token_hash bytea, p_purpose text) returns uuid
    language sql stable security definer set search_path = public
    as $$ select tenant_id from user_tokens where token_hash = p_token_hash and purpose = p_purpose $$;

create function password_reset_candidates(p_email text)
    returns table (tenant_id uuid, tenant_slug text, user_id uuid)
    language sql stable security definer set search_path = public
    as $$
        select u.tenant_id, t.slug, u.id
        from users u join tenants t on t.id = u.tenant_id
        where lower(u.email) = lower(p_email) and u.status = 'active'
        order by t.slug
        limit 50
    $$;

revoke all on function mfa_challenge_tenant(bytea) from public;
revoke all on function user_token_tenant(bytea, text) from public;
revoke all on function password_reset_candidates(text) from public;
grant execute on function mfa_challenge_tenant(bytea) to ${app_role};
grant execute on function user_token_tenant(bytea, text) to ${app_role};
grant execute on function password_reset_candidates(text) to ${app_role};

grant select, insert, update, delete on user_totp, mfa_recovery_codes, mfa_challenges, user_tokens to ${app_role};

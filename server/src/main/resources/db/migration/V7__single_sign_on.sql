-- Single sign-on (OIDC/OAuth 2.0 and SAML 2.0). Every table is a tenant table under RLS; the
-- lookups that run before the tenant is known (a callback carrying only its state, the app
-- exchanging its one-time code, a SAML endpoint naming a tenant slug) go through narrow SECURITY
-- DEFINER functions that answer a tenant id and nothing else.

-- A login in flight: the OAuth state (or SAML RelayState), stored as a hash, with what the
-- callback needs to finish (PKCE verifier, nonce, SAML request id, the app's redirect URI), and
-- the hash of a cookie set in the browser that started it (login CSRF: another browser cannot finish it).
-- Single use (used_at), 10 minutes (expires_at).
create table sso_states (
    tenant_id      uuid not null references tenants (id) on delete cascade,
    id             uuid not null,
    state_hash     bytea not null unique,
    protocol       text not null check (protocol in ('oidc', 'oauth', 'saml')),
    provider       text not null,
    nonce          text,
    code_verifier  text,
    request_id     text,
    redirect_uri   text not null,
    browser_hash   bytea,
    created_at     timestamptz not null default now(),
    expires_at     timestamptz not null,
    used_at        timestamptz,
    primary key (tenant_id, id)
);
create index sso_states_request on sso_states (tenant_id, request_id) where request_id is not null;
create index sso_states_expiry on sso_states (expires_at);

-- The hand-off to the app: a one-time code (hash only) that POST /auth/oauth/token exchanges for
-- a token pair, so tokens never travel in a URL. 60 seconds, single use.
create table sso_handoff_codes (
    tenant_id   uuid not null references tenants (id) on delete cascade,
    id          uuid not null,
    code_hash   bytea not null unique,
    user_id     uuid not null,
    method      text not null,
    created_at  timestamptz not null default now(),
    expires_at  timestamptz not null,
    used_at     timestamptz,
    primary key (tenant_id, id),
    foreign key (tenant_id, user_id) references users (tenant_id, id) on delete cascade
);
create index sso_handoff_codes_expiry on sso_handoff_codes (expires_at);

-- An external identity (OIDC issuer + subject, GitHub user id, SAML IdP + NameID) linked to a user
-- on its first login, so later logins find the user by the provider's stable id.
create table sso_identities (
    tenant_id   uuid not null references tenants (id) on delete cascade,
    provider    text not null,
    subject     text not null,
    user_id     uuid not null,
    created_at  timestamptz not null default now(),
    primary key (tenant_id, provider, subject),
    foreign key (tenant_id, user_id) references users (tenant_id, id) on delete cascade
);

-- A tenant's SAML identity provider, from the metadata its admin uploaded.
create table saml_configs (
    tenant_id         uuid not null references tenants (id) on delete cascade,
    idp_entity_id     text not null,
    idp_metadata_xml  text not null,
    role_attribute    text,
    role_mapping      jsonb not null default '{}'::jsonb,
    created_at        timestamptz not null default now(),
    updated_at        timestamptz not null default now(),
    primary key (tenant_id)
);

-- Assertion ids already accepted, kept until the assertion's NotOnOrAfter: a replayed response
-- finds its id here and is refused.
create table saml_seen_assertions (
    tenant_id        uuid not null references tenants (id) on delete cascade,
    assertion_id     text not null,
    not_on_or_after  timestamptz not null,
    primary key (tenant_id, assertion_id)
);
create index saml_seen_assertions_expiry on saml_seen_assertions (tenant_id, not_on_or_after);

alter table sso_states enable row level security;
alter table sso_handoff_codes enable row level security;
alter table sso_identities enable row level security;
alter table saml_configs enable row level security;
alter table saml_seen_assertions enable row level security;

create policy tenant_isolation on sso_states
    using (tenant_id = app_tenant_id()) with check (tenant_id = app_tenant_id());
create policy tenant_isolation on sso_handoff_codes
    using (tenant_id = app_tenant_id()) with check (tenant_id = app_tenant_id());
create policy tenant_isolation on sso_identities
    using (tenant_id = app_tenant_id()) with check (tenant_id = app_tenant_id());
create policy tenant_isolation on saml_configs
    using (tenant_id = app_tenant_id()) with check (tenant_id = app_tenant_id());
create policy tenant_isolation on saml_seen_assertions
    using (tenant_id = app_tenant_id()) with check (tenant_id = app_tenant_id());

create function sso_state_tenant(p_state_hash bytea) returns uuid
    language sql stable security definer set search_path = public
    as $$ select tenant_id from sso_states where state_hash = p_state_hash $$;

create function sso_handoff_tenant(p_code_hash bytea) returns uuid
    language sql stable security definer set search_path = public
    as $$ select tenant_id from sso_handoff_codes where code_hash = p_code_hash $$;

create function sso_tenant_by_slug(p_slug text) returns uuid
    language sql stable security definer set search_path = public
    as $$ select id from tenants where slug = p_slug $$;

revoke all on function sso_state_tenant(bytea) from public;
revoke all on function sso_handoff_tenant(bytea) from public;
revoke all on function sso_tenant_by_slug(text) from public;
grant execute on function sso_state_tenant(bytea) to ${app_role};
grant execute on function sso_handoff_tenant(bytea) to ${app_role};
grant execute on function sso_tenant_by_slug(text) to ${app_role};

grant select, insert, update, delete on sso_states, sso_handoff_codes, sso_identities, saml_configs, saml_seen_assertions
    to ${app_role};

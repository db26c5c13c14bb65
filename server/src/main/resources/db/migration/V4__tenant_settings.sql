-- Per-tenant security and lifecycle settings (MFA required, email verification, SSO provisioning,
-- audit retention...). One jsonb document so that new settings need no migration; the identity
-- module reads and validates it (TenantSettings).
alter table tenants add column settings jsonb not null default '{}'::jsonb;

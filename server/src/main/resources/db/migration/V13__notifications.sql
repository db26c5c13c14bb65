-- In-app notifications (one row per recipient) and users' notification rules ("tell me when a
-- shard of type X matching these filters is created or updated").

create table notifications (
    tenant_id   uuid not null references tenants (id) on delete cascade,
    id          uuid not null,
    user_id     uuid not null,
    kind        text not null,
    title       text not null,
    body        text,
    link        text,
    -- What caused it when that is unique (event id + rule id), so a retried consumer adds no duplicate.
    source_key  text,
    -- Null while the email is still to be sent: a consumer that failed to send sends it on its retry.
    mailed_at   timestamptz,
    read_at     timestamptz,
    created_at  timestamptz not null default now(),
    primary key (tenant_id, id),
    foreign key (tenant_id, user_id) references users (tenant_id, id) on delete cascade
);
create index notifications_user on notifications (tenant_id, user_id, id desc);
create index notifications_unread on notifications (tenant_id, user_id) where read_at is null;
create unique index notifications_source on notifications (tenant_id, user_id, source_key) where source_key is not null;

create table notification_rules (
    tenant_id   uuid not null references tenants (id) on delete cascade,
    id          uuid not null,
    user_id     uuid not null,
    name        text,
    shard_type  text not null check (shard_type ~ '^[a-z][a-z0-9_]{1,62}$'),
    events      text[] not null,
    where_filters text[] not null default '{}',
    created_at  timestamptz not null default now(),
    primary key (tenant_id, id),
    foreign key (tenant_id, user_id) references users (tenant_id, id) on delete cascade
);
create index notification_rules_user on notification_rules (tenant_id, user_id);

-- Per user: the kinds of notification they want in the app only, without an email.
create table notification_preferences (
    tenant_id          uuid not null references tenants (id) on delete cascade,
    user_id            uuid not null,
    muted_email_kinds  text[] not null default '{}',
    updated_at         timestamptz not null default now(),
    primary key (tenant_id, user_id),
    foreign key (tenant_id, user_id) references users (tenant_id, id) on delete cascade
);

alter table notifications enable row level security;
alter table notification_rules enable row level security;
alter table notification_preferences enable row level security;
create policy tenant_isolation on notifications
    using (tenant_id = app_tenant_id()) with check (tenant_id = app_tenant_id());
create policy tenant_isolation on notification_rules
    using (tenant_id = app_tenant_id()) with check (tenant_id = app_tenant_id());

create policy tenant_isolation on notification_preferences
    using (tenant_id = app_tenant_id()) with check (tenant_id = app_tenant_id());

grant select, insert, update, delete on notifications, notification_rules, notification_preferences to ${app_role};

-- The transactional outbox: Spring Modulith's event publication registry (its v2 schema for
-- PostgreSQL). A change and the publication of its event for each transactional listener commit
-- together; a listener's publication is completed once it ran, and publications left incomplete
-- (crash, restart, failing consumer) are resubmitted. Rows hold events of every tenant and are
-- read only by the registry, never through the API, so the table is not under RLS.
create table event_publication (
    id                     uuid not null primary key,
    listener_id            text not null,
    event_type             text not null,
    serialized_event       text not null,
    publication_date       timestamptz not null,
    completion_date        timestamptz,
    status                 text,
    completion_attempts    int,
    last_resubmission_date timestamptz
);
create index event_publication_serialized_event_hash_idx on event_publication using hash (serialized_event);
create index event_publication_by_completion_date_idx on event_publication (completion_date);
create index event_publication_incomplete on event_publication (publication_date) where completion_date is null;

-- db-scheduler's table: recurring and one-off jobs, picked by one node at a time (cluster-safe
-- through optimistic locking on version). Job bodies act per tenant inside TenantContext.
create table scheduled_tasks (
    task_name            text not null,
    task_instance        text not null,
    task_data            bytea,
    execution_time       timestamptz not null,
    picked               boolean not null,
    picked_by            text,
    last_success         timestamptz,
    last_failure         timestamptz,
    consecutive_failures int,
    last_heartbeat       timestamptz,
    version              bigint not null,
    priority             smallint,
    primary key (task_name, task_instance)
);
create index scheduled_tasks_execution_time on scheduled_tasks (execution_time);
create index scheduled_tasks_last_heartbeat on scheduled_tasks (last_heartbeat);
create index scheduled_tasks_priority_execution_time on scheduled_tasks (priority desc, execution_time asc);

grant select, insert, update, delete on event_publication, scheduled_tasks to ${app_role};

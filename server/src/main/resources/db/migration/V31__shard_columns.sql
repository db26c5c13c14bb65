-- Typed columns for analytics: each shard's declared scalar fields copied into typed slots
-- (n1.. numeric, t1.. text, d1.. date, i1.. timestamptz, b1.. boolean) and the shard at the other
-- end of its oldest link of a kind (l1..l4), so that an aggregation over a million shards reads
-- narrow typed rows instead of parsing every shard's jsonb and searching its relationships. Which
-- field or link sits in which slot is decided per tenant and type (shard_column_slots); no DDL is
-- ever run per tenant. Triggers keep the rows in step with shards and relationships in the writing
-- transaction, whatever wrote them.

-- Dates and date-times as stored in JSON, read without ever failing a statement: a valid calendar
-- date (or RFC 3339 date-time with its offset) at the start of the text, else null. Stored data may
-- predate a schema change, and one failed cast would fail the whole aggregation.
create function castiel_date(value text) returns date
    language sql immutable parallel safe
    as $$
        select case when value ~ '^[1-9][0-9]{3}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])' then
            case when cast(substr(value, 9, 2) as integer) <= extract(day from make_date(cast(substr(value, 1, 4) as integer),
                    cast(substr(value, 6, 2) as integer), 1) + interval '1 month - 1 day')
                then cast(substr(value, 1, 10) as date) end end
    $$;

create function castiel_instant(value text) returns timestamptz
    language sql stable parallel safe
    as $$
        select case when value ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt ]([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\.[0-9]{1,9})?)?([Zz]|[+-]([01][0-9]|2[0-3]):?[0-5][0-9])$'
                         and castiel_date(value) is not null
            then cast(value as timestamptz) end
    $$;

-- One row per tenant and shard type. fields_hash names the field slots the application assigned
-- from the type's effective schema; ready says every shard of the type has been projected with
-- them (backfilled_after is the backfill's keyset cursor).
create table shard_column_maps (
    tenant_id        uuid not null references tenants (id) on delete cascade,
    shard_type       text not null,
    fields_hash      text not null default '',
    ready            boolean not null default false,
    -- Raised by every invalidation, so that a backfill that began before one does not end ready.
    version          integer not null default 0,
    backfilled_after uuid,
    updated_at       timestamptz not null default now(),
    primary key (tenant_id, shard_type)
);

-- A slot of a type: the column, what is copied into it and how. For a field, path is its
-- structuredData path; bit (number, string and boolean slots) flags, in shard_columns.odd, a shard
-- whose value there is present but not of the declared JSON type: such shards are answered from
-- their jsonb instead. For a link, path is {relationship type, out|in}, assigned by the trigger on
-- relationships for the first links of a kind, while one of l1..l4 is free.
create table shard_column_slots (
    tenant_id  uuid not null,
    shard_type text not null,
    col        text not null check (col ~ '^[ntdibl][0-9]{1,2}$'),
    path       text[] not null,
    kind       text not null check (kind in ('number', 'string', 'boolean', 'date', 'instant', 'link')),
    bit        smallint check (bit between 0 and 62),
    primary key (tenant_id, shard_type, col),
    foreign key (tenant_id, shard_type) references shard_column_maps (tenant_id, shard_type) on delete cascade
);
create unique index shard_column_slots_link on shard_column_slots (tenant_id, shard_type, path) where kind = 'link';

-- The types of the shards a kind of link has reached (never forgotten): a query can join the
-- linked shards of just those types, and knows whether their slots cover the grouped field.
create table shard_link_types (
    tenant_id  uuid not null,
    shard_type text not null,
    link       text[] not null,
    far_type   text not null,
    primary key (tenant_id, shard_type, link, far_type),
    foreign key (tenant_id, shard_type) references shard_column_maps (tenant_id, shard_type) on delete cascade
);

-- The typed row of each shard. A row is read left to right, so fixed-width columns come first and
-- the slots of every kind interleave (n1, t1, d1, i1, b1, n2, ...): the first declared fields, which
-- the first slots hold, are reached soonest.
create table shard_columns (
    tenant_id  uuid not null,
    shard_id   uuid not null,
    created_by uuid,
    created_at timestamptz not null,
    updated_at timestamptz not null,
    odd        bigint not null default 0,
    l1 uuid, l2 uuid, l3 uuid, l4 uuid,
    shard_type text not null,
    status     text not null,
    n1 numeric, t1 text, d1 date, i1 timestamptz, b1 boolean, n2 numeric, t2 text, d2 date,
    i2 timestamptz, b2 boolean, n3 numeric, t3 text, d3 date, i3 timestamptz, b3 boolean,
    n4 numeric, t4 text, d4 date, i4 timestamptz, b4 boolean, n5 numeric, t5 text, d5 date,
    i5 timestamptz, b5 boolean, n6 numeric, t6 text, d6 date, i6 timestamptz, b6 boolean,
    n7 numeric, t7 text, d7 date, i7 timestamptz, b7 boolean, n8 numeric, t8 text, d8 date,
    i8 timestamptz, b8 boolean, n9 numeric, t9 text, n10 numeric, t10 text, n11 numeric, t11 text,
    n12 numeric, t12 text, n13 numeric, t13 text, n14 numeric, t14 text, n15 numeric, t15 text,
    n16 numeric, t16 text, t17 text, t18 text, t19 text, t20 text, t21 text, t22 text, t23 text,
    t24 text,
    acl        jsonb not null,
    tags       jsonb,
    primary key (tenant_id, shard_id),
    foreign key (tenant_id, shard_id) references shards (tenant_id, id) on delete cascade
);
create index shard_columns_type on shard_columns (tenant_id, shard_type);
-- The few shards with a value not of its declared type, which aggregations read from the jsonb.
create index shard_columns_odd on shard_columns (tenant_id, shard_type) where odd <> 0;

create type shard_column_values as (
    n1 numeric, n2 numeric, n3 numeric, n4 numeric, n5 numeric, n6 numeric, n7 numeric, n8 numeric,
    n9 numeric, n10 numeric, n11 numeric, n12 numeric, n13 numeric, n14 numeric, n15 numeric,
    n16 numeric, t1 text, t2 text, t3 text, t4 text, t5 text, t6 text, t7 text, t8 text, t9 text,
    t10 text, t11 text, t12 text, t13 text, t14 text, t15 text, t16 text, t17 text, t18 text,
    t19 text, t20 text, t21 text, t22 text, t23 text, t24 text, d1 date, d2 date, d3 date, d4 date,
    d5 date, d6 date, d7 date, d8 date, i1 timestamptz, i2 timestamptz, i3 timestamptz,
    i4 timestamptz, i5 timestamptz, i6 timestamptz, i7 timestamptz, i8 timestamptz, b1 boolean,
    b2 boolean, b3 boolean, b4 boolean, b5 boolean, b6 boolean, b7 boolean, b8 boolean
);

-- (Re)computes the typed rows of the given shards from their current state and their type's slots
-- (links are left as they are: refresh_shard_links keeps them). It runs on every write, so it is
-- PL/pgSQL (its statements keep their plans for the session; a SQL function plans again on every
-- call) and reads the type's slots once, not once per shard: a single write costs ~0.15 ms here.
create function refresh_shard_columns(p_tenant uuid, p_ids uuid[]) returns void
    language plpgsql volatile
    as $$
    declare
        shard record;
        slot record;
        slots jsonb;
        slots_of text;
        cols jsonb;
        odd bigint;
        value jsonb;
        kind text;
    begin
        for shard in select s.tenant_id, s.id, s.shard_type, s.structured_data, s.metadata, s.status, s.acl, s.created_by, s.created_at, s.updated_at
                     from shards s where s.tenant_id = p_tenant and s.id = any (p_ids) order by s.shard_type loop
            if slots_of is distinct from shard.shard_type then
                -- Held to the end of the writing transaction: a change of the type's slots waits for
                -- the writes that read the old ones, so its backfill sees them (ShardColumns.prepare).
                perform pg_advisory_xact_lock_shared(hashtextextended(p_tenant || '/' || shard.shard_type, 0));
                select coalesce(jsonb_agg(jsonb_build_array(sl.col, sl.path, sl.kind, sl.bit)), '[]') into slots
                from shard_column_slots sl where sl.tenant_id = p_tenant and sl.shard_type = shard.shard_type and sl.kind <> 'link';
                slots_of := shard.shard_type;
            end if;
            cols := '{}';
            odd := 0;
            for slot in select e ->> 0 as col, array(select jsonb_array_elements_text(e -> 1)) as path, e ->> 2 as kind, (e ->> 3)::int as bit
                        from jsonb_array_elements(slots) e loop
                value := shard.structured_data #> slot.path;
                continue when value is null;
                kind := jsonb_typeof(value);
                if slot.kind = 'date' then
                    if kind = 'string' then cols := cols || jsonb_build_object(slot.col, castiel_date(value #>> '{}')); end if;
                elsif slot.kind = 'instant' then
                    if kind = 'string' then cols := cols || jsonb_build_object(slot.col, castiel_instant(value #>> '{}')); end if;
                elsif kind = slot.kind then
                    cols := cols || jsonb_build_object(slot.col, value);
                elsif slot.bit is not null then
                    odd := odd | (cast(1 as bigint) << slot.bit);
                end if;
            end loop;
            insert into shard_columns (tenant_id, shard_id, created_by, created_at, updated_at, odd, shard_type, status, acl, tags,
                                   n1, n2, n3, n4, n5, n6, n7, n8, n9, n10, n11, n12, n13, n14,
                                   n15, n16, t1, t2, t3, t4, t5, t6, t7, t8, t9, t10, t11, t12,
                                   t13, t14, t15, t16, t17, t18, t19, t20, t21, t22, t23, t24, d1,
                                   d2, d3, d4, d5, d6, d7, d8, i1, i2, i3, i4, i5, i6, i7, i8, b1,
                                   b2, b3, b4, b5, b6, b7, b8)
            select shard.tenant_id, shard.id, shard.created_by, shard.created_at, shard.updated_at, odd, shard.shard_type, shard.status, shard.acl,
                   case when jsonb_typeof(shard.metadata -> 'tags') = 'array' then shard.metadata -> 'tags' end,
               r.n1, r.n2, r.n3, r.n4, r.n5, r.n6, r.n7, r.n8, r.n9, r.n10, r.n11, r.n12, r.n13,
               r.n14, r.n15, r.n16, r.t1, r.t2, r.t3, r.t4, r.t5, r.t6, r.t7, r.t8, r.t9, r.t10,
               r.t11, r.t12, r.t13, r.t14, r.t15, r.t16, r.t17, r.t18, r.t19, r.t20, r.t21, r.t22,
               r.t23, r.t24, r.d1, r.d2, r.d3, r.d4, r.d5, r.d6, r.d7, r.d8, r.i1, r.i2, r.i3,
               r.i4, r.i5, r.i6, r.i7, r.i8, r.b1, r.b2, r.b3, r.b4, r.b5, r.b6, r.b7, r.b8
            from jsonb_populate_record(null::shard_column_values, cols) r
            on conflict (tenant_id, shard_id) do update set
                created_by = excluded.created_by, created_at = excluded.created_at, updated_at = excluded.updated_at,
                odd = excluded.odd, shard_type = excluded.shard_type, status = excluded.status, acl = excluded.acl,
                tags = excluded.tags,
            n1 = excluded.n1, n2 = excluded.n2, n3 = excluded.n3, n4 = excluded.n4,
            n5 = excluded.n5, n6 = excluded.n6, n7 = excluded.n7, n8 = excluded.n8,
            n9 = excluded.n9, n10 = excluded.n10, n11 = excluded.n11, n12 = excluded.n12,
            n13 = excluded.n13, n14 = excluded.n14, n15 = excluded.n15, n16 = excluded.n16,
            t1 = excluded.t1, t2 = excluded.t2, t3 = excluded.t3, t4 = excluded.t4,
            t5 = excluded.t5, t6 = excluded.t6, t7 = excluded.t7, t8 = excluded.t8,
            t9 = excluded.t9, t10 = excluded.t10, t11 = excluded.t11, t12 = excluded.t12,
            t13 = excluded.t13, t14 = excluded.t14, t15 = excluded.t15, t16 = excluded.t16,
            t17 = excluded.t17, t18 = excluded.t18, t19 = excluded.t19, t20 = excluded.t20,
            t21 = excluded.t21, t22 = excluded.t22, t23 = excluded.t23, t24 = excluded.t24,
            d1 = excluded.d1, d2 = excluded.d2, d3 = excluded.d3, d4 = excluded.d4,
            d5 = excluded.d5, d6 = excluded.d6, d7 = excluded.d7, d8 = excluded.d8,
            i1 = excluded.i1, i2 = excluded.i2, i3 = excluded.i3, i4 = excluded.i4,
            i5 = excluded.i5, i6 = excluded.i6, i7 = excluded.i7, i8 = excluded.i8,
            b1 = excluded.b1, b2 = excluded.b2, b3 = excluded.b3, b4 = excluded.b4,
            b5 = excluded.b5, b6 = excluded.b6, b7 = excluded.b7, b8 = excluded.b8;
        end loop;
    end
    $$;

-- Recomputes the link slots of the given shards: for each link slot of the shard's type, the shard
-- at the other end of the oldest link of that kind (by created_at, then id) that is not deleted.
create function refresh_shard_links(p_tenant uuid, p_ids uuid[]) returns void
    language plpgsql volatile
    as $$
    begin
        update shard_columns c set l1 = v.l1, l2 = v.l2, l3 = v.l3, l4 = v.l4
        from (
            select n.shard_id,
                   cast(max(cast(coalesce(o.other, i.other) as text)) filter (where sl.col = 'l1') as uuid) as l1,
                   cast(max(cast(coalesce(o.other, i.other) as text)) filter (where sl.col = 'l2') as uuid) as l2,
                   cast(max(cast(coalesce(o.other, i.other) as text)) filter (where sl.col = 'l3') as uuid) as l3,
                   cast(max(cast(coalesce(o.other, i.other) as text)) filter (where sl.col = 'l4') as uuid) as l4
            from shard_columns n
            left join shard_column_slots sl on sl.tenant_id = n.tenant_id and sl.shard_type = n.shard_type and sl.kind = 'link'
            left join lateral (
                select r.target_id as other
                from relationships r join shards f on f.tenant_id = r.tenant_id and f.id = r.target_id
                where sl.path[2] = 'out' and r.tenant_id = p_tenant and r.source_id = n.shard_id and r.type = sl.path[1]
                  and f.status <> 'deleted'
                order by r.created_at, r.id limit 1) o on true
            left join lateral (
                select r.source_id as other
                from relationships r join shards f on f.tenant_id = r.tenant_id and f.id = r.source_id
                where sl.path[2] = 'in' and r.tenant_id = p_tenant and r.target_id = n.shard_id and r.type = sl.path[1]
                  and f.status <> 'deleted'
                order by r.created_at, r.id limit 1) i on true
            where n.tenant_id = p_tenant and n.shard_id = any (p_ids)
            group by n.shard_id
        ) v
        where c.tenant_id = p_tenant and c.shard_id = v.shard_id
          -- Unchanged rows are not rewritten (a new kind of link refreshes its shards twice in one statement).
          and (c.l1, c.l2, c.l3, c.l4) is distinct from (v.l1, v.l2, v.l3, v.l4);
    end
    $$;

-- Gives the kind of link p_link ({relationship type, out|in}) of shards of p_shard_type a slot, if
-- one of l1..l4 is free, and fills it for every shard with such links (a kind that lost a race for
-- a slot may have links already).
create function assign_link_slot(p_tenant uuid, p_shard_type text, p_link text[]) returns void
    language plpgsql volatile
    as $$
    declare
        free text;
        assigned integer;
    begin
        select v.col into free from (values ('l1'), ('l2'), ('l3'), ('l4')) v (col)
        where not exists (select 1 from shard_column_slots s where s.tenant_id = p_tenant and s.shard_type = p_shard_type
                                                             and s.col = v.col)
        order by v.col limit 1;
        if free is null then
            return;
        end if;
        insert into shard_column_slots (tenant_id, shard_type, col, path, kind)
        values (p_tenant, p_shard_type, free, p_link, 'link')
        on conflict do nothing;
        get diagnostics assigned = row_count;
        if assigned > 0 then
            perform refresh_shard_links(p_tenant, array(
                select distinct case when p_link[2] = 'out' then r.source_id else r.target_id end
                from relationships r join shard_columns c on c.tenant_id = r.tenant_id
                     and c.shard_id = case when p_link[2] = 'out' then r.source_id else r.target_id end
                where r.tenant_id = p_tenant and r.type = p_link[1] and c.shard_type = p_shard_type));
        end if;
    end
    $$;

-- Link slots for the kinds of link of the given tenants that have none yet.
create function assign_missing_link_slots(p_tenants uuid[]) returns void
    language plpgsql volatile
    as $$
    begin
        perform assign_link_slot(lt.tenant_id, lt.shard_type, lt.link)
        from (select distinct t.tenant_id, t.shard_type, t.link from shard_link_types t
              where t.tenant_id = any (p_tenants)
                and not exists (select 1 from shard_column_slots s where s.tenant_id = t.tenant_id and s.shard_type = t.shard_type
                                                                     and s.kind = 'link' and s.path = t.link)) lt;
    end
    $$;

create function shard_columns_after_insert() returns trigger
    language plpgsql
    as $$
    begin
        insert into shard_column_maps (tenant_id, shard_type)
        select distinct w.tenant_id, w.shard_type from written w
        on conflict do nothing;
        perform refresh_shard_columns(w.tenant_id, array_agg(w.id)) from written w group by w.tenant_id;
        return null;
    end
    $$;

create function shard_columns_after_update() returns trigger
    language plpgsql
    as $$
    begin
        perform refresh_shard_columns(new.tenant_id, array[new.id]);
        -- A deleted or restored shard changes which link of its neighbours is the oldest live one.
        if (old.status = 'deleted') <> (new.status = 'deleted') then
            perform refresh_shard_links(new.tenant_id, array(
                select r.source_id from relationships r where r.tenant_id = new.tenant_id and r.target_id = new.id
                union
                select r.target_id from relationships r where r.tenant_id = new.tenant_id and r.source_id = new.id));
        end if;
        return null;
    end
    $$;

create function shard_links_after_insert() returns trigger
    language plpgsql
    as $$
    begin
        insert into shard_link_types (tenant_id, shard_type, link, far_type)
        select distinct e.tenant_id, near.shard_type, e.link, far.shard_type
        from (select tenant_id, source_id as near, target_id as far, array[type, 'out'] as link from changed
              union all
              select tenant_id, target_id, source_id, array[type, 'in'] from changed) e
        join shard_columns near on near.tenant_id = e.tenant_id and near.shard_id = e.near
        join shard_columns far on far.tenant_id = e.tenant_id and far.shard_id = e.far
        on conflict do nothing;
        perform assign_missing_link_slots(array(select distinct tenant_id from changed));
        perform refresh_shard_links(e.tenant_id, array_agg(distinct e.id))
        from (select tenant_id, source_id as id from changed union all select tenant_id, target_id from changed) e
        group by e.tenant_id;
        return null;
    end
    $$;

create function shard_links_after_delete() returns trigger
    language plpgsql
    as $$
    begin
        perform refresh_shard_links(e.tenant_id, array_agg(distinct e.id))
        from (select tenant_id, source_id as id from changed union all select tenant_id, target_id from changed) e
        group by e.tenant_id;
        return null;
    end
    $$;

create trigger shard_columns_insert after insert on shards
    referencing new table as written for each statement execute function shard_columns_after_insert();
-- Not for embedding_status, which the embedding workers write after every change.
create trigger shard_columns_update after update on shards for each row
    when (old.structured_data is distinct from new.structured_data or old.status is distinct from new.status
          or old.acl is distinct from new.acl or old.metadata is distinct from new.metadata
          or old.shard_type is distinct from new.shard_type or old.updated_at is distinct from new.updated_at
          or old.created_by is distinct from new.created_by)
    execute function shard_columns_after_update();
create trigger shard_links_insert after insert on relationships
    referencing new table as changed for each statement execute function shard_links_after_insert();
create trigger shard_links_delete after delete on relationships
    referencing old table as changed for each statement execute function shard_links_after_delete();

alter table shard_column_maps enable row level security;
alter table shard_column_slots enable row level security;
alter table shard_link_types enable row level security;
alter table shard_columns enable row level security;
create policy tenant_isolation on shard_column_maps
    using (tenant_id = app_tenant_id()) with check (tenant_id = app_tenant_id());
create policy tenant_isolation on shard_column_slots
    using (tenant_id = app_tenant_id()) with check (tenant_id = app_tenant_id());
create policy tenant_isolation on shard_link_types
    using (tenant_id = app_tenant_id()) with check (tenant_id = app_tenant_id());
create policy tenant_isolation on shard_columns
    using (tenant_id = app_tenant_id()) with check (tenant_id = app_tenant_id());
grant select, insert, update, delete on shard_column_maps, shard_column_slots, shard_link_types, shard_columns to ${app_role};

-- The maps whose slots the application must (re)assign or backfill, across tenants: the job that
-- does it runs outside any tenant and then works in each tenant's own transaction.
create function shard_column_maps_pending() returns table (tenant_id uuid, shard_type text)
    language sql stable security definer set search_path = public
    as $$
        select m.tenant_id, m.shard_type from shard_column_maps m where not m.ready order by m.updated_at limit 100
    $$;

-- Fresh statistics once a backfill has filled slots (the request role does not own the table).
create function analyze_shard_columns() returns void
    language plpgsql volatile security definer set search_path = public
    as $$
    begin
        analyze shard_columns;
    end
    $$;

-- The ready maps, for the check after a start that the built-in types' slots still match their
-- schemas (a release may change them).
create function shard_column_maps_ready() returns table (tenant_id uuid, shard_type text, fields_hash text)
    language sql stable security definer set search_path = public
    as $$
        select m.tenant_id, m.shard_type, m.fields_hash from shard_column_maps m where m.ready
    $$;

-- The shards and links already stored: rows without field slots (the application assigns those),
-- and link slots for the kinds of link there are.
insert into shard_column_maps (tenant_id, shard_type) select distinct tenant_id, shard_type from shards;
select refresh_shard_columns(tenant_id, array_agg(id)) from shards group by tenant_id;
insert into shard_link_types (tenant_id, shard_type, link, far_type)
select distinct e.tenant_id, near.shard_type, e.link, far.shard_type
from (select tenant_id, source_id as near, target_id as far, array[type, 'out'] as link from relationships
      union all
      select tenant_id, target_id, source_id, array[type, 'in'] from relationships) e
join shards near on near.tenant_id = e.tenant_id and near.id = e.near
join shards far on far.tenant_id = e.tenant_id and far.id = e.far;
select assign_missing_link_slots(array(select distinct tenant_id from shard_link_types));

-- Fields a type declares as indexed (issue 23): a list filtered or sorted on such a field finds
-- its shards through an index instead of walking all of the type's shards. Each one gets a
-- partial index on its typed column (where tenant_id and shard_type are the type's; the columns
-- after it are chosen in ShardFieldIndexJob), built and dropped concurrently by that job, which
-- runs as the schema's owner: never on the request path.
alter table shard_types add column indexed_fields jsonb not null default '[]';

-- The typed column of every declared field that has one, across tenants: what the job reconciles
-- the indexes on shard_columns with. A field's column comes from its type's slots, so a schema
-- change that moves it, or a type deleted, changes this answer and the job follows.
create function shard_field_indexes_wanted() returns table (tenant_id uuid, shard_type text, col text)
    language sql stable security definer set search_path = public
    as $$
        select sl.tenant_id, sl.shard_type, sl.col
        from shard_types t
        cross join lateral jsonb_array_elements_text(t.indexed_fields) f (pointer)
        join shard_column_slots sl on sl.tenant_id = t.tenant_id and sl.shard_type = t.name and sl.kind in ('number', 'string', 'boolean')
                                  and sl.path = string_to_array(substr(f.pointer, 2), '/')
        order by 1, 2, 3
    $$;

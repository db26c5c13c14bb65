-- The relationship grouping's statement shapes, by hand (see README): psql -v tenant=UUID -f variants.sql
-- The read filter on rs is ReadFilter's for the owner (created_by compared with an id that never matches, as for another user).
\set ON_ERROR_STOP on
\echo lateral (the current statement's shape)
set statement_timeout = '90s';
\timing on
\o /dev/null
select rel0.structured_data #>> '{industry}', f.structured_data ->> 'currency', count(*), sum((f.structured_data ->> 'amount')::numeric)
from (select s.id, s.structured_data from shards s where s.tenant_id = :'tenant' and s.shard_type = 'c_opportunity' and s.status <> 'deleted') f
left join lateral (
    select rs.structured_data from relationships r join shards rs on rs.tenant_id = r.tenant_id and rs.id = r.source_id
    where r.tenant_id = :'tenant' and r.target_id = f.id and r.type = 'has_opportunity' and rs.status <> 'deleted'
      and (not rs.acl @> '[{}]' or rs.created_by = :'tenant' or rs.acl @> '[{"userId":"x"}]')
    order by r.created_at, r.id limit 1) rel0 on true
group by 1, 2;
\echo distinct-on, narrow link then hash join to the linked shard

select a.structured_data ->> 'industry', o.structured_data ->> 'currency', count(*), sum((o.structured_data ->> 'amount')::numeric)
from shards o
left join (select distinct on (r.target_id) r.target_id, r.source_id
           from relationships r join shards rs on rs.tenant_id = r.tenant_id and rs.id = r.source_id
           where r.tenant_id = :'tenant' and r.type = 'has_opportunity' and rs.status <> 'deleted'
             and (not rs.acl @> '[{}]' or rs.created_by = :'tenant' or rs.acl @> '[{"userId":"x"}]')
           order by r.target_id, r.created_at, r.id) l on l.target_id = o.id
left join shards a on a.tenant_id = :'tenant' and a.id = l.source_id
where o.tenant_id = :'tenant' and o.shard_type = 'c_opportunity' and o.status <> 'deleted'
group by 1, 2;

\echo distinct-on carrying only the grouped field
select l.industry, o.structured_data ->> 'currency', count(*), sum((o.structured_data ->> 'amount')::numeric)
from shards o
left join (select distinct on (r.target_id) r.target_id, rs.structured_data #>> '{industry}' as industry
           from relationships r join shards rs on rs.tenant_id = r.tenant_id and rs.id = r.source_id
           where r.tenant_id = :'tenant' and r.type = 'has_opportunity' and rs.status <> 'deleted'
             and (not rs.acl @> '[{}]' or rs.created_by = :'tenant' or rs.acl @> '[{"userId":"x"}]')
           order by r.target_id, r.created_at, r.id) l on l.target_id = o.id
where o.tenant_id = :'tenant' and o.shard_type = 'c_opportunity' and o.status <> 'deleted'
group by 1, 2;

-- The floor: the three bench queries hand-written against the shards table, as the superuser
-- (no RLS, no permission or acl filter, no value validation), each run 1 + 5 times (\g repeats the last query).
-- psql -v tenant=UUID -f floor.sql   (\timing prints each run's time)
\set ON_ERROR_STOP on
\pset pager off
\o /dev/null
\timing on
\echo eur_by_stage
select structured_data ->> 'stage' as stage, count(*), sum((structured_data ->> 'amount')::numeric)
from shards where tenant_id = :'tenant' and shard_type = 'c_opportunity' and status <> 'deleted'
  and structured_data @> '{"currency": "EUR"}' group by 1;
\g
\g
\g
\g
\g
\echo by_close_month_2025
select date_trunc('month', (structured_data ->> 'closeDate')::date)::date as month, structured_data ->> 'currency', sum((structured_data ->> 'amount')::numeric)
from shards where tenant_id = :'tenant' and shard_type = 'c_opportunity' and status <> 'deleted'
  and structured_data ->> 'closeDate' >= '2025-01-01' and structured_data ->> 'closeDate' < '2026-01-01'
group by 1, 2;
\g
\g
\g
\g
\g
\echo by_account_industry
select a.structured_data ->> 'industry' as industry, o.structured_data ->> 'currency', count(*), sum((o.structured_data ->> 'amount')::numeric)
from shards o
left join (select distinct on (r.target_id) r.target_id, rs.structured_data
           from relationships r join shards rs on rs.tenant_id = r.tenant_id and rs.id = r.source_id
           where r.tenant_id = :'tenant' and r.type = 'has_opportunity' and rs.status <> 'deleted'
           order by r.target_id, r.created_at, r.id) a on a.target_id = o.id
where o.tenant_id = :'tenant' and o.shard_type = 'c_opportunity' and o.status <> 'deleted'
group by 1, 2;
\g
\g
\g
\g
\g
-- The same three over the typed columns (V31), as a person who knows the slots would write them.
select max(col) filter (where path = '{stage}' and kind = 'string') as stage,
       max(col) filter (where path = '{currency}' and kind = 'string') as currency,
       max(col) filter (where path = '{amount}' and kind = 'number') as amount,
       max(col) filter (where path = '{closeDate}' and kind = 'string') as close_text,
       max(col) filter (where path = '{closeDate}' and kind = 'date') as close_date,
       max(col) filter (where path = '{has_opportunity,in}' and kind = 'link') as account_link
from shard_column_slots where tenant_id = :'tenant' and shard_type = 'c_opportunity' \gset
select max(col) filter (where path = '{industry}' and kind = 'string') as industry
from shard_column_slots where tenant_id = :'tenant' and shard_type = 'c_account' \gset
set work_mem = '32MB';
\echo typed_eur_by_stage
select :stage, count(*), sum(:amount) from shard_columns
where tenant_id = :'tenant' and shard_type = 'c_opportunity' and status <> 'deleted' and :currency = 'EUR' group by 1;
\g
\g
\g
\g
\g
\echo typed_by_close_month_2025
select date_trunc('month', :close_date), :currency, sum(:amount) from shard_columns
where tenant_id = :'tenant' and shard_type = 'c_opportunity' and status <> 'deleted'
  and :close_text >= '2025-01-01' and :close_text < '2026-01-01' group by 1, 2;
\g
\g
\g
\g
\g
\echo typed_by_account_industry
select a.:industry, o.:currency, count(*), sum(o.:amount) from shard_columns o
left join shard_columns a on a.tenant_id = o.tenant_id and a.shard_id = o.:account_link and a.shard_type = 'c_account'
where o.tenant_id = :'tenant' and o.shard_type = 'c_opportunity' and o.status <> 'deleted' group by 1, 2;
\g
\g
\g
\g
\g

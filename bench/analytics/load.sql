-- Loads the analytics bench data set straight into the embedded PostgreSQL (run as its superuser,
-- which RLS does not restrict), writing the rows the way ShardService would for an import:
-- status 'active', source 'import', revision 1, empty acl, created_by the tenant's owner.
-- Not written: shard_revisions, audit log entries, events (so no embedding work is queued).
-- psql -v tenant=UUID -v owner=UUID -v opps=1000000 -v accounts=20000 -f load.sql
\set ON_ERROR_STOP on
\timing on
select setseed(0.42);
begin;
create temp table bench_accounts as
select n, gen_random_uuid() as id,
       (array['Manufacturing','Software','Healthcare','Finance','Retail','Energy','Education','Logistics','Media','Agriculture'])[1 + floor(random() * 10)::int] as industry,
       timestamptz '2023-06-01' + (n * interval '10 minutes') as created_at
from generate_series(1, :accounts) n;

insert into shards (tenant_id, id, shard_type, structured_data, status, source, revision, acl, created_by, created_at, updated_at)
select :'tenant', id, 'c_account',
       jsonb_build_object('name', (array['Acme','Globex','Initech','Umbrella','Stark','Wayne','Hooli','Vandelay'])[1 + n % 8] || ' ' || n,
                          'industry', industry, 'employees', 1 + floor(random() * 50000)::int,
                          'country', (array['US','DE','FR','GB','JP','BR','IN','CA','AU','NL'])[1 + floor(random() * 10)::int]),
       'active', 'import', 1, '[]', :'owner', created_at, created_at
from bench_accounts;

create temp table bench_opps as
select n, gen_random_uuid() as id,
       1 + floor(random() * :accounts)::int as account_n,
       random() as r_stage, random() as r_cur, random() as r_amount, random() as r_date,
       timestamptz '2024-01-01' + (n * interval '90 seconds') as created_at
from generate_series(1, :opps) n;

-- 8 stages (weighted towards the early ones), 5 currencies (EUR and USD most), close dates over
-- 2024-2026, amounts log-uniform between 1,000 and 1,000,000 rounded to 10.
insert into shards (tenant_id, id, shard_type, structured_data, status, source, revision, acl, created_by, created_at, updated_at)
select :'tenant', id, 'c_opportunity',
       jsonb_build_object(
           'name', 'Deal ' || n,
           'stage', case when r_stage < 0.22 then 'prospecting' when r_stage < 0.40 then 'qualification'
                         when r_stage < 0.52 then 'needs_analysis' when r_stage < 0.63 then 'proposal'
                         when r_stage < 0.72 then 'negotiation' when r_stage < 0.78 then 'verbal_commit'
                         when r_stage < 0.90 then 'closed_won' else 'closed_lost' end,
           'currency', case when r_cur < 0.40 then 'EUR' when r_cur < 0.75 then 'USD' when r_cur < 0.88 then 'GBP'
                            when r_cur < 0.95 then 'CHF' else 'JPY' end,
           'amount', round(exp(ln(1000) + r_amount * ln(1000)) / 10) * 10,
           'closeDate', to_char(date '2024-01-01' + floor(r_date * 1096)::int, 'YYYY-MM-DD'),
           'probability', floor(r_stage * 100)::int),
       'active', 'import', 1, '[]', :'owner', created_at, created_at
from bench_opps;

-- Every opportunity has its account (account -has_opportunity-> opportunity); 2% get a second,
-- newer link to another account, so "the oldest link" matters.
insert into relationships (tenant_id, id, source_id, target_id, type, properties, created_by, created_at)
select :'tenant', gen_random_uuid(), a.id, o.id, 'has_opportunity', '{}', :'owner', o.created_at
from bench_opps o join bench_accounts a on a.n = o.account_n;
insert into relationships (tenant_id, id, source_id, target_id, type, properties, created_by, created_at)
select :'tenant', gen_random_uuid(), a.id, o.id, 'has_opportunity', '{}', :'owner', o.created_at + interval '1 day'
from bench_opps o join bench_accounts a on a.n = 1 + (o.account_n % :accounts)
where o.n % 50 = 0;
commit;
analyze shards;
analyze relationships;
analyze shard_columns;

-- Loads Castiel's analytics data set (../load.sql) into the tables Directus created for
-- bench_accounts / bench_opportunities. Same setseed and the same random() calls in the same order
-- as load.sql, so the same values (PostgreSQL >= 15 uses the same PRNG, pg_prng).
-- psql -h 127.0.0.1 -p 55433 -U postgres -v opps=1000000 -v accounts=20000 -f load_directus.sql directus
-- Differences: integer ids (account n -> id n, opportunity n -> id n) instead of uuids;
-- the m2o `account` holds the first link's account; the 2 % second, newer links cannot be
-- expressed in a many-to-one and are not loaded; no created_at/updated_at (Directus' collections
-- here have no such fields).
\set ON_ERROR_STOP on
\timing on
select setseed(0.42);
begin;
truncate bench_opportunities, bench_accounts restart identity;
create temp table t_accounts as
select n, gen_random_uuid() as id,
       (array['Manufacturing','Software','Healthcare','Finance','Retail','Energy','Education','Logistics','Media','Agriculture'])[1 + floor(random() * 10)::int] as industry,
       timestamptz '2023-06-01' + (n * interval '10 minutes') as created_at
from generate_series(1, :accounts) n;

insert into bench_accounts (id, name, industry, employees, country)
select n, (array['Acme','Globex','Initech','Umbrella','Stark','Wayne','Hooli','Vandelay'])[1 + n % 8] || ' ' || n,
       industry, 1 + floor(random() * 50000)::int,
       (array['US','DE','FR','GB','JP','BR','IN','CA','AU','NL'])[1 + floor(random() * 10)::int]
from t_accounts;

create temp table t_opps as
select n, gen_random_uuid() as id,
       1 + floor(random() * :accounts)::int as account_n,
       random() as r_stage, random() as r_cur, random() as r_amount, random() as r_date,
       timestamptz '2024-01-01' + (n * interval '90 seconds') as created_at
from generate_series(1, :opps) n;

insert into bench_opportunities (id, name, stage, currency, amount, close_date, probability, account)
select n, 'Deal ' || n,
       case when r_stage < 0.22 then 'prospecting' when r_stage < 0.40 then 'qualification'
            when r_stage < 0.52 then 'needs_analysis' when r_stage < 0.63 then 'proposal'
            when r_stage < 0.72 then 'negotiation' when r_stage < 0.78 then 'verbal_commit'
            when r_stage < 0.90 then 'closed_won' else 'closed_lost' end,
       case when r_cur < 0.40 then 'EUR' when r_cur < 0.75 then 'USD' when r_cur < 0.88 then 'GBP'
            when r_cur < 0.95 then 'CHF' else 'JPY' end,
       round(exp(ln(1000) + r_amount * ln(1000)) / 10) * 10,
       date '2024-01-01' + floor(r_date * 1096)::int,
       floor(r_stage * 100)::int,
       account_n
from t_opps;
-- load.sql's 2 % second links (o.n % 50 = 0 -> account 1 + account_n % accounts, one day newer):
-- not representable in the m2o, counted here only for the record.
select count(*) as second_links_not_loaded from t_opps where n % 50 = 0;
select setval(pg_get_serial_sequence('bench_accounts', 'id'), :accounts);
select setval(pg_get_serial_sequence('bench_opportunities', 'id'), :opps);
commit;
analyze bench_accounts;
analyze bench_opportunities;

-- The floor: the three queries hand-written on Directus' own tables (typed columns), as the
-- superuser, each run 1 + 5 times (\g repeats the last query); median of the last 5.
-- psql -h 127.0.0.1 -p 55433 -U postgres -f floor_directus.sql directus
\set ON_ERROR_STOP on
\pset pager off
\o /dev/null
\timing on
\echo eur_by_stage
select stage, count(*), sum(amount) from bench_opportunities where currency = 'EUR' group by stage;
\g
\g
\g
\g
\g
\echo by_close_month_2025
select extract(month from close_date) as month, currency, sum(amount) from bench_opportunities
where close_date >= '2025-01-01' and close_date < '2026-01-01' group by 1, 2;
\g
\g
\g
\g
\g
\echo by_account_industry
select a.industry, count(*), sum(o.amount) from bench_opportunities o
left join bench_accounts a on a.id = o.account group by 1;
\g
\g
\g
\g
\g

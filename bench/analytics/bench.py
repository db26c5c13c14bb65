#!/usr/bin/env python3
"""Analytics load tool (standard library only).

  bench.py latency   --base URL [--email E --password P] [--runs 30] [--warmup 3] [--queries a,b]
      each named query WARMUP times unmeasured, then RUNS times sequentially: p50/p95/min/max.
  bench.py dashboard --base URL [--email E --password P] [--users 8] [--seconds 60]
      USERS threads each loading a 6-widget dashboard (the 6 queries in parallel, as a browser
      would) over and over for SECONDS: dashboard loads/s, queries/s, errors, p50/p95 per load.
"""
import argparse
import concurrent.futures
import json
import statistics
import sys
import threading
import time
import urllib.error
import urllib.request

EUR_BY_STAGE = {"shardType": "c_opportunity", "where": ["currency:eq:EUR"], "groupBy": ["stage"],
                "measures": [{"fn": "count"}, {"fn": "sum", "field": "amount"}]}
BY_MONTH = {"shardType": "c_opportunity", "where": ["closeDate:gte:2025-01-01", "closeDate:lt:2026-01-01"],
            "groupBy": ["closeDate:month"], "measures": [{"fn": "sum", "field": "amount"}]}
BY_INDUSTRY = {"shardType": "c_opportunity", "groupBy": ["related:has_opportunity:in.industry"],
               "measures": [{"fn": "count"}, {"fn": "sum", "field": "amount"}]}
# The starter dashboard's three analytics widgets (StarterDashboards "Sales pipeline").
PIPELINE = {"shardType": "c_opportunity", "groupBy": ["stage"],
            "measures": [{"fn": "sum", "field": "amount", "as": "amount"}, {"fn": "count", "as": "deals"}],
            "sort": ["-amount"]}
WON_BY_MONTH = {"shardType": "c_opportunity", "where": ["stage:eq:closed_won"], "groupBy": ["closeDate:month"],
                "measures": [{"fn": "sum", "field": "amount", "as": "amount"}]}
TOP_ACCOUNTS = {"shardType": "c_opportunity", "groupBy": ["related:has_opportunity:in.name"],
                "measures": [{"fn": "sum", "field": "amount", "as": "amount"}, {"fn": "count", "as": "deals"}],
                "sort": ["-amount"], "limit": 10}
COUNT_ALL = {"shardType": "c_opportunity", "measures": [{"fn": "count"}]}

QUERIES = {"eur_by_stage": EUR_BY_STAGE, "by_close_month_2025": BY_MONTH, "by_account_industry": BY_INDUSTRY}
DASHBOARD = [PIPELINE, WON_BY_MONTH, TOP_ACCOUNTS, EUR_BY_STAGE, BY_MONTH, BY_INDUSTRY]


def post(base, token, body, timeout=120, path="/api/v1/analytics/query"):
    request = urllib.request.Request(base + path, data=json.dumps(body).encode(), method="POST")
    request.add_header("Content-Type", "application/json")
    request.add_header("Accept", "application/json")
    request.add_header("Authorization", "Bearer " + token)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode(errors="replace")
    except Exception as e:  # timeouts, resets
        return 0, repr(e)


def login(base, email, password):
    request = urllib.request.Request(base + "/api/v1/auth/login", method="POST",
                                     data=json.dumps({"email": email, "password": password}).encode())
    request.add_header("Content-Type", "application/json")
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read())["accessToken"]


def pct(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, max(0, round(p / 100 * len(values) + 0.5) - 1))]


def latency(args):
    status, body = post(args.base, args.token, COUNT_ALL)
    print(f"count(c_opportunity): {status} {body if status != 200 else body['rows']}")
    for name, query in QUERIES.items():
        if args.queries and name not in args.queries.split(","):
            continue
        failed = None
        for _ in range(args.warmup):
            status, body = post(args.base, args.token, query)
            if status != 200:
                failed = f"{name}: warm-up failed, not measured: {status} {str(body)[:300]}"
                break
        times = []
        for _ in range(0 if failed else args.runs):
            start = time.perf_counter()
            status, body = post(args.base, args.token, query)
            times.append(time.perf_counter() - start)
            if status != 200:
                failed = f"{name}: run {len(times)} failed after {times[-1]:.1f} s: {status} {str(body)[:300]}"
                break
        if failed:
            print(failed)
            continue
        print(f"{name}: n={len(times)} p50={pct(times, 50) * 1000:.0f} ms p95={pct(times, 95) * 1000:.0f} ms "
              f"min={min(times) * 1000:.0f} max={max(times) * 1000:.0f} ms groups={len(body['rows'])}")


def dashboard(args):
    stop = time.monotonic() + args.seconds
    lock = threading.Lock()
    loads, errors, queries = [], [], [0]
    widgets = concurrent.futures.ThreadPoolExecutor(max_workers=args.users * len(DASHBOARD))

    def user():
        while time.monotonic() < stop:
            start = time.perf_counter()
            results = list(widgets.map(lambda q: post(args.base, args.token, q), DASHBOARD))
            elapsed = time.perf_counter() - start
            with lock:
                loads.append(elapsed)
                queries[0] += len(results)
                errors.extend(f"{s} {str(b)[:200]}" for s, b in results if s != 200)

    began = time.perf_counter()
    threads = [threading.Thread(target=user) for _ in range(args.users)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - began
    widgets.shutdown()
    print(f"{args.users} users x {len(DASHBOARD)} widgets, {wall:.1f} s: {len(loads)} dashboard loads "
          f"({len(loads) / wall:.2f}/s), {queries[0]} queries ({queries[0] / wall:.2f}/s), errors={len(errors)}, "
          f"load p50={pct(loads, 50):.2f} s p95={pct(loads, 95):.2f} s max={max(loads):.2f} s")
    kinds = {}
    for e in errors:
        kind = e.split(" ", 1)[0] + " " + (e.split('"title":"', 1)[1].split('"', 1)[0] if '"title":"' in e else e[:60])
        kinds[kind] = kinds.get(kind, 0) + 1
    for kind, n in sorted(kinds.items(), key=lambda k: -k[1]):
        print(f"  {n} x {kind}")


def ready(args):
    """Waits until every bench query's plan reads the typed columns (the shard-columns job fills them after a load)."""
    started = time.time()
    waiting = dict(QUERIES)
    while waiting and time.time() - started < args.seconds:
        for name, query in list(waiting.items()):
            status, body = post(args.base, args.token, query, path="/api/v1/analytics/query/explain")
            if status == 200 and "shard_columns" in body["plan"]:
                print(f"{name}: typed columns after {time.time() - started:.1f} s")
                del waiting[name]
        time.sleep(1)
    for name in waiting:
        print(f"{name}: still reading the jsonb after {args.seconds} s")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("mode", choices=["latency", "dashboard", "ready"])
    parser.add_argument("--base", required=True)
    parser.add_argument("--email", default="bench@analytics.example")
    parser.add_argument("--password", default="bench-password-0123456789")
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--queries", help="comma-separated names (latency), default all")
    parser.add_argument("--users", type=int, default=8)
    parser.add_argument("--seconds", type=int, default=60)
    args = parser.parse_args()
    args.token = login(args.base, args.email, args.password)  # access tokens live 15 minutes
    {"latency": latency, "dashboard": dashboard, "ready": ready}[args.mode](args)


if __name__ == "__main__":
    main()

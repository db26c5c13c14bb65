#!/usr/bin/env python3
"""Directus side of the analytics bench (issue 19), standard library only.

  bench_directus.py check     [--base URL] [--token T]   counts + each query once, answers printed
  bench_directus.py latency   [--base URL] [--token T] [--runs 30] [--warmup 3] [--queries a,b]
      each query WARMUP times unmeasured, then RUNS times sequentially: p50/p95/min/max.
  bench_directus.py concurrent [--base URL] [--token T] [--users 8] [--seconds 60]
      USERS threads each firing the 3 queries in a loop (one after the other) for SECONDS:
      queries/s, errors, per-query p50/p95.
"""
import argparse
import json
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

QUERIES = {
    # count + sum(amount) group by stage where currency = EUR
    "eur_by_stage": "/items/bench_opportunities?aggregate[count]=*&aggregate[sum]=amount"
                    "&groupBy[]=stage&filter[currency][_eq]=EUR",
    # sum(amount) by close month over 2025, per currency (60 groups)
    "by_close_month_2025": "/items/bench_opportunities?aggregate[sum]=amount"
                           "&groupBy[]=month(close_date)&groupBy[]=currency"
                           "&filter[close_date][_gte]=2025-01-01&filter[close_date][_lt]=2026-01-01&limit=-1",
    # count + sum(amount) by the account's industry (relational groupBy through the m2o)
    "by_account_industry": "/items/bench_opportunities?aggregate[count]=*&aggregate[sum]=amount"
                           "&groupBy[]=account.industry&limit=-1",
}
# Relational groupBy is refused (500, see README), so the workaround a Directus client would use:
# group by the m2o key (20,000 groups) and read id+industry of all accounts, then join in the client.
WORKAROUND = {
    "by_account_industry_clientjoin": ("/items/bench_opportunities?aggregate[count]=*&aggregate[sum]=amount"
                                       "&groupBy[]=account&limit=-1",
                                       "/items/bench_accounts?fields[]=id&fields[]=industry&limit=-1"),
}
COUNTS = {"bench_opportunities": "/items/bench_opportunities?aggregate[count]=*",
          "bench_accounts": "/items/bench_accounts?aggregate[count]=*"}


def enc(path):
    # keep the Directus query syntax readable in the source; percent-encode brackets/parens on the wire
    p, _, q = path.partition("?")
    return p + "?" + "&".join(urllib.parse.quote(k, safe="") + "=" + urllib.parse.quote(v, safe="")
                              for k, v in (kv.split("=", 1) for kv in q.split("&")))


def run(base, token, q):
    """One query: a path, or a (grouped-by-account, accounts) pair joined here by industry."""
    if isinstance(q, str):
        return get(base, token, q)
    status, groups = get(base, token, q[0])
    if status != 200:
        return status, groups
    status, accounts = get(base, token, q[1])
    if status != 200:
        return status, accounts
    industry = {a["id"]: a["industry"] for a in accounts["data"]}
    out = {}
    for g in groups["data"]:
        o = out.setdefault(industry.get(g["account"]), {"count": 0, "sum": 0.0})
        o["count"] += int(g["count"])
        o["sum"] += float(g["sum"]["amount"] or 0)
    return 200, {"data": [{"industry": k, **v} for k, v in sorted(out.items(), key=lambda kv: str(kv[0]))]}


def get(base, token, path, timeout=120):
    request = urllib.request.Request(base + enc(path))
    request.add_header("Accept", "application/json")
    request.add_header("Authorization", "Bearer " + token)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode(errors="replace")
    except Exception as e:  # timeouts, resets
        return 0, repr(e)


def pct(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, max(0, round(p / 100 * len(values) + 0.5) - 1))]


def check(args):
    for name, path in COUNTS.items():
        status, body = get(args.base, args.token, path)
        print(f"count({name}): {status} {body if status != 200 else body['data']}")
    for name, path in {**QUERIES, **WORKAROUND}.items():
        start = time.perf_counter()
        status, body = run(args.base, args.token, path)
        ms = (time.perf_counter() - start) * 1000
        if status != 200:
            print(f"{name}: {status} after {ms:.0f} ms: {str(body)[:600]}")
            continue
        rows = body["data"]
        print(f"{name}: {status} {ms:.0f} ms, {len(rows)} groups")
        for r in rows:
            print("   ", json.dumps(r))


def latency(args):
    for name, path in {**QUERIES, **WORKAROUND}.items():
        if args.queries and name not in args.queries.split(","):
            continue
        failed = None
        for _ in range(args.warmup):
            status, body = run(args.base, args.token, path)
            if status != 200:
                failed = f"{name}: warm-up failed, not measured: {status} {str(body)[:400]}"
                break
        times = []
        for _ in range(0 if failed else args.runs):
            start = time.perf_counter()
            status, body = run(args.base, args.token, path)
            times.append(time.perf_counter() - start)
            if status != 200:
                failed = f"{name}: run {len(times)} failed after {times[-1]:.1f} s: {status} {str(body)[:400]}"
                break
        if failed:
            print(failed)
            continue
        print(f"{name}: n={len(times)} p50={pct(times, 50) * 1000:.0f} ms p95={pct(times, 95) * 1000:.0f} ms "
              f"min={min(times) * 1000:.0f} max={max(times) * 1000:.0f} ms groups={len(body['data'])}", flush=True)


def concurrent(args):
    stop = time.monotonic() + args.seconds
    lock = threading.Lock()
    queries = dict(QUERIES)
    if args.workaround:  # replace the refused relational groupBy by the client-side join
        del queries["by_account_industry"]
        queries.update(WORKAROUND)
    times = {n: [] for n in queries}
    errors = []

    def user(i):
        names = list(queries)
        k = i  # stagger the starting query per user
        while time.monotonic() < stop:
            name = names[k % len(names)]
            k += 1
            start = time.perf_counter()
            status, body = run(args.base, args.token, queries[name])
            elapsed = time.perf_counter() - start
            with lock:
                if status == 200:
                    times[name].append(elapsed)
                else:
                    errors.append(f"{name} {status} {str(body)[:200]}")

    began = time.perf_counter()
    threads = [threading.Thread(target=user, args=(i,)) for i in range(args.users)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - began
    ok = sum(len(v) for v in times.values())
    print(f"{args.users} users x {len(queries)} queries in a loop, {wall:.1f} s: {ok + len(errors)} queries "
          f"({(ok + len(errors)) / wall:.2f}/s), ok={ok} ({ok / wall:.2f}/s), errors={len(errors)}")
    for name, v in times.items():
        if v:
            print(f"  {name}: n={len(v)} p50={pct(v, 50) * 1000:.0f} ms p95={pct(v, 95) * 1000:.0f} ms max={max(v) * 1000:.0f} ms")
    kinds = {}
    for e in errors:
        kinds[e[:120]] = kinds.get(e[:120], 0) + 1
    for kind, n in sorted(kinds.items(), key=lambda k: -k[1]):
        print(f"  {n} x {kind}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("mode", choices=["check", "latency", "concurrent"])
    parser.add_argument("--base", default="http://127.0.0.1:8055")
    parser.add_argument("--token", default="bench-static-token-0001")
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--queries", help="comma-separated names (latency), default all")
    parser.add_argument("--users", type=int, default=8)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--workaround", action="store_true",
                        help="concurrent: by_account_industry_clientjoin instead of the refused relational groupBy")
    args = parser.parse_args()
    {"check": check, "latency": latency, "concurrent": concurrent}[args.mode](args)


if __name__ == "__main__":
    main()

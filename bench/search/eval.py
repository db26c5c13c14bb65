#!/usr/bin/env python3
"""Search quality evaluation: recall@5 and MRR@10 of POST /search in keyword, semantic and hybrid
mode over the hand-labelled corpus in bench/search/eval/ (standard library only).

  eval.py --jar server/target/castiel-server.jar [--mode embedded|server] [--port 18110]
      starts that jar (fresh data, as bench/run.sh does), evaluates, stops it;
  eval.py --base http://localhost:8080
      evaluates against a running server.
  --set eval/hard (repeatable; default: eval): the sets to evaluate, each a folder under bench/search
      with shards.json and queries.json; eval is the project's first set, eval/hard the look-alikes.

Either way, per set, it registers a fresh tenant, loads the set's shards (POST /shards/bulk;
accounts first, so that opportunities get their accountId), waits until every shard's
embeddingStatus is ready, runs each query in the three modes (limit 10), maps result ids back to
the corpus keys, prints the metrics (all queries, then per kind of query) and the queries hybrid
got wrong, and writes everything to bench/results/<stamp>-search-eval/ (one summary per set).

recall@5: per query, the share of its relevant shards among the first 5 results, averaged.
MRR@10: per query, 1/rank of the first relevant shard within the first 10 results (0 if none), averaged.
"""
import argparse
import json
import os
import re
import signal
import sys
import time

sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from castiel import Server, Tenant, log, percentile  # noqa: E402

MODES = ["keyword", "semantic", "hybrid"]


def load_corpus(tenant, shards):
    """Creates the shards; returns {key: id}. Opportunities reference their account's id."""
    ids = {}
    accounts = [s for s in shards if s["shard"]["shardType"] == "c_account"]
    rest = [s for s in shards if s["shard"]["shardType"] != "c_account"]
    for group in (accounts, rest):
        for start in range(0, len(group), 200):
            batch = group[start:start + 200]
            items = []
            for entry in batch:
                body = json.loads(json.dumps(entry["shard"]))
                if entry.get("accountKey"):
                    body["structuredData"]["accountId"] = ids[entry["accountKey"]]
                items.append(body)
            for entry, shard_id in zip(batch, tenant.bulk(items)):
                ids[entry["key"]] = shard_id
    return ids


def label(shard):
    data = shard.get("structuredData") or {}
    return data.get("name") or data.get("subject") or data.get("title") or data.get("lastName") or "?"


def evaluate(tenant, queries, id_to_key, limit=10):
    runs = {mode: [] for mode in MODES}
    for q in queries:
        for mode in MODES:
            started = time.perf_counter()
            _, answer = tenant.call("POST", "/api/v1/search", {"query": q["query"], "mode": mode, "limit": limit},
                                    expect=200)
            elapsed = (time.perf_counter() - started) * 1000
            items = answer["items"]
            keys = [id_to_key.get(item["shard"]["id"], "?" + item["shard"]["id"]) for item in items]
            relevant = set(q["relevant"])
            recall5 = len(relevant & set(keys[:5])) / len(relevant)
            rank = next((i + 1 for i, k in enumerate(keys[:10]) if k in relevant), None)
            runs[mode].append({"id": q["id"], "kind": q["kind"], "query": q["query"], "relevant": q["relevant"],
                               "results": keys, "titles": [label(item["shard"]) for item in items[:5]],
                               "scores": [item.get("score") for item in items],
                               "recall@5": recall5, "firstRelevantRank": rank, "rr@10": 1 / rank if rank else 0.0,
                               "ms": round(elapsed, 1)})
    return runs


FUSION_GRID = [("rrf", w, k) for k in (5, 10, 30, 60) for w in (0.0, 0.25, 0.5, 0.75, 1.0, 1.5)] \
    + [("convex", a, 0) for a in (0.05, 0.1, 0.2, 0.3, 0.4, 0.5)] \
    + [("minmax", a, 0) for a in (0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5)]


def fusion_grid(tenant, queries, id_to_key, depth=30):
    """Fusions of the keyword and semantic legs, computed here from each leg's first `depth`
    results: weighted reciprocal rank fusion for a grid of keyword weights w (semantic weight 1)
    and k, score = w / (k + keyword rank) + 1 / (k + semantic rank); and convex combinations of
    the legs' scores, score = a * keyword + (1 - a) * semantic (0 where a leg did not return the
    shard), each divided by its leg's best ("convex") or scaled from its leg's lowest to its best
    onto 0-1 ("minmax"). What the server's fusion is chosen with
    (bench/README.md); not a product figure."""
    legs = []
    for q in queries:
        _, kw = tenant.call("POST", "/api/v1/search", {"query": q["query"], "mode": "keyword", "limit": depth}, expect=200)
        _, se = tenant.call("POST", "/api/v1/search", {"query": q["query"], "mode": "semantic", "limit": depth}, expect=200)
        legs.append(([(i["shard"]["id"], i["score"]) for i in kw["items"]], [(i["shard"]["id"], i["score"]) for i in se["items"]]))
    grid = {}
    for kind, w, k in FUSION_GRID:
        rows = []
        for q, (kw_hits, se_hits) in zip(queries, legs):
            scores = {}
            for weight, hits in ((w, kw_hits), (1.0, se_hits)) if kind == "rrf" else ((w, kw_hits), (1 - w, se_hits)):
                best = max((score for _, score in hits), default=1) or 1
                low = min((score for _, score in hits), default=0) if kind == "minmax" else 0
                for rank, (shard_id, score) in enumerate(hits, 1):
                    part = weight / (k + rank) if kind == "rrf" else weight * (score - low) / ((best - low) or 1)
                    scores[shard_id] = scores.get(shard_id, 0) + part
            keys = [id_to_key.get(i, "?" + i) for i in sorted(scores, key=lambda i: -scores[i])[:10]]
            relevant = set(q["relevant"])
            rank = next((n + 1 for n, key in enumerate(keys) if key in relevant), None)
            rows.append({"kind": q["kind"], "recall@5": len(relevant & set(keys[:5])) / len(relevant),
                         "firstRelevantRank": rank, "rr@10": 1 / rank if rank else 0.0, "ms": 0.0})
        grid[f"rrf w={w} k={k}" if kind == "rrf" else f"{kind} a={w}"] = rows
    return grid


def metrics(rows):
    if not rows:
        return {"queries": 0}
    return {"queries": len(rows),
            "recall@5": round(sum(r["recall@5"] for r in rows) / len(rows), 3),
            "MRR@10": round(sum(r["rr@10"] for r in rows) / len(rows), 3),
            "hit@5": round(sum(1 for r in rows if r["firstRelevantRank"] and r["firstRelevantRank"] <= 5) / len(rows), 3),
            "p50_ms": round(percentile([r["ms"] for r in rows], 50), 1)}


def report(name, base, args, shards, queries, runs, embedded_after, grid):
    """The metrics of one set's runs: a summary for eval.json and its Markdown."""
    summary = {"date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "base": base,
               "jar": args.jar, "serverMode": args.mode if args.jar else None,
               "set": name, "shards": len(shards), "queries": len(queries),
               "embeddedAfterLastWriteSeconds": embedded_after, "metrics": {}}
    kinds = sorted({q["kind"] for q in queries})
    lines = [f"# Search evaluation {summary['date']}: set {name}", "",
             f"{len(shards)} shards, {len(queries)} queries ("
             + ", ".join(f"{sum(q['kind'] == kind for q in queries)} {kind}" for kind in kinds) + "); limit 10", "",
             "| mode | queries | recall@5 | MRR@10 | hit@5 | p50 ms |", "|---|---|---:|---:|---:|---:|"]
    for mode in MODES:
        summary["metrics"][mode] = {}
        for kind in ["all"] + kinds:
            rows = [r for r in runs[mode] if kind == "all" or r["kind"] == kind]
            m = summary["metrics"][mode][kind] = metrics(rows)
            lines.append(f"| {mode} | {kind} ({m['queries']}) | {m['recall@5']:.3f} | {m['MRR@10']:.3f} | {m['hit@5']:.3f} | {m['p50_ms']} |")
    hybrid = summary["metrics"]["hybrid"]["all"]["recall@5"]
    others = max(summary["metrics"]["keyword"]["all"]["recall@5"], summary["metrics"]["semantic"]["all"]["recall@5"])
    verdict = "met" if hybrid >= 0.85 and hybrid > others else "NOT met"
    summary["target"] = verdict
    lines += ["", f"Target hybrid recall@5 ≥ 0.85 and above both others: {verdict} "
                  f"(hybrid {hybrid:.3f}, best other {others:.3f})"]
    if grid:
        lines += ["", "Weighted fusion of the two legs, computed by this script from each leg's first 30 results "
                      "(keyword weight w, semantic weight 1, score w/(k+rank)+1/(k+rank)): what the server's fusion "
                      "is chosen with:", "",
                  "| fusion | recall@5 | MRR@10 | hit@5 |", "|---|---:|---:|---:|"]
        summary["fusionGrid"] = {}
        for variant, rows in grid.items():
            m = summary["fusionGrid"][variant] = metrics(rows)
            lines.append(f"| {variant} | {m['recall@5']:.3f} | {m['MRR@10']:.3f} | {m['hit@5']:.3f} |")
    lines += ["", "## Queries where hybrid missed a relevant shard in the top 5", "",
              f"| query | relevant | hybrid top 5 | first relevant rank ({' / '.join(m for m in runs)}) |", "|---|---|---|---|"]
    by_mode = {mode: {r["id"]: r for r in runs[mode]} for mode in runs}
    for r in runs["hybrid"]:
        if r["recall@5"] < 1:
            ranks = " / ".join(str(by_mode[m][r["id"]]["firstRelevantRank"] or "-") for m in runs)
            top = ", ".join(f"{k} ({t})" for k, t in zip(r["results"][:5], r["titles"]))
            lines.append(f"| {r['id']} {r['query']} | {', '.join(r['relevant'])} | {top} | {ranks} |")
    return summary, "\n".join(lines) + "\n"


def main():
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))   # so that the finally block stops the server
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--base", help="a running server, e.g. http://localhost:8080")
    parser.add_argument("--jar", help="start this jar instead (fresh data), e.g. server/target/castiel-server.jar")
    parser.add_argument("--mode", choices=["embedded", "server"], default="embedded", help="with --jar")
    parser.add_argument("--port", type=int, default=18110)
    parser.add_argument("--work-dir", default="/tmp/search-eval")
    parser.add_argument("--fusion-grid", action="store_true", help="also compute weighted fusions of the two legs client-side")
    parser.add_argument("--out", help="results directory (default bench/results/<stamp>-search-eval)")
    parser.add_argument("--set", action="append", dest="sets", help="an evaluation set's folder under bench/search (default: eval)")
    args = parser.parse_args()
    if not args.base and not args.jar:
        parser.error("give --base or --jar")

    stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
    out = args.out or os.path.join(os.path.dirname(HERE), "results", f"{stamp}-search-eval")
    os.makedirs(out, exist_ok=True)
    sets = args.sets or ["eval"]
    corpora = {}
    for name in sets:
        with open(os.path.join(HERE, name, "shards.json")) as f:
            shards = json.load(f)
        with open(os.path.join(HERE, name, "queries.json")) as f:
            queries = json.load(f)
        corpora[name] = (shards, queries)

    server = None
    results = {}
    try:
        if args.jar:
            server = Server(args.jar, args.mode, args.port, args.work_dir, out, db_name="castiel_search_eval").start()
            base = server.base
        else:
            base = args.base.rstrip("/")
        for name, (shards, queries) in corpora.items():
            tenant = Tenant(base, "eval")
            log(f"set {name}, tenant {tenant.slug}: loading {len(shards)} shards")
            started = time.time()
            ids = load_corpus(tenant, shards)
            written = time.time()
            log(f"loaded in {written - started:.1f} s; waiting for the embeddings")
            ready = tenant.wait_embedded(list(ids.values()))
            log(f"all {len(ids)} shards embedded {ready - written:.1f} s after the last write")
            id_to_key = {v: k for k, v in ids.items()}
            runs = evaluate(tenant, queries, id_to_key)
            grid = fusion_grid(tenant, queries, id_to_key) if args.fusion_grid else None
            results[name] = (runs, round(ready - written, 1), grid)
    finally:
        if server:
            server.stop()

    everything = {}
    for name, (shards, queries) in corpora.items():
        runs, embedded_after, grid = results[name]
        summary, text = report(name, base, args, shards, queries, runs, embedded_after, grid)
        print(text)
        suffix = "" if name == "eval" else "-" + name.replace("/", "-")
        with open(os.path.join(out, f"summary{suffix}.md"), "w") as f:
            f.write(text)
        everything[name] = {"summary": summary, "runs": runs}
    with open(os.path.join(out, "eval.json"), "w") as f:
        json.dump(everything, f, indent=1, ensure_ascii=False)
    log(f"results in {out}")


if __name__ == "__main__":
    main()

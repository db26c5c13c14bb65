#!/usr/bin/env python3
"""Search quality evaluation: recall@5 and MRR@10 of POST /search in keyword, semantic and hybrid
mode over the hand-labelled corpus in bench/search/eval/ (standard library only).

  eval.py --jar server/target/castiel-server.jar [--mode embedded|server] [--port 18110]
      starts that jar (fresh data, as bench/run.sh does), evaluates, stops it;
  eval.py --base http://localhost:8080
      evaluates against a running server.

Either way it registers a fresh tenant, loads the 333 shards (POST /shards/bulk; accounts first,
so that opportunities get their accountId), waits until every shard's embeddingStatus is ready,
runs each query of eval/queries.json in the three modes (limit 10), maps result ids back to the
corpus keys, prints the metrics (all queries, paraphrases only, keyword-style only) and the
queries hybrid got wrong, and writes everything to bench/results/<stamp>-search-eval/.

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


def any_word(query):
    """The query as websearch_to_tsquery alternatives ("a or b or c"): any word may match."""
    words = [w.strip("-'") for w in re.findall(r"[\w'-]+", query)]
    return " or ".join(w for w in words if w and w.lower() != "or")


def diagnose(tenant, queries, id_to_key, runs, depth=30, k=60):
    """What hybrid would score if its keyword leg matched any word instead of every word: keyword
    mode with the query rewritten as alternatives, fused client-side with semantic mode by
    reciprocal rank fusion (same k and candidate depth as the server's hybrid). A diagnostic for
    the search engineer, not a product figure."""
    for name in ("keyword-any", "hybrid-any"):
        runs[name] = []
    for q in queries:
        _, kw = tenant.call("POST", "/api/v1/search", {"query": any_word(q["query"]), "mode": "keyword", "limit": depth}, expect=200)
        _, se = tenant.call("POST", "/api/v1/search", {"query": q["query"], "mode": "semantic", "limit": depth}, expect=200)
        kw_ids = [i["shard"]["id"] for i in kw["items"]]
        se_ids = [i["shard"]["id"] for i in se["items"]]
        scores = {}
        for ranking in (kw_ids, se_ids):
            for rank, shard_id in enumerate(ranking, 1):
                scores[shard_id] = scores.get(shard_id, 0) + 1 / (k + rank)
        fused = sorted(scores, key=lambda i: -scores[i])
        for name, ids in (("keyword-any", kw_ids), ("hybrid-any", fused)):
            keys = [id_to_key.get(i, "?" + i) for i in ids[:10]]
            relevant = set(q["relevant"])
            rank = next((n + 1 for n, key in enumerate(keys) if key in relevant), None)
            runs[name].append({"id": q["id"], "kind": q["kind"], "query": q["query"], "relevant": q["relevant"],
                               "results": keys, "recall@5": len(relevant & set(keys[:5])) / len(relevant),
                               "firstRelevantRank": rank, "rr@10": 1 / rank if rank else 0.0, "ms": 0.0})


def metrics(rows):
    if not rows:
        return {"queries": 0}
    return {"queries": len(rows),
            "recall@5": round(sum(r["recall@5"] for r in rows) / len(rows), 3),
            "MRR@10": round(sum(r["rr@10"] for r in rows) / len(rows), 3),
            "hit@5": round(sum(1 for r in rows if r["firstRelevantRank"] and r["firstRelevantRank"] <= 5) / len(rows), 3),
            "p50_ms": round(percentile([r["ms"] for r in rows], 50), 1)}


def main():
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))   # so that the finally block stops the server
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--base", help="a running server, e.g. http://localhost:8080")
    parser.add_argument("--jar", help="start this jar instead (fresh data), e.g. server/target/castiel-server.jar")
    parser.add_argument("--mode", choices=["embedded", "server"], default="embedded", help="with --jar")
    parser.add_argument("--port", type=int, default=18110)
    parser.add_argument("--work-dir", default="/tmp/search-eval")
    parser.add_argument("--no-diagnose", action="store_true", help="skip the client-side any-word hybrid diagnostic")
    parser.add_argument("--out", help="results directory (default bench/results/<stamp>-search-eval)")
    args = parser.parse_args()
    if not args.base and not args.jar:
        parser.error("give --base or --jar")

    stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
    out = args.out or os.path.join(os.path.dirname(HERE), "results", f"{stamp}-search-eval")
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(HERE, "eval", "shards.json")) as f:
        shards = json.load(f)
    with open(os.path.join(HERE, "eval", "queries.json")) as f:
        queries = json.load(f)

    server = None
    try:
        if args.jar:
            server = Server(args.jar, args.mode, args.port, args.work_dir, out, db_name="castiel_search_eval").start()
            base = server.base
        else:
            base = args.base.rstrip("/")
        tenant = Tenant(base, "eval")
        log(f"tenant {tenant.slug}: loading {len(shards)} shards")
        started = time.time()
        ids = load_corpus(tenant, shards)
        written = time.time()
        log(f"loaded in {written - started:.1f} s; waiting for the embeddings")
        ready = tenant.wait_embedded(list(ids.values()))
        log(f"all {len(ids)} shards embedded {ready - written:.1f} s after the last write")
        id_to_key = {v: k for k, v in ids.items()}
        runs = evaluate(tenant, queries, id_to_key)
        if not args.no_diagnose:
            diagnose(tenant, queries, id_to_key, runs)
    finally:
        if server:
            server.stop()

    summary = {"date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "base": base,
               "jar": args.jar, "serverMode": args.mode if args.jar else None,
               "shards": len(shards), "queries": len(queries),
               "embeddedAfterLastWriteSeconds": round(ready - written, 1), "metrics": {}}
    lines = [f"# Search evaluation {summary['date']}", "",
             f"{len(shards)} shards, {len(queries)} queries ({sum(q['kind'] == 'paraphrase' for q in queries)} paraphrases, "
             f"{sum(q['kind'] == 'keyword' for q in queries)} keyword-style); limit 10", "",
             "| mode | queries | recall@5 | MRR@10 | hit@5 | p50 ms |", "|---|---|---:|---:|---:|---:|"]
    for mode in MODES:
        summary["metrics"][mode] = {}
        for kind in ("all", "paraphrase", "keyword"):
            rows = [r for r in runs[mode] if kind == "all" or r["kind"] == kind]
            m = summary["metrics"][mode][kind] = metrics(rows)
            lines.append(f"| {mode} | {kind} ({m['queries']}) | {m['recall@5']:.3f} | {m['MRR@10']:.3f} | {m['hit@5']:.3f} | {m['p50_ms']} |")
    hybrid = summary["metrics"]["hybrid"]["all"]["recall@5"]
    others = max(summary["metrics"]["keyword"]["all"]["recall@5"], summary["metrics"]["semantic"]["all"]["recall@5"])
    verdict = "met" if hybrid >= 0.85 and hybrid > others else "NOT met"
    summary["target"] = verdict
    lines += ["", f"Target hybrid recall@5 ≥ 0.85 and above both others: {verdict} "
                  f"(hybrid {hybrid:.3f}, best other {others:.3f})"]
    if "hybrid-any" in runs:
        lines += ["", "Diagnostic, computed by this script and not by the server: the keyword leg with any word "
                      "matching (the query rewritten as `a or b or c`) and its client-side RRF (k=60, 30 candidates "
                      "per leg) with semantic mode:", "",
                  "| diagnostic | queries | recall@5 | MRR@10 | hit@5 |", "|---|---|---:|---:|---:|"]
        for mode in ("keyword-any", "hybrid-any"):
            summary["metrics"][mode] = {}
            for kind in ("all", "paraphrase", "keyword"):
                rows = [r for r in runs[mode] if kind == "all" or r["kind"] == kind]
                m = summary["metrics"][mode][kind] = metrics(rows)
                lines.append(f"| {mode} | {kind} ({m['queries']}) | {m['recall@5']:.3f} | {m['MRR@10']:.3f} | {m['hit@5']:.3f} |")
    lines += ["", "## Queries where hybrid missed a relevant shard in the top 5", "",
              f"| query | relevant | hybrid top 5 | first relevant rank ({' / '.join(m for m in runs)}) |", "|---|---|---|---|"]
    by_mode = {mode: {r["id"]: r for r in runs[mode]} for mode in runs}
    for r in runs["hybrid"]:
        if r["recall@5"] < 1:
            ranks = " / ".join(str(by_mode[m][r["id"]]["firstRelevantRank"] or "-") for m in runs)
            top = ", ".join(f"{k} ({t})" for k, t in zip(r["results"][:5], r["titles"]))
            lines.append(f"| {r['id']} {r['query']} | {', '.join(r['relevant'])} | {top} | {ranks} |")
    text = "\n".join(lines) + "\n"
    print(text)
    with open(os.path.join(out, "summary.md"), "w") as f:
        f.write(text)
    with open(os.path.join(out, "eval.json"), "w") as f:
        json.dump({"summary": summary, "runs": runs}, f, indent=1, ensure_ascii=False)
    log(f"results in {out}")


if __name__ == "__main__":
    main()

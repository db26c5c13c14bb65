#!/usr/bin/env python3
"""Search load and scale benchmark (standard library + wrk + psql).

  load.py --mode server   --chunks 100000 [--jar server/target/castiel-server.jar]
  load.py --mode embedded --chunks 20000

Starts the jar with fresh data (bench/run.sh conventions: private copy under --work-dir, JDK 25,
rate limits never refusing), registers a tenant, and:

 1. backlog: bulk-creates the first --backlog-shards shards of gen_corpus.py (POST /shards/bulk,
    batches of 500, 2 clients) as fast as the server takes them, then waits until every one is
    embeddingStatus=ready: the drain time is from the last write to the last shard ready;
 2. fill: creates the rest of the corpus up to --chunks (estimated) the same way and waits again;
    embedding throughput = chunks stored / (first write to last ready) per phase, with the
    number of chunks the server really stored (counted in its database);
 3. search: VACUUM ANALYZE, then for each of --search-modes a warm-up of --warmup s and a
    measurement of --duration s of POST /search (limit 10, queries of gen_corpus.py plus the
    evaluation queries) at --concurrency with wrk: p50/p95/p99, throughput, non-200 answers;
 4. server mode: HNSW recall@10 against exact search on the stored vectors (hnsw_recall.sql),
    query vectors = the embeddings of --probes short questions stored as shards in a second tenant.

Results: bench/results/<stamp>-search-load-<mode>/summary.md and results.json.
"""
import argparse
import concurrent.futures
import json
import os
import re
import signal
import subprocess
import sys
import time

sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
BENCH = os.path.dirname(HERE)
sys.path.insert(0, HERE)
sys.path.insert(0, BENCH)
import cpu  # noqa: E402  (bench/cpu.py: CPU accounting per process)
import gen_corpus  # noqa: E402
from castiel import Server, Tenant, log  # noqa: E402

# Where the product keeps one row per embedded chunk (see its migrations); used to count the
# chunks really stored and, in server mode, for the HNSW recall script.
CHUNK_TABLE = os.environ.get("CHUNK_TABLE", "shard_chunks")


class CpuWindow:
    """CPU used by the server, its PostgreSQL and everything else between start() and stop(), in %
    of one core: on a shared machine the figures mean little without what else ran meanwhile."""

    def __init__(self, named):
        self.named = named   # {"java": "pid", "postgres": "pid+"}

    def start(self):
        self.t0, self.ticks0, self.all0, self.machine0 = time.time(), {n: cpu.ticks(s) for n, s in self.named.items()}, \
            cpu.everyone(), cpu.machine()
        return self

    def stop(self):
        wall = time.time() - self.t0
        ticks1, all1, (total1, idle1) = {n: cpu.ticks(s) for n, s in self.named.items()}, cpu.everyone(), cpu.machine()
        ours = {int(s.rstrip("+")) for s in self.named.values()}
        trees = {int(s.rstrip("+")) for s in self.named.values() if s.endswith("+")}
        others = sum(t1 - (self.all0[pid][1] if pid in self.all0 else 0) for pid, (_, t1, ppid) in all1.items()
                     if pid not in ours and ppid not in trees and pid != os.getpid())
        busy = 100 * os.cpu_count() * (1 - (idle1 - self.machine0[1]) / max(1, total1 - self.machine0[0]))
        result = {n: round(100 * (ticks1[n] - self.ticks0[n]) / cpu.TICK / wall) for n in self.named}
        result.update({"others": round(100 * others / cpu.TICK / wall), "machineBusy": round(busy)})
        return result


def postgres_pid(server):
    """The postmaster serving the benchmark: the embedded one, or the machine's cluster (shared
    with other users in server mode, so its figure includes their queries)."""
    paths = [os.path.join(server.work_dir, "home", "pgdata", "postmaster.pid")] if server.mode == "embedded" else \
        [f"/var/lib/postgresql/{v}/main/postmaster.pid" for v in ("17", "16", "15")]
    for path in paths:
        try:
            with open(path) as f:
                return f.readline().strip()
        except OSError:
            pass
    return None


def wait_quiet(named, pct, timeout):
    """Waits until processes other than ours use less than pct % of a core (at most timeout s)."""
    waited = 0
    specs = [f"{n}={s}" for n, s in named.items()]
    while True:
        done = subprocess.run([sys.executable, os.path.join(BENCH, "cpu.py"), "--skip", "0", "--seconds", "3", "--quiet",
                               str(pct), *specs], capture_output=True, text=True)
        if done.returncode == 0 or waited >= timeout:
            if done.returncode != 0:
                log(f"still busy after {timeout} s ({done.stdout.strip()}); measuring anyway")
            return done.stdout.strip()
        if waited == 0:
            log(f"waiting for a quiet machine: {done.stdout.strip()}")
        time.sleep(7)
        waited += 10


def load(tenant, bodies, workers=2, batch=500):
    """Bulk-creates bodies (batches of at most `batch` shards and 900 kB); returns (ids, first write
    started, last write answered)."""
    batches, current, size = [], [], 0
    for body in bodies:   # within the server's 1 MB request limit (castiel.limits.max-request-body)
        n = len(json.dumps(body).encode()) + 1
        if current and (len(current) >= batch or size + n > 900_000):
            batches.append(current)
            current, size = [], 0
        current.append(body)
        size += n
    if current:
        batches.append(current)
    started = time.time()
    with concurrent.futures.ThreadPoolExecutor(max_workers=workers) as pool:
        ids = [i for chunk in pool.map(tenant.bulk, batches) for i in chunk]
    return ids, started, time.time()


def count_chunks(server, tenant_id):
    if not server or not server.pg:
        return None
    try:
        # chunk rows: sentence rows (V21) come on top of them and are counted apart
        return int(server.psql(f"select count(*) from {CHUNK_TABLE} where tenant_id = '{tenant_id}' and sentence_of is null").strip())
    except subprocess.CalledProcessError:
        return None


def phase(name, tenant, bodies, estimate, server, counted_before, named):
    log(f"{name}: creating {len(bodies)} shards (about {estimate} chunks)")
    # progress counts the phase's shards ready: the tenant's less those of earlier phases (all ready by now)
    ready_before = int(server.psql(f"select count(*) from shards where tenant_id = '{tenant.tenant_id}' and embedding_status = 'ready'").strip())
    window = CpuWindow(named).start()
    ids, first, last = load(tenant, bodies)
    log(f"{name}: written in {last - first:.1f} s ({len(ids) / (last - first):.0f} shards/s); waiting for the embeddings")
    def ready_count():
        try:
            ready_now = int(server.psql(f"select count(*) from shards where tenant_id = '{tenant.tenant_id}' "
                                        f"and embedding_status = 'ready'").strip())
            return f"{ready_now - ready_before} (the tenant's chunks: {count_chunks(server, tenant.tenant_id)})"
        except subprocess.CalledProcessError:
            return "?"
    ready = tenant.wait_embedded(ids, progress_every=60, progress=ready_count)
    used = window.stop()
    stored = count_chunks(server, tenant.tenant_id)
    chunks = (stored - counted_before) if stored is not None else estimate
    result = {"shards": len(ids), "estimatedChunks": estimate, "storedChunks": chunks if stored is not None else None,
              "writeSeconds": round(last - first, 1), "drainAfterLastWriteSeconds": round(ready - last, 1),
              "firstWriteToAllReadySeconds": round(ready - first, 1),
              "chunksPerSecond": round(chunks / (ready - first), 1), "shardsPerSecond": round(len(ids) / (ready - first), 1),
              "cpu": used}
    log(f"{name}: {result}")
    return result, ids, stored or 0


def wrk(base, data_dir, out_dir, name, connections, seconds, warmup, named):
    env = dict(os.environ, BENCH_DIR=BENCH, BENCH_DATA=data_dir, BENCH_SCENARIO=name)
    script = os.path.join(HERE, "search.lua")
    if warmup:
        subprocess.run(["wrk", "-t2", f"-c{connections}", f"-d{warmup}s", "--timeout", "10s", "-s", script,
                        base + "/api/v1/search"], env=env, capture_output=True, check=True)
    window = CpuWindow(named).start()
    done = subprocess.run(["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s", "--latency", "-s",
                           script, base + "/api/v1/search"], env=env, capture_output=True, text=True, check=True)
    used = window.stop()
    with open(os.path.join(out_dir, f"{name}.txt"), "w") as f:
        f.write(done.stdout + done.stderr)
    line = next(l for l in done.stdout.splitlines() if l.startswith("RESULT"))
    result = dict(p.split("=", 1) for p in line.split()[1:])
    result["cpu"] = used   # wrk's own CPU is part of "others"
    unexpected = [l for l in done.stdout.splitlines() if l.startswith("UNEXPECTED")]
    if unexpected:
        log(f"{name}: {unexpected[0][:400]}")
    return result


def hnsw_recall(server, bench_tenant, probe_ids, ef_values, out_dir, sample_size=100):
    rows = []
    for ef in ef_values:
        text = server.psql(open(os.path.join(HERE, "hnsw_recall.sql")).read(),
                           {"tenant": bench_tenant, "probes": "{" + ",".join(probe_ids) + "}", "ef_search": ef,
                            "chunks": CHUNK_TABLE, "sample_size": sample_size})
        with open(os.path.join(out_dir, f"hnsw-recall-ef{ef}.txt"), "w") as f:
            f.write(text)
        m = re.search(r"RECALL queries=(\d+) recall_at_10=([0-9.]+) recall_at_10_ties=([0-9.]+) hnsw_ms=([0-9.]+) "
                      r"exact_ms=([0-9.]+) index_used=(\w+) exact_used_index=(\w+)", text)
        if not m:
            log(f"hnsw recall ef_search={ef}: unexpected output: {text[-500:]}")
            continue
        row = {"efSearch": ef, "queries": int(m.group(1)), "probes": "questions" if probe_ids else "stored chunks",
               "recallAt10": float(m.group(2)), "recallAt10WithTies": float(m.group(3)),
               "hnswMsPerQuery": float(m.group(4)), "exactMsPerQuery": float(m.group(5)), "indexUsed": m.group(6) == "t",
               "exactUsedIndex": m.group(7) == "t"}
        log(f"hnsw recall: {row}")
        rows.append(row)
    return rows


def fmt(used):
    return " ".join(f"{k} {v}" for k, v in used.items())


def main():
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))   # so that the finally block stops the server
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mode", choices=["embedded", "server"], required=True)
    parser.add_argument("--jar", default=os.path.join(os.path.dirname(BENCH), "server", "target", "castiel-server.jar"))
    parser.add_argument("--chunks", type=int, default=None, help="default 100000 (server), 20000 (embedded)")
    parser.add_argument("--backlog-shards", type=int, default=10000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--port", type=int, default=18120)
    parser.add_argument("--work-dir", default="/tmp/search-load")
    parser.add_argument("--java-opts", default="-Xms2g -Xmx2g")
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--duration", type=int, default=30)
    parser.add_argument("--warmup", type=int, default=120,
                        help="seconds of searches before each measurement: the first also loads the tenant's vectors in embedded mode, and the JIT settles after a minute or two of this load")
    parser.add_argument("--search-modes", default="hybrid,semantic,keyword")
    parser.add_argument("--quiet-pct", type=int, default=25, help="wait until others use less than this %% of a core")
    parser.add_argument("--quiet-timeout", type=int, default=120, help="... but at most this many seconds")
    parser.add_argument("--probes", type=int, default=100)
    parser.add_argument("--ef-search", default="40,100", help="hnsw.ef_search values for the recall check")
    parser.add_argument("--attach", metavar="EMAIL",
                        help="skip starting and loading: measure search (and recall) on the server an earlier run left on "
                             "--port/--work-dir, as the tenant of EMAIL, with whatever is embedded by then")
    parser.add_argument("--reuse-database", metavar="EMAIL",
                        help="(or auto: the tenant with the most shards) start --jar on the database an earlier run filled (not dropped, nothing loaded; embedded mode: the one "
                             "under --work-dir) and "
                             "measure search and recall as the tenant of EMAIL; the server is stopped afterwards")
    args = parser.parse_args()
    chunks = args.chunks or (100000 if args.mode == "server" else 20000)

    stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
    out = os.path.join(BENCH, "results", f"{stamp}-search-load-{args.mode}{'-attached' if args.attach else ''}")
    data_dir = os.path.join(out, "data")
    os.makedirs(data_dir)
    corpus = list(gen_corpus.corpus(args.seed, chunks))
    backlog = corpus[:args.backlog_shards]
    rest = corpus[args.backlog_shards:]
    results = {"date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "mode": args.mode, "targetChunks": chunks,
               "jar": args.jar, "javaOpts": args.java_opts, "concurrency": args.concurrency, "duration": args.duration}
    server = Server(args.jar, args.mode, args.port, args.work_dir, out, java_opts=args.java_opts)
    try:
        if args.attach:
            server.attach()
            tenant = Tenant(server.base, None, email=args.attach)
        elif args.reuse_database:
            server.start(reuse_database=True)
            email = args.reuse_database
            if email == "auto":   # the loaded tenant: the one with the most shards
                email = server.psql("select u.email from users u join (select tenant_id, count(*) n from shards group by 1) s "
                                    "using (tenant_id) where u.email like 'load-%' order by s.n desc limit 1").strip()
            tenant = Tenant(server.base, None, email=email)
        else:
            server.start()
            tenant = Tenant(server.base, f"load-{args.mode}")
        log(f"measuring as {tenant.email}")
        named = {"java": str(server.process.pid)}
        pg = postgres_pid(server)
        if pg:
            named["postgres"] = pg + "+"
        if not args.attach and not args.reuse_database:
            results["quietBeforeLoad"] = wait_quiet(named, args.quiet_pct, args.quiet_timeout)
            first, _, stored = phase("backlog", tenant, [b for _, b, _ in backlog], sum(n for _, _, n in backlog), server, 0,
                                     named)
            results["backlog"] = first
            if rest:
                results["fill"], _, stored = phase("fill", tenant, [b for _, b, _ in rest], sum(n for _, _, n in rest), server,
                                                   stored, named)
            results["shards"] = len(corpus)
        else:
            results["shards"] = int(server.psql(f"select count(*) from shards where tenant_id = '{tenant.tenant_id}'").strip())
            results["pendingShards"] = int(server.psql(f"select count(*) from shards where tenant_id = '{tenant.tenant_id}' "
                                                       f"and embedding_status <> 'ready'").strip())
            log(f"attached: {results['pendingShards']} of {results['shards']} shards still waiting for embeddings "
                f"(the backlog keeps draining during the measurements)")
        results["storedChunks"] = count_chunks(server, tenant.tenant_id)
        results["storedSentenceRows"] = int(server.psql(f"select count(*) from {CHUNK_TABLE} where tenant_id = '{tenant.tenant_id}' "
                                                        f"and sentence_of is not null").strip()) if server.pg else None
        log(f"corpus in place: {results['shards']} shards, {results['storedChunks']} chunks and "
            f"{results['storedSentenceRows']} sentence rows stored")
        server.psql("vacuum analyze", capture=True)

        queries = gen_corpus.queries(args.seed, 300)
        with open(os.path.join(HERE, "eval", "queries.json")) as f:
            queries += [q["query"] for q in json.load(f)]
        results["search"] = {}
        for mode in [m for m in args.search_modes.split(",") if m]:
            with open(os.path.join(data_dir, "search-bodies.txt"), "w") as f:
                for q in queries:
                    f.write(json.dumps({"query": q, "mode": mode, "limit": 10}) + "\n")
            with open(os.path.join(data_dir, "tokens.txt"), "w") as f:
                f.write(f"0 {tenant.token()}\n")
            log(f"search {mode}: wrk -t2 -c{args.concurrency} -d{args.duration}s (after {args.warmup} s warm-up)")
            wait_quiet(named, args.quiet_pct, args.quiet_timeout)
            r = wrk(server.base, data_dir, out, f"search-{mode}", args.concurrency, args.duration, args.warmup, named)
            results["search"][mode] = r
            log(f"search {mode}: {r['ok_rps']} req/s p50 {r['p50_ms']} p95 {r['p95_ms']} p99 {r['p99_ms']} ms, bad {r['bad']}, "
                f"cpu {r['cpu']}")

        if args.mode == "server" and args.probes:
            probe_ids = []
            if not args.attach and not args.reuse_database:   # with a backlog still queued, the probes would wait behind it: sample stored chunks
                probe = Tenant(server.base, "probes")
                probe_ids = probe.bulk([{"shardType": "c_note", "structuredData": {"title": q}} for q in queries[:args.probes]])
                probe.wait_embedded(probe_ids)
            elif args.reuse_database:   # the question probes the filling run stored in its second tenant
                probe_ids = server.psql(f"select id from shards where tenant_id <> '{tenant.tenant_id}' and shard_type = 'c_note' "
                                        f"and embedding_status = 'ready' order by created_at limit {args.probes}").split()
            results["hnswRecall"] = hnsw_recall(server, tenant.tenant_id, probe_ids,
                                                [int(x) for x in args.ef_search.split(",")], out, args.probes)
    finally:
        if not args.attach:
            server.stop()
        subprocess.run(["rm", "-rf", data_dir])

    with open(os.path.join(out, "results.json"), "w") as f:
        json.dump(results, f, indent=1)
    lines = [f"# Search load, {args.mode} mode, {results['date']}", "",
             f"{results.get('shards')} shards, {results.get('storedChunks')} chunks stored (target {chunks}); "
             f"JVM {args.java_opts}" + (f"; attached to a running server with {results['pendingShards']} shards still "
                                        f"waiting for embeddings" if args.attach else ""), "",
             "| phase | shards | chunks | write s | drain after last write s | first write to all ready s | chunks/s | CPU % of a core |",
             "|---|---:|---:|---:|---:|---:|---:|---|"]
    for name in ("backlog", "fill"):
        p = results.get(name)
        if p:
            lines.append(f"| {name} | {p['shards']} | {p['storedChunks'] or p['estimatedChunks']} | {p['writeSeconds']} | "
                         f"{p['drainAfterLastWriteSeconds']} | {p['firstWriteToAllReadySeconds']} | {p['chunksPerSecond']} | {fmt(p['cpu'])} |")
    lines += ["", f"| POST /search (c={args.concurrency}, {args.duration} s) | req/s | p50 ms | p95 ms | p99 ms | max ms | non-200 | CPU % of a core |",
              "|---|---:|---:|---:|---:|---:|---:|---|"]
    for mode, r in results.get("search", {}).items():
        bad = int(r["bad"]) + int(r["timeouts"]) + int(r["connect_err"]) + int(r["read_err"])
        lines.append(f"| {mode} | {float(r['ok_rps']):.1f} | {float(r['p50_ms']):.1f} | {float(r['p95_ms']):.1f} | "
                     f"{float(r['p99_ms']):.1f} | {float(r['max_ms']):.0f} | {bad} | {fmt(r['cpu'])} |")
    if results.get("hnswRecall"):
        lines += ["", "| hnsw.ef_search | probe queries | recall@10 vs exact (same chunks) | recall@10 (ties counted) | "
                      "HNSW ms/query | exact ms/query | HNSW pass used the index | exact pass used it |",
                  "|---:|---|---:|---:|---:|---:|---|---|"]
        for r in results["hnswRecall"]:
            lines.append(f"| {r['efSearch']} | {r['queries']} {r['probes']} | {r['recallAt10']:.3f} | {r['recallAt10WithTies']:.3f} | "
                         f"{r['hnswMsPerQuery']} | {r['exactMsPerQuery']} | {r['indexUsed']} | {r['exactUsedIndex']} |")
    text = "\n".join(lines) + "\n"
    with open(os.path.join(out, "summary.md"), "w") as f:
        f.write(text)
    print(text)
    log(f"results in {out}")


if __name__ == "__main__":
    main()

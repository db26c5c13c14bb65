#!/usr/bin/env python3
"""CPU per shard of the embedding pipeline (issue 23, point 3): the CPU-seconds the server spends
to drain a known backlog of short vendor shards, read from /proc before and after.

  python3 bench/embedding/drain.py --jar server/target/castiel-server.jar [--shards 3000] [--rounds 2]
        [--mode embedded|server] [--embed true|false] [--port 18130] [--work-dir /tmp/embed-drain]
        [--java-opts "-Xms1g -Xmx1g"] [-- system properties for the server, e.g. -Dcastiel.ai.embedding.sentence-vectors=false]

It starts the jar with fresh data (bench/search/castiel.py: embedded mode with its own PostgreSQL,
or server mode against the machine's 127.0.0.1:5432), registers a tenant, creates the type
`vendors` of ../shared/bench-peers (name, rating, region, notes) and bulk-creates --shards vendors
with the rows of its seed. It waits until the embedding queue is empty, then per round:
`POST /admin/reindex` (every shard queued again, forced: re-embedded whatever its content hash)
and waits until the queue is empty again. Reported per round: the wall time of the drain (from
the moment the reindex job has queued the shards until the queue is empty) and the
CPU-seconds of the server JVM (utime + stime of its threads) and of its PostgreSQL (embedded mode:
the postmaster and its backends; server mode: not separable from other databases' work, so not
counted), and ms of CPU per shard. Run it at a low priority (nice -n 10) on a shared machine.
With --embed false the type says its shards are not embedded (`embed: false`): the drain then
measures only the queue's bookkeeping.
"""
import argparse
import json
import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "search"))
from castiel import Server, Tenant, log  # noqa: E402

TICK = os.sysconf("SC_CLK_TCK")
REGIONS = ["EU", "US", "APAC", "LATAM", "MEA"]
VENDOR_SCHEMA = {"type": "object", "required": ["name"], "additionalProperties": False,
                 "properties": {"name": {"type": "string", "maxLength": 200},
                                "rating": {"type": "integer", "minimum": 1, "maximum": 5},
                                "region": {"type": "string", "enum": REGIONS},
                                "notes": {"type": "string", "maxLength": 2000}}}


def vendor(i):
    """The rule of ../shared/bench-peers/seed-castiel.sh: the peer comparison's rows."""
    h = (i * 2654435761) & 0xffffffff
    return {"name": f"Vendor {i}", "rating": 1 + ((h >> 8) % 5), "region": REGIONS[(h >> 16) % 5],
            "notes": f"Notes for vendor {i}: reliable supplier, net-30 terms, contact via the portal."}


def own_ticks(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12]), int(fields[13]) + int(fields[14]), int(fields[1])


def tree_ticks(pid):
    """A process, the children it reaped, and its live children (PostgreSQL's backends)."""
    own, reaped, _ = own_ticks(pid)
    total = own + reaped
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                child_own, _, ppid = own_ticks(int(entry))
                if ppid == pid:
                    total += child_own
            except (OSError, ValueError, IndexError):
                pass
    return total


def queued(server):
    return int(server.psql("select count(*) from embedding_queue where attempts < 3").strip())


def wait_drained(server, timeout=3600):
    started = time.time()
    while True:
        n = queued(server)
        if n == 0:
            return time.time()
        if time.time() - started > timeout:
            raise TimeoutError(f"{n} shards still queued after {timeout} s")
        time.sleep(0.25)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--jar", default="server/target/castiel-server.jar")
    parser.add_argument("--mode", choices=["embedded", "server"], default="embedded")
    parser.add_argument("--shards", type=int, default=3000)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--embed", choices=["true", "false"], default="true")
    parser.add_argument("--port", type=int, default=18130)
    parser.add_argument("--work-dir", default="/tmp/embed-drain")
    parser.add_argument("--java-opts", default="-Xms1g -Xmx1g")
    parser.add_argument("--out", default=None, help="results.json (default: bench/results/<stamp>-embedding-drain/)")
    parser.add_argument("server_args", nargs="*")
    args = parser.parse_args()

    stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
    out_dir = args.out or os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "results", f"{stamp}-embedding-drain")
    os.makedirs(out_dir, exist_ok=True)
    server = Server(os.path.abspath(args.jar), args.mode, args.port, args.work_dir, out_dir, args.java_opts)
    server.java_opts += args.server_args   # -Dname=value, before -jar like the JVM options
    results = {"stamp": stamp, "jar": args.jar, "mode": args.mode, "shards": args.shards, "embed": args.embed,
               "server_args": args.server_args, "rounds": []}
    server.start()
    try:
        pg_pid = None
        if args.mode == "embedded":
            with open(os.path.join(args.work_dir, "home", "pgdata", "postmaster.pid")) as f:
                pg_pid = int(f.readline())
        tenant = Tenant(server.base, "embed-drain")
        type_body = {"name": "vendors", "displayName": "Vendors", "schema": VENDOR_SCHEMA}
        if args.embed == "false":
            type_body["embed"] = False
        tenant.call("POST", "/api/v1/shard-types", type_body, expect=201)
        t0 = time.time()
        for start in range(1, args.shards + 1, 1000):
            tenant.bulk([{"shardType": "vendors", "structuredData": vendor(i)}
                         for i in range(start, min(start + 1000, args.shards + 1))])
        written = time.time()
        wait_drained(server)
        log(f"{args.shards} vendors written in {written - t0:.1f} s, first backlog drained {time.time() - written:.1f} s after the last write")
        for n in range(args.rounds):
            time.sleep(3)   # the bulk load's and the last round's stragglers (GC, autovacuum) settle
            java0, pg0, wall0 = own_ticks(server.process.pid)[0], tree_ticks(pg_pid) if pg_pid else 0, time.time()
            tenant.call("POST", "/api/v1/admin/reindex", {}, expect=202)
            # the job runs asynchronously (the scheduler picks it up within seconds): the drain
            # is timed from the moment it has queued the tenant's shards
            deadline = time.time() + 60
            while queued(server) == 0 and time.time() < deadline and args.embed == "true":
                time.sleep(0.05)
            queued_at = time.time()
            done = wait_drained(server)
            java1, pg1 = own_ticks(server.process.pid)[0], tree_ticks(pg_pid) if pg_pid else 0
            chunks = int(server.psql("select count(*) from shard_chunks").strip())
            row = {"round": n + 1, "drain_s": round(done - queued_at, 2), "reindex_to_drained_s": round(done - wall0, 2),
                   "java_cpu_s": round((java1 - java0) / TICK, 2), "postgres_cpu_s": round((pg1 - pg0) / TICK, 2) if pg_pid else None,
                   "java_ms_per_shard": round((java1 - java0) / TICK * 1000 / args.shards, 2),
                   "postgres_ms_per_shard": round((pg1 - pg0) / TICK * 1000 / args.shards, 2) if pg_pid else None,
                   "rows_in_shard_chunks": chunks}
            results["rounds"].append(row)
            log(f"round {n + 1}: {json.dumps(row)}")
    finally:
        server.stop()
    with open(os.path.join(out_dir, "results.json"), "w") as f:
        json.dump(results, f, indent=2)
    log(f"results in {out_dir}/results.json")


if __name__ == "__main__":
    main()

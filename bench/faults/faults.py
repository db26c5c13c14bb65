#!/usr/bin/env python3
"""Fault injection (issue 25): Castiel under writers and a webhook receiver while what it runs on
fails, and what was lost.

Each scenario starts server/target/castiel-server.jar (build it first: mvn -q package -DskipTests),
registers a tenant with a webhook endpoint on a local receiver, runs WRITERS clients that create
shards (and one reader that lists them) without pause, injects its fault, waits until the server
serves again, lets the writers go on a few seconds, and then checks every acknowledged write and its
webhook. Per scenario it prints: writes acknowledged, writes found after recovery, webhooks
delivered / duplicated / lost, seconds until it served again, and the 5xx answers seen (by code).

Scenarios (--scenarios, comma-separated; default all that this machine can run):
  kill-jvm         embedded: kill -9 of the JVM alone (its watchdog stops PostgreSQL), then start again
  kill-jvm-orphan  embedded: kill -9 of the JVM and its watchdog, PostgreSQL left running, start again
  power-loss       embedded: kill -9 of the JVM, its watchdog and PostgreSQL with every backend, start again
  disk-full        embedded on a 128 MB tmpfs (root only): writes until 50 are refused (the disk is
                   full), more room (writes resume without a restart), power loss, start again
  pg-restart       server mode on the machine's PostgreSQL (root: pg_ctlcluster): restart it under load
  pg-terminate     server mode: pg_terminate_backend of every Castiel connection, every 0.2 s for 5 s
  redis-down       server mode: the machine's Redis shut down for 10 s, then started again

"seconds to serving": embedded, from the kill to /health answering; server mode, from the fault's end
(PostgreSQL or Redis back) to the first acknowledged write. The embedded scenarios also print the
normal start time (the same home, after a clean stop) to compare with; server mode prints how long
the fault lasted and the span from the first failed answer (5xx or no connection) to the last one.

  bench/faults/faults.py [--scenarios kill-jvm,pg-restart] [--writers 4] [--before 300]
"""
import argparse
import http.client
import json
import os
import random
import shutil
import signal
import socket
import string
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import seed  # noqa: E402  (bench/seed.py: the benchmarks' one HTTP call)

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
JAR = os.path.join(ROOT, "server", "target", "castiel-server.jar")
PASSWORD = "correct horse battery staple"
PG_DB, PG_APP, PG_OWNER = "castiel_faults", "castiel_faults_app", "castiel_faults_owner"


def call(base, method, path, body=None, token=None, timeout=30):
    """seed.py's call, (status, body); status 0 when there was no answer (refused, reset, timed out)."""
    try:
        return seed.call(base, method, path, body, token, timeout)
    except (OSError, http.client.HTTPException, ValueError):
        return 0, None


class Receiver:
    """Records every webhook request: the event's id and type, the shard id, the webhook-id header."""

    def __init__(self):
        self.received = []
        self.lock = threading.Lock()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_POST(self):
                body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))) or b"{}")
                with receiver.lock:
                    receiver.received.append((body.get("id"), body.get("type"), (body.get("data") or {}).get("id"),
                                              self.headers.get("webhook-id")))
                self.send_response(200)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        class Server(ThreadingHTTPServer):
            def handle_error(self, request, client_address):
                pass  # a sender killed mid-request: expected here

        self.server = Server(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def snapshot(self):
        with self.lock:
            return list(self.received)


class Castiel:
    """The jar in a process of its own, on one home and one port across restarts."""

    def __init__(self, home, port, log_dir, args=(), env=None):
        self.home, self.port, self.log_dir, self.args, self.env = home, port, log_dir, list(args), env
        self.process = None
        self.starts = 0

    @property
    def base(self):
        return "http://127.0.0.1:%d" % self.port

    def start(self):
        self.starts += 1
        log = open(os.path.join(self.log_dir, "castiel-%d.log" % self.starts), "w")
        env = dict(os.environ, **(self.env or {}))
        self.process = subprocess.Popen(["java", "-jar", JAR, "--server.port=%d" % self.port, "--castiel.home=" + self.home,
                                         "--castiel.rate-limit.enabled=false", "--castiel.webhooks.allow-private-networks=true",
                                         "--castiel.webhooks.retry-delays=1s,1s,2s,2s,5s,5s,10s,10s"] + self.args,
                                        stdout=log, stderr=subprocess.STDOUT, env=env)
        return time.monotonic()

    def await_serving(self, since, timeout=180):
        while time.monotonic() - since < timeout:
            if self.process.poll() is not None:
                raise SystemExit("Castiel exited with %s; see %s" % (self.process.returncode, self.log_dir))
            status, _ = call(self.base, "GET", "/health", timeout=2)
            if status == 200:
                return time.monotonic() - since
            time.sleep(0.1)
        raise SystemExit("Castiel did not serve within %d s; see %s" % (timeout, self.log_dir))

    def postgres(self):
        """The postmaster's pid and its children's, from postmaster.pid (embedded mode)."""
        try:
            with open(os.path.join(self.home, "pgdata", "postmaster.pid")) as f:
                pid = int(f.readline())
            os.kill(pid, 0)
        except (OSError, ValueError):
            return []
        return [pid] + children(pid)

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            self.process.wait(60)


def children(pid):
    out = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout.split()
    return [int(p) for p in out] + [g for c in out for g in children(int(c))]


def kill9(pids):
    for pid in pids:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


class Load:
    """WRITERS clients creating shards without pause, one reader listing them; what was acknowledged
    and every answer's status."""

    def __init__(self, base, token, writers, text_size=0):
        self.base, self.token = base, token
        self.acknowledged = set()
        self.statuses = {}
        self.first_ack_after = None
        self.failures = []  # (first, last) monotonic times of answers that were not a success
        self.lock = threading.Lock()
        self.running = True
        self.text = "".join(random.choice(string.ascii_letters) for _ in range(text_size)) if text_size else None
        self.threads = [threading.Thread(target=self.write, args=(i,), daemon=True) for i in range(writers)]
        self.threads.append(threading.Thread(target=self.read, daemon=True))
        for t in self.threads:
            t.start()

    def count(self, status):
        now = time.monotonic()
        with self.lock:
            self.statuses[status] = self.statuses.get(status, 0) + 1
            if status == 0 or status >= 500:
                if not self.failures:
                    self.failures = [now, now]
                self.failures[1] = now

    def failing_seconds(self):
        """From the first answer that was not a success to the last one: the outage as clients saw it."""
        return round(self.failures[1] - self.failures[0], 1) if self.failures else 0

    def write(self, writer):
        n = 0
        while self.running:
            body = {"shardType": "c_note", "structuredData": {"title": "w%d-%d" % (writer, n)}}
            if self.text:
                body["unstructuredData"] = {"text": "%d %s" % (n, self.text)}
            status, answer = call(self.base, "POST", "/api/v1/shards", body, self.token)
            n += 1
            self.count(status)
            if status == 201:
                with self.lock:
                    self.acknowledged.add(answer["id"])
                    if self.first_ack_after is None:
                        self.first_ack_after = time.monotonic()
            elif status == 0 or status >= 500:
                time.sleep(0.05)

    def read(self):
        while self.running:
            status, _ = call(self.base, "GET", "/api/v1/shards?limit=20", token=self.token)
            self.count(status)
            if status != 200:
                time.sleep(0.05)

    def await_acknowledged(self, count, timeout=120):
        deadline = time.monotonic() + timeout
        while len(self.acknowledged) < count and time.monotonic() < deadline:
            time.sleep(0.05)

    def mark(self):
        with self.lock:
            self.first_ack_after = None

    def stop(self):
        self.running = False
        for t in self.threads:
            t.join(40)


def register(base, receiver):
    status, body = call(base, "POST", "/api/v1/auth/register", {"tenantName": "Faults %d" % time.time_ns(),
                                                                 "email": "faults-%d@example.test" % time.time_ns(),
                                                                 "password": PASSWORD, "name": "F"})
    assert status == 201, (status, body)
    token = body["accessToken"]
    status, body = call(base, "POST", "/api/v1/webhooks", {"url": "http://127.0.0.1:%d/faults" % receiver.port,
                                                            "events": ["shard.created"]}, token)
    assert status == 201, (status, body)
    return token


def verify(base, token, load, receiver, wait=120):
    """Every acknowledged write read back, its webhook awaited; the audit chain verified."""
    found = sum(1 for i in load.acknowledged if call(base, "GET", "/api/v1/shards/" + i, token=token)[0] == 200)
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        delivered = {shard for _, kind, shard, _ in receiver.snapshot() if kind == "shard.created"}
        if load.acknowledged <= delivered:
            break
        time.sleep(0.5)
    received = [r for r in receiver.snapshot() if r[1] == "shard.created"]
    delivered = {shard for _, _, shard, _ in received} & load.acknowledged
    events = {}
    for event_id, _, _, webhook_id in received:
        events.setdefault(event_id, set()).add(webhook_id)
    audit = call(base, "GET", "/api/v1/audit-logs/verify", token=token)[1]
    return {
        "acknowledged": len(load.acknowledged), "found": found,
        "webhooks delivered": len(delivered), "duplicated": len(received) - len(events),
        "lost": len(load.acknowledged - delivered),
        "webhook-id stable": all(len(ids) == 1 for ids in events.values()),
        "audit valid": isinstance(audit, dict) and audit.get("valid") is True,
    }


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def embedded(name, work, args, before, fault):
    """An embedded server, a clean restart for the normal start time, then the fault and a start again."""
    home = os.path.join(work, name, "home")
    log_dir = os.path.join(work, name)
    os.makedirs(log_dir, exist_ok=True)
    receiver = Receiver()
    castiel = Castiel(home, free_port(), log_dir, ["--castiel.db.synchronous-commit=on"])
    castiel.await_serving(castiel.start())
    castiel.stop()
    normal = castiel.await_serving(castiel.start())
    token = register(castiel.base, receiver)
    load = Load(castiel.base, token, args.writers, text_size=100_000 if name == "disk-full" else 0)
    extra = fault(castiel, load, before) or {}
    killed = time.monotonic()
    load.mark()
    castiel.await_serving(castiel.start())
    serving = time.monotonic() - killed
    time.sleep(3)
    load.stop()
    result = verify(castiel.base, token, load, receiver)
    castiel.stop()
    result.update({"seconds to serving": round(serving, 1), "normal start": round(normal, 1), "5xx": five_hundreds(load)})
    result.update(extra)
    return result


def five_hundreds(load):
    return {s: n for s, n in sorted(load.statuses.items()) if s >= 500} or 0


def kill_jvm(castiel, load, before):
    load.await_acknowledged(before)
    kill9([castiel.process.pid])
    castiel.process.wait()


def kill_jvm_orphan(castiel, load, before):
    load.await_acknowledged(before)
    kill9(children(castiel.process.pid) + [castiel.process.pid])
    castiel.process.wait()
    assert castiel.postgres(), "PostgreSQL should still run"


def power_loss(castiel, load, before):
    load.await_acknowledged(before)
    kill9(castiel.postgres() + children(castiel.process.pid) + [castiel.process.pid])
    castiel.process.wait()


class Tmpfs:
    def __init__(self, path, megabytes):
        self.path = path
        os.makedirs(path, exist_ok=True)
        subprocess.run(["mount", "-t", "tmpfs", "-o", "size=%dm" % megabytes, "tmpfs", path], check=True)

    def resize(self, megabytes):
        subprocess.run(["mount", "-o", "remount,size=%dm" % megabytes, self.path], check=True)

    def close(self):
        subprocess.run(["umount", "--lazy", self.path])


def disk_full(work, args):
    disk = Tmpfs(os.path.join(work, "disk-full", "home"), 128)
    try:
        def fill_then_power_loss(castiel, load, before):
            deadline = time.monotonic() + 300
            while sum(n for st, n in load.statuses.items() if st >= 500) < 50 and time.monotonic() < deadline:
                time.sleep(0.1)
            disk.resize(512)
            room = time.monotonic()
            load.mark()
            while load.first_ack_after is None and time.monotonic() - room < 120:
                time.sleep(0.05)
            resumed = (load.first_ack_after or time.monotonic()) - room
            # The writers would fill the larger disk too: they stop before the power loss.
            load.stop()
            power_loss(castiel, load, 0)
            return {"seconds to resume once there is room (no restart)": round(resumed, 1)}
        return embedded("disk-full", work, args, 0, fill_then_power_loss)
    finally:
        disk.close()


def psql(sql, db="postgres"):
    subprocess.run(["psql", "-v", "ON_ERROR_STOP=1", "-q", "-h", "127.0.0.1", "-U", "postgres", "-d", db, "-c", sql], check=True,
                   capture_output=True)


def server(name, work, args, fault):
    """A server-mode node on the machine's PostgreSQL and Redis (a fresh database), and a fault."""
    log_dir = os.path.join(work, name)
    os.makedirs(log_dir, exist_ok=True)
    psql("select pg_terminate_backend(pid) from pg_stat_activity where datname = '%s'" % PG_DB)
    psql("drop database if exists %s" % PG_DB)
    psql("do $$ begin if not exists (select 1 from pg_roles where rolname = '%s') then create role %s login password '%s'; end if;"
         " if not exists (select 1 from pg_roles where rolname = '%s') then create role %s login nosuperuser nobypassrls password '%s';"
         " end if; end $$" % (PG_OWNER, PG_OWNER, PG_OWNER, PG_APP, PG_APP, PG_APP))
    psql("create database %s owner %s" % (PG_DB, PG_OWNER))
    psql("alter function jsonb_contains(jsonb, jsonb) leakproof; alter function ts_match_vq(tsvector, tsquery) leakproof", PG_DB)
    key = subprocess.run(["openssl", "genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048"], capture_output=True,
                         text=True, check=True).stdout
    env = {"SPRING_PROFILES_ACTIVE": "server", "CASTIEL_DB_URL": "jdbc:postgresql://127.0.0.1:5432/" + PG_DB,
           "CASTIEL_DB_USER": PG_APP, "CASTIEL_DB_PASSWORD": PG_APP, "CASTIEL_DB_MIGRATION_USER": PG_OWNER,
           "CASTIEL_DB_MIGRATION_PASSWORD": PG_OWNER, "CASTIEL_JWT_PRIVATE_KEY": key,
           "CASTIEL_SECRET_KEY": subprocess.run(["openssl", "rand", "-base64", "32"], capture_output=True, text=True).stdout.strip()}
    receiver = Receiver()
    castiel = Castiel(os.path.join(work, name, "home"), free_port(), log_dir, env=env)
    castiel.await_serving(castiel.start())
    token = register(castiel.base, receiver)
    load = Load(castiel.base, token, args.writers)
    load.await_acknowledged(args.before)
    fault_started = time.monotonic()
    fault(castiel)
    back = time.monotonic()
    load.mark()
    while load.first_ack_after is None and time.monotonic() - back < 120:
        time.sleep(0.02)
    serving = (load.first_ack_after or time.monotonic()) - back
    time.sleep(3)
    load.stop()
    result = verify(castiel.base, token, load, receiver)
    castiel.stop()
    result.update({"fault seconds": round(back - fault_started, 1), "seconds to serving": round(serving, 1),
                   "clients saw failures for (s)": load.failing_seconds(), "5xx": five_hundreds(load)})
    return result


def pg_restart(castiel):
    cluster = os.listdir("/etc/postgresql")[0]
    subprocess.run(["pg_ctlcluster", "--skip-systemctl-redirect", cluster, "main", "restart", "-m", "fast"], check=True)


def pg_terminate(castiel):
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        psql("select pg_terminate_backend(pid) from pg_stat_activity where datname = '%s' and usename = '%s'" % (PG_DB, PG_APP))
        time.sleep(0.2)


def redis_down(castiel):
    subprocess.run(["redis-cli", "-h", "127.0.0.1", "-p", "6379", "shutdown", "nosave"], capture_output=True)
    time.sleep(10)
    subprocess.run(["redis-server", "--daemonize", "yes", "--bind", "127.0.0.1", "-::1", "--port", "6379", "--save", "",
                    "--appendonly", "no", "--dir", "/var/lib/redis", "--logfile", "/var/log/redis/ci.log"], check=True)
    for _ in range(50):
        if subprocess.run(["redis-cli", "ping"], capture_output=True).returncode == 0:
            return
        time.sleep(0.1)


SCENARIOS = {
    "kill-jvm": lambda work, args: embedded("kill-jvm", work, args, args.before, kill_jvm),
    "kill-jvm-orphan": lambda work, args: embedded("kill-jvm-orphan", work, args, args.before, kill_jvm_orphan),
    "power-loss": lambda work, args: embedded("power-loss", work, args, args.before, power_loss),
    "disk-full": disk_full,
    "pg-restart": lambda work, args: server("pg-restart", work, args, pg_restart),
    "pg-terminate": lambda work, args: server("pg-terminate", work, args, pg_terminate),
    "redis-down": lambda work, args: server("redis-down", work, args, redis_down),
}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scenarios", default=",".join(SCENARIOS))
    parser.add_argument("--writers", type=int, default=4)
    parser.add_argument("--before", type=int, default=300, help="writes acknowledged before the fault")
    parser.add_argument("--work-dir", default="/tmp/castiel-faults")
    args = parser.parse_args()
    if not os.path.exists(JAR):
        sys.exit("build the jar first: mvn -q package -DskipTests")
    shutil.rmtree(args.work_dir, ignore_errors=True)
    os.makedirs(args.work_dir)
    results = {}
    for name in args.scenarios.split(","):
        started = time.monotonic()
        results[name] = SCENARIOS[name](args.work_dir, args)
        print("%-16s %s  (%.0f s)" % (name, json.dumps(results[name]), time.monotonic() - started), flush=True)
    lost = {n: r["acknowledged"] - r["found"] + r["lost"] for n, r in results.items()}
    print("lost (writes + webhooks):", lost)
    sys.exit(1 if any(lost.values()) else 0)


if __name__ == "__main__":
    main()

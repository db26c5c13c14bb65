#!/usr/bin/env python3
"""Webhook benchmark (scenario "webhooks"): what 3 webhook endpoints cost the write path, and the
delay from an event's commit (its occurredAt) to its arrival at a receiver.

Starts server/target/castiel-server.jar in embedded mode (fresh CASTIEL_HOME under --work-dir,
private networks allowed so that it may deliver to 127.0.0.1), registers TENANTS tenants, and:

  1. baseline: POST /api/v1/shards as fast as it goes (wrk, lua/create.lua), no endpoints;
  2. endpoints: 3 endpoints per tenant (filter "shard.*") on a local receiver, the same wrk run;
  3. paced: RATE writes/s for DURATION s (open loop: each request has its scheduled send time,
     latency counted from it), then waits until every delivery arrived, and reports the
     occurredAt -> arrival delay (p50/p99/max) and whether any delivery is missing.

The receiver (bench/WebhookSink.java in its own JVM by default, or --receiver python: a threaded
HTTP/1.1 server in a process of its own) verifies nothing but records the arrival time of each
request with the event's id and occurredAt. It runs on the same two cores as the server, so it
should cost as little as possible: its CPU is not the write path's. Results go to
bench/results/<stamp>-webhooks/summary.md.
"""
import argparse
import datetime
import http.client
import http.server
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.request

BENCH_DIR = os.path.dirname(os.path.abspath(__file__))


def iso(ts):
    return datetime.datetime.fromisoformat(ts.replace("Z", "+00:00")).timestamp()


class Receiver(http.server.ThreadingHTTPServer):
    """Runs in its own process (python3 webhooks.py receive FILE), so that it does not share the
    load generator's interpreter lock; appends "path id occurredAt arrival" lines to FILE."""
    daemon_threads = True
    request_queue_size = 256

    def __init__(self, out):
        self.out = out
        self.lock = threading.Lock()
        super().__init__(("127.0.0.1", 0), ReceiverHandler)


class Arrivals:
    """The receiver process and its record file, read from the benchmark process."""

    def __init__(self, path, kind, java):
        self.path = path
        if kind == "java":
            command = [java, "-XX:TieredStopAtLevel=1", "-Xmx256m", os.path.join(BENCH_DIR, "WebhookSink.java"), path]
        else:
            command = [sys.executable, os.path.abspath(__file__), "receive", path]
        self.process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
        self.port = int(self.process.stdout.readline())
        self.offset = 0

    def read(self):
        with open(self.path) as f:
            lines = [line.split() for line in f if line.endswith("\n")]
        return [(p, e, float(o), float(a)) for p, e, o, a in lines]

    def count(self):
        with open(self.path) as f:
            return sum(1 for line in f if line.endswith("\n")) - self.offset

    def mark(self):
        self.offset += self.count()

    def since_mark(self):
        return self.read()[self.offset:]

    def stop(self):
        self.process.terminate()


class ReceiverHandler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_POST(self):
        arrived = time.time()
        body = self.rfile.read(int(self.headers.get("content-length", "0")))
        event = json.loads(body)
        with self.server.lock:
            self.server.out.write(f"{self.path} {event['id']} {iso(event['occurredAt']):.6f} {arrived:.6f}\n")
            self.server.out.flush()
        self.send_response(204)
        self.send_header("content-length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


def call(base, method, path, body=None, token=None):
    request = urllib.request.Request(base + path, method=method, data=None if body is None else json.dumps(body).encode())
    request.add_header("content-type", "application/json")
    if token:
        request.add_header("authorization", "Bearer " + token)
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read() or b"null")


def percentile(values, p):
    if not values:
        return float("nan")
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def cpu_share(out, label):
    try:
        with open(os.path.join(out, f"{label}.cpu.txt")) as f:
            return f.read().strip()
    except OSError:
        return "not measured"


def wrk(args, data_dir, seconds, label, out, processes=None):
    """processes: name=PID[+] specs whose CPU share is recorded in {label}.cpu.txt (bench/cpu.py)."""
    env = dict(os.environ, BENCH_DIR=BENCH_DIR, BENCH_DATA=data_dir)
    cpu = None
    if processes and seconds > 8:
        cpu = subprocess.Popen([sys.executable, os.path.join(BENCH_DIR, "cpu.py"), "--skip", "3", "--seconds", str(seconds - 6),
                                "--out", os.path.join(out, f"{label}.cpu.txt")] + processes)
    result = subprocess.run(["wrk", "-t2", f"-c{args.connections}", f"-d{seconds}s", "--latency", "-s",
                             os.path.join(BENCH_DIR, "lua", "create.lua"), args.base], env=env, capture_output=True, text=True)
    if cpu:
        cpu.wait()
    with open(os.path.join(out, f"{label}.txt"), "w") as f:
        f.write(result.stdout + result.stderr)
    rps = float(re.search(r"Requests/sec:\s+([0-9.]+)", result.stdout).group(1))
    p99 = re.search(r"99%\s+([0-9.]+)(us|ms|s)", result.stdout)
    p99ms = float(p99.group(1)) * {"us": 0.001, "ms": 1, "s": 1000}[p99.group(2)]
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", result.stdout)
    return rps, p99ms, int(bad.group(1)) if bad else 0


def paced(args, tokens):
    """RATE creates/s from 16 threads, each request sent at its scheduled time (or at once when late)."""
    total = args.rate * args.duration
    start = time.time() + 0.5
    next_slot = [0]
    lock = threading.Lock()
    latencies, failures = [], [0]

    def worker():
        host, port = args.base.split("//")[1].split(":")
        connection = http.client.HTTPConnection(host, int(port), timeout=30)
        while True:
            with lock:
                i = next_slot[0]
                next_slot[0] += 1
            if i >= total:
                return
            scheduled = start + i / args.rate
            wait = scheduled - time.time()
            if wait > 0:
                time.sleep(wait)
            body = json.dumps({"shardType": "c_account", "structuredData": {"name": f"Paced {i}", "industry": "Software"}})
            connection.request("POST", "/api/v1/shards", body, {"content-type": "application/json",
                                                                 "authorization": "Bearer " + tokens[i % len(tokens)]})
            response = connection.getresponse()
            response.read()
            done = time.time()
            with lock:
                latencies.append((done - scheduled) * 1000)
                if response.status != 201:
                    failures[0] += 1

    threads = [threading.Thread(target=worker) for _ in range(16)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.time() - start
    return total, elapsed, latencies, failures[0], start


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--jar", default=os.path.join(BENCH_DIR, "..", "server", "target", "castiel-server.jar"))
    parser.add_argument("--work-dir", default="/tmp/webhookbench")
    parser.add_argument("--port", type=int, default=18180)
    parser.add_argument("--tenants", type=int, default=4)
    parser.add_argument("--endpoints", type=int, default=3, help="per tenant")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--warmup", type=int, default=30)
    parser.add_argument("--measure", type=int, default=20, help="seconds per wrk run")
    parser.add_argument("--rate", type=int, default=500)
    parser.add_argument("--duration", type=int, default=30)
    parser.add_argument("--receiver", choices=["java", "python"], default="java",
                        help="java: bench/WebhookSink.java (light); python: the threaded receiver in this file (heavy)")
    parser.add_argument("--profile", action="store_true", help="record the server with JFR during the measured run with endpoints")
    args = parser.parse_args()
    args.base = f"http://localhost:{args.port}"

    stamp = datetime.datetime.now(datetime.timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    out = os.path.join(BENCH_DIR, "results", stamp + "-webhooks")
    data = os.path.join(out, "data")
    os.makedirs(data)
    shutil.rmtree(args.work_dir, ignore_errors=True)
    os.makedirs(os.path.join(args.work_dir, "home"))
    shutil.copy(args.jar, os.path.join(args.work_dir, "server.jar"))
    java = "/usr/lib/jvm/temurin-25-jdk-amd64/bin/java" if os.path.exists("/usr/lib/jvm/temurin-25-jdk-amd64/bin/java") else "java"
    env = dict(os.environ, CASTIEL_HOME=os.path.join(args.work_dir, "home"), SERVER_PORT=str(args.port),
               CASTIEL_WEBHOOKS_ALLOWPRIVATENETWORKS="true", CASTIEL_RATELIMIT_USERPERMINUTE="1000000000",
               CASTIEL_RATELIMIT_TENANTPERMINUTE="1000000000", CASTIEL_RATELIMIT_LOGINPERMINUTEPERIP="1000000000")
    log = open(os.path.join(out, "server.log"), "w")
    jfr = ["-XX:FlightRecorderOptions:stackdepth=256"] if args.profile else []
    server = subprocess.Popen([java, "-Xms1g", "-Xmx1g"] + jfr + ["-jar", os.path.join(args.work_dir, "server.jar")], env=env,
                              stdout=log, stderr=subprocess.STDOUT)
    open(os.path.join(out, "arrivals.txt"), "w").close()
    receiver = Arrivals(os.path.join(out, "arrivals.txt"), args.receiver, java)
    lines = []

    def say(text):
        print(text, flush=True)
        lines.append(text)

    try:
        for _ in range(180):
            try:
                urllib.request.urlopen(args.base + "/health", timeout=2)
                break
            except Exception:
                if server.poll() is not None:
                    sys.exit("the server exited; see " + log.name)
                time.sleep(0.5)
        tokens = []
        for t in range(args.tenants):
            registered = call(args.base, "POST", "/api/v1/auth/register", {"tenantName": f"Hooks {t}", "email": f"hooks{t}@bench.test",
                                                                           "password": "correct horse battery staple", "name": "B"})
            tokens.append(registered["accessToken"])
        with open(os.path.join(data, "tokens.txt"), "w") as f:
            for t, token in enumerate(tokens):
                f.write(f"{t} {token}\n")

        say(f"# Webhooks benchmark {stamp}\n")
        say(f"`bench/webhooks.py --tenants {args.tenants} --endpoints {args.endpoints} --connections {args.connections} "
            f"--warmup {args.warmup} --measure {args.measure} --rate {args.rate} --duration {args.duration}`\n")
        wrk(args, data, args.warmup, "warmup", out)
        with open(os.path.join(args.work_dir, "home", "pgdata", "postmaster.pid")) as f:
            postgres = f.readline().strip()
        processes = [f"java={server.pid}", f"postgres={postgres}+", f"receiver={receiver.process.pid}"]
        base_rps, base_p99, base_bad = wrk(args, data, args.measure, "baseline", out, processes)
        say(f"- baseline (no endpoints), wrk c={args.connections}: {base_rps:,.0f} creates/s, p99 {base_p99:.1f} ms, non-2xx {base_bad}")
        say(f"  cpu: {cpu_share(out, 'baseline')}")

        for t, token in enumerate(tokens):
            for e in range(args.endpoints):
                call(args.base, "POST", "/api/v1/webhooks", {"url": f"http://127.0.0.1:{receiver.port}/t{t}/e{e}",
                                                             "events": ["shard.*"]}, token)
        wrk(args, data, 10, "warmup-endpoints", out)
        if args.profile:
            subprocess.run([os.path.join(os.path.dirname(java), "jcmd"), str(server.pid), "JFR.start", "settings=profile",
                            f"duration={args.measure}s", f"filename={os.path.join(out, 'endpoints.jfr')}"], capture_output=True)
        hook_rps, hook_p99, hook_bad = wrk(args, data, args.measure, "endpoints", out, processes)
        say(f"- with {args.endpoints} endpoints per tenant, wrk c={args.connections}: {hook_rps:,.0f} creates/s, p99 {hook_p99:.1f} ms, "
            f"non-2xx {hook_bad}: {100 * hook_rps / base_rps:.1f} % of the baseline (target ≥ 85 %)")
        say(f"  cpu: {cpu_share(out, 'endpoints')}; deliveries received during the run: {receiver.count()}")
        # let the backlog of the saturated run drain before the paced run
        deadline = time.time() + 300
        while time.time() < deadline:
            before = receiver.count()
            time.sleep(2)
            if receiver.count() == before:
                break
        receiver.mark()

        total, elapsed, latencies, failures, started = paced(args, tokens)
        expected = (total - failures) * args.endpoints
        deadline = time.time() + 120
        while receiver.count() < expected and time.time() < deadline:
            time.sleep(0.2)
        arrivals = receiver.since_mark()
        delays = [(arrived - occurred) * 1000 for _, _, occurred, arrived in arrivals]
        distinct = len({(path, event) for path, event, _, _ in arrivals})
        say(f"- paced {args.rate} creates/s for {args.duration} s: {total} sent in {elapsed:.1f} s ({total / elapsed:,.0f}/s), "
            f"non-201 {failures}; write latency from the scheduled send p50 {percentile(latencies, 50):.1f} ms, "
            f"p99 {percentile(latencies, 99):.1f} ms")
        say(f"- deliveries: {len(arrivals)} received ({distinct} distinct endpoint/event pairs) of {expected} expected; "
            f"delay occurredAt -> receiver p50 {percentile(delays, 50):.1f} ms, p99 {percentile(delays, 99):.1f} ms, "
            f"max {max(delays) if delays else float('nan'):.1f} ms (target p99 ≤ 200 ms)")
        with open(os.path.join(out, "summary.md"), "w") as f:
            f.write("\n".join(lines) + "\n")
        print("results in", out)
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(60)
        except subprocess.TimeoutExpired:
            server.kill()
        receiver.stop()
        shutil.rmtree(data, ignore_errors=True)


def receive(path):
    with open(path, "a") as out:
        server = Receiver(out)
        print(server.server_address[1], flush=True)
        server.serve_forever()


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "receive":
        receive(sys.argv[2])
    else:
        main()

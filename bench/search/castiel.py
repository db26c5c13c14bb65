"""Shared by the search benchmarks (standard library only): an HTTP client for the Castiel API
that keeps its tenant's token fresh and waits out 429s, and the start/stop of a server jar in
embedded or server mode with the conventions of bench/run.sh (a private copy of the jar under
WORK_DIR, a fresh CASTIEL_HOME or database, JDK 25 when present, rate limits too high to refuse
a benchmark request)."""
import base64
import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
import types
import urllib.error
import urllib.request

PASSWORD = "search-bench-password-0123456789"
RATE_LIMIT = "1000000000"
JDK25 = "/usr/lib/jvm/temurin-25-jdk-amd64"


def log(*parts):
    print(time.strftime("%H:%M:%S", time.gmtime()), *parts, flush=True)


class ApiError(Exception):
    def __init__(self, status, body, what):
        super().__init__(f"{what}: HTTP {status}: {str(body)[:500]}")
        self.status = status
        self.body = body


def request(base, method, path, body=None, token=None, timeout=300):
    """One call; returns (status, parsed JSON or text). Waits and retries on 429."""
    data = None if body is None else json.dumps(body).encode()
    for _ in range(20):
        req = urllib.request.Request(base + path, data=data, method=method)
        req.add_header("Accept", "application/json")
        if data is not None:
            req.add_header("Content-Type", "application/json")
        if token:
            req.add_header("Authorization", "Bearer " + token)
        try:
            with urllib.request.urlopen(req, timeout=timeout) as response:
                raw = response.read()
                return response.status, (json.loads(raw) if raw else None)
        except urllib.error.HTTPError as e:
            raw = e.read().decode(errors="replace")
            if e.code == 429:
                time.sleep(float(e.headers.get("Retry-After") or 1))
                continue
            try:
                return e.code, json.loads(raw)
            except ValueError:
                return e.code, raw
    return 429, "still rate limited after 20 attempts"


class Tenant:
    """A tenant of its own, registered fresh; logs in again before the 15-minute token expires."""

    def __init__(self, base, label, email=None):
        self.base = base
        self.lock = threading.Lock()
        if email:   # an existing tenant of an earlier run (load.py --attach)
            self.email = email
            status, body = request(base, "POST", "/api/v1/auth/login", {"email": email, "password": PASSWORD})
            if status != 200:
                raise ApiError(status, body, "login")
            self._token, self._at = body["accessToken"], time.time()
            _, me = request(base, "GET", "/api/v1/me", token=self._token)
            self.tenant_id, self.slug = me["tenant"]["id"], me["tenant"]["slug"]
            return
        self.email = f"{label}-{int(time.time() * 1000)}@search-bench.example.com"
        self.lock = threading.Lock()
        status, body = request(base, "POST", "/api/v1/auth/register", {
            "tenantName": f"Search bench {label}", "email": self.email, "password": PASSWORD, "name": "Search Bench"})
        if status != 201:
            raise ApiError(status, body, "register")
        self.tenant_id = body["tenant"]["id"]
        self.slug = body["tenant"]["slug"]
        self._token, self._at = body["accessToken"], time.time()

    def token(self):
        with self.lock:
            if time.time() - self._at > 600:
                status, body = request(self.base, "POST", "/api/v1/auth/login",
                                       {"email": self.email, "password": PASSWORD, "tenant": self.slug})
                if status != 200:
                    raise ApiError(status, body, "login")
                self._token, self._at = body["accessToken"], time.time()
            return self._token

    def call(self, method, path, body=None, expect=None, timeout=300):
        status, answer = request(self.base, method, path, body, self.token(), timeout)
        if expect is not None and status != expect:
            raise ApiError(status, answer, f"{method} {path}")
        return status, answer

    def bulk(self, items):
        """POST /shards/bulk; returns the ids in order, or raises on any failed item."""
        _, answer = self.call("POST", "/api/v1/shards/bulk", {"items": items}, expect=200)
        ids = [None] * len(items)
        for r in answer["results"]:
            if r.get("status") != 201:
                raise ApiError(r.get("status"), r, f"bulk item {r.get('index')}")
            ids[r["index"]] = r["id"]
        return ids

    def embedding_status(self, shard_id):
        _, shard = self.call("GET", f"/api/v1/shards/{shard_id}", expect=200)
        return shard.get("embeddingStatus")

    def wait_embedded(self, ids, timeout=7200, progress_every=15, progress=None):
        """Waits until every shard of ids is embeddingStatus=ready. Checks the oldest still-pending
        shard first and moves on only while they are ready, so a round costs few requests while
        the backlog drains in creation order, and every shard is confirmed once at the end.
        Returns the time at which the last one was seen ready; raises on 'failed' or timeout.
        progress(), when given, counts the ready ones for the log (the in-order prefix may lag)."""
        pending = list(ids)
        started = last_report = time.time()
        while pending:
            while pending:
                status = self.embedding_status(pending[0])
                if status == "ready":
                    pending.pop(0)
                elif status in ("failed", "none", None):
                    raise ApiError(200, {"id": pending[0], "embeddingStatus": status}, "embedding")
                else:
                    break
            if not pending:
                break
            if time.time() - started > timeout:
                raise TimeoutError(f"{len(pending)} shards still pending after {timeout} s")
            if time.time() - last_report >= progress_every:
                log(f"  embedding: {progress() if progress else len(ids) - len(pending)}/{len(ids)} ready")
                last_report = time.time()
            time.sleep(0.5)
        return time.time()


class Server:
    """server/target/castiel-server.jar started the way bench/run.sh starts it."""

    def __init__(self, jar, mode, port, work_dir, out_dir, java_opts="-Xms1g -Xmx1g", db_name="castiel_search_bench"):
        self.jar, self.mode, self.port, self.work_dir, self.out_dir = jar, mode, port, work_dir, out_dir
        self.java_opts = java_opts.split()
        self.db_name = db_name
        self.base = f"http://localhost:{port}"
        self.process = None
        self.pg = None   # (host, port, database) for psql

    def start(self, reuse_database=False):
        """reuse_database: keep the database an earlier run filled (server mode: the machine's;
        embedded mode: the one under the work dir's home), for measuring another jar on the same
        data (load.py --reuse-database)."""
        try:
            urllib.request.urlopen(self.base + "/health", timeout=2)
            sys.exit(f"something already listens on port {self.port}; stop it or set --port")
        except (urllib.error.URLError, ConnectionError):
            pass
        if not os.path.isfile(self.jar):
            sys.exit(f"no server jar at {self.jar}; build it with: mvn -B package -DskipTests")
        self._stop_leftover_postgres()
        home = os.path.join(self.work_dir, "home")
        if reuse_database and self.mode == "embedded":
            # the embedded database lives in the home an earlier run filled: keep it
            if not os.path.isdir(os.path.join(home, "pgdata")):
                sys.exit(f"no embedded database under {home} to reuse")
        else:
            shutil.rmtree(self.work_dir, ignore_errors=True)
            os.makedirs(home)
        # a private copy: another session's cleanup of castiel-server.jar processes must not stop us
        jar = os.path.join(self.work_dir, "server.jar")
        shutil.copy(self.jar, jar)
        env = dict(os.environ)
        env.update({"SERVER_PORT": str(self.port), "CASTIEL_HOME": home,
                    "CASTIEL_RATELIMIT_USERPERMINUTE": RATE_LIMIT, "CASTIEL_RATELIMIT_TENANTPERMINUTE": RATE_LIMIT,
                    "CASTIEL_RATELIMIT_LOGINPERMINUTEPERIP": RATE_LIMIT})
        if self.mode == "server":
            env.update(self._prepare_database(reuse_database))
        java = os.path.join(JDK25, "bin", "java") if os.path.exists(os.path.join(JDK25, "bin", "java")) else "java"
        if os.environ.get("JAVA_HOME"):
            java = os.path.join(os.environ["JAVA_HOME"], "bin", "java")
        self.java = java
        self.log_path = os.path.join(self.out_dir, "server.log")
        log(f"starting {self.jar} ({self.mode} mode) with {java} on port {self.port}")
        self.process = subprocess.Popen([java, *self.java_opts, "--add-modules", "jdk.incubator.vector", "-jar", jar], env=env, stdout=open(self.log_path, "w"),
                                        stderr=subprocess.STDOUT, start_new_session=True)
        # 10 minutes: on a saturated 2-core machine the start alone has taken over 3
        deadline = time.time() + 600
        while True:
            try:
                urllib.request.urlopen(self.base + "/health", timeout=2)
                break
            except (urllib.error.URLError, OSError):  # OSError: refused, reset, or a read timeout while starting
                if self.process.poll() is not None:
                    sys.exit(f"the server exited; see {self.log_path}")
                if time.time() > deadline:
                    self.process.terminate()
                    sys.exit(f"the server did not become healthy in 600 s; see {self.log_path}")
                time.sleep(0.5)
        if self.mode == "embedded":
            with open(os.path.join(home, "pgdata", "postmaster.pid")) as f:
                lines = f.read().splitlines()
            self.pg = ("localhost", lines[3], "castiel")
        log(f"server up (pid {self.process.pid}); PostgreSQL {self.pg}")
        return self

    def attach(self):
        """The server an earlier start() left running on this port and work dir (load.py --attach)."""
        jar = os.path.join(self.work_dir, "server.jar")
        for entry in os.listdir("/proc"):
            try:
                if entry.isdigit() and jar in open(f"/proc/{entry}/cmdline").read().replace("\0", " "):
                    self.process = types.SimpleNamespace(pid=int(entry))   # not ours to stop
                    break
            except OSError:
                pass
        else:
            sys.exit(f"no server running from {jar}")
        if self.mode == "embedded":
            with open(os.path.join(self.work_dir, "home", "pgdata", "postmaster.pid")) as f:
                self.pg = ("localhost", f.read().splitlines()[3], "castiel")
        else:
            self.pg = ("127.0.0.1", "5432", self.db_name)
        log(f"attached to the server pid {self.process.pid} on port {self.port}; PostgreSQL {self.pg}")
        return self

    def _prepare_database(self, reuse=False):
        """Two roles as in production (the owner migrates, the app role is bound by RLS) and a
        fresh database; the vector extension is created by the superuser beforehand, since the
        owner role may not be allowed to."""
        owner, app = "castiel_sb_owner", "castiel_sb_app"
        sql = f"""
DO $$ BEGIN PERFORM pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{self.db_name}' AND pid <> pg_backend_pid(); END $$;
DROP DATABASE IF EXISTS {self.db_name};
DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{owner}') THEN CREATE ROLE {owner} LOGIN PASSWORD '{owner}'; END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{app}') THEN CREATE ROLE {app} LOGIN NOSUPERUSER NOBYPASSRLS PASSWORD '{app}'; END IF;
END $$;
CREATE DATABASE {self.db_name} OWNER {owner};
\\c {self.db_name}
ALTER FUNCTION jsonb_contains(jsonb, jsonb) LEAKPROOF;
ALTER FUNCTION ts_match_vq(tsvector, tsquery) LEAKPROOF;
CREATE EXTENSION IF NOT EXISTS vector;
"""
        if reuse:
            sql = ""
        subprocess.run(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1", "-p", "5432", "-U", "postgres",
                        "-d", "postgres"], input=sql, text=True, check=True)
        key = subprocess.run(["openssl", "genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048"],
                             capture_output=True, text=True, check=True).stdout
        self.pg = ("127.0.0.1", "5432", self.db_name)
        return {"SPRING_PROFILES_ACTIVE": "server",
                "CASTIEL_DB_URL": f"jdbc:postgresql://127.0.0.1:5432/{self.db_name}",
                "CASTIEL_DB_USER": app, "CASTIEL_DB_PASSWORD": app,
                "CASTIEL_DB_MIGRATION_USER": owner, "CASTIEL_DB_MIGRATION_PASSWORD": owner,
                "CASTIEL_JWT_PRIVATE_KEY": key, "CASTIEL_SECRET_KEY": base64.b64encode(os.urandom(32)).decode()}

    def psql(self, sql, variables=None, capture=True):
        """Runs SQL as the superuser against the server's database; returns stdout."""
        host, port, db = self.pg
        args = ["psql", "-X", "-q", "-At", "-v", "ON_ERROR_STOP=1", "-h", host, "-p", str(port), "-U", "postgres", "-d", db]
        for k, v in (variables or {}).items():
            args += ["-v", f"{k}={v}"]
        return subprocess.run(args, input=sql, text=True, check=True, capture_output=capture).stdout

    def _stop_leftover_postgres(self):
        pid_file = os.path.join(self.work_dir, "home", "pgdata", "postmaster.pid")
        if os.path.exists(pid_file):
            try:
                pid = int(open(pid_file).readline())
                if open(f"/proc/{pid}/comm").read().startswith("postgres"):
                    os.kill(pid, signal.SIGINT)
                    time.sleep(3)
            except (OSError, ValueError):
                pass

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()   # Spring shuts down the embedded PostgreSQL too
            try:
                self.process.wait(60)
            except subprocess.TimeoutExpired:
                self.process.kill()
        self._stop_leftover_postgres()


def percentile(values, p):
    if not values:
        return float("nan")
    values = sorted(values)
    k = (len(values) - 1) * p / 100
    lo = int(k)
    hi = min(lo + 1, len(values) - 1)
    return values[lo] + (values[hi] - values[lo]) * (k - lo)

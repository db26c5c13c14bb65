#!/usr/bin/env bash
# Castiel load benchmark: 100k shards in 10 tenants; GET /shards/{id}, POST /shards and a
# filtered GET /shards at concurrency 32 with wrk, then pgbench -S against the same PostgreSQL.
# Optional scenarios: a login storm (with /health probed meanwhile) and the per-request cost of
# authentication + rate limiting (SCENARIOS="login overhead").
# See bench/README.md. Every run starts from an empty CASTIEL_HOME, so runs are comparable.
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_DIR="$(dirname "$BENCH_DIR")"

JAR="${JAR:-$REPO_DIR/server/target/castiel-server.jar}"
PORT="${PORT:-18080}"
WORK_DIR="${WORK_DIR:-/tmp/shardbench}"         # wiped on every run: the server's CASTIEL_HOME and a copy of the jar
BENCH_HOME="$WORK_DIR/home"
TENANTS="${TENANTS:-10}"
PER_TENANT="${PER_TENANT:-10000}"
CONNECTIONS="${CONNECTIONS:-32}"
THREADS="${THREADS:-2}"
DURATION="${DURATION:-30}"                         # seconds per measured scenario
WARMUP="${WARMUP:-40}"                             # seconds per scenario, not recorded (the JIT needs ~25 s on 2 cores)
# PROFILE=1 also records a JFR file of the server per measured scenario (results/<stamp>/<name>.jfr)
PGBENCH_SCALE="${PGBENCH_SCALE:-10}"
SCENARIOS="${SCENARIOS:-read list create}"        # a subset for quick experiments, e.g. SCENARIOS=read; also: login overhead websocket graphql
LOGIN_USERS="${LOGIN_USERS:-200}"                  # login scenario: people registered to log in (one Argon2id hash each to seed)
LOGIN_CONNECTIONS="${LOGIN_CONNECTIONS:-8}"        # login scenario: concurrent logins
OVERHEAD_CONNECTIONS="${OVERHEAD_CONNECTIONS:-1}"  # overhead scenarios: 1 = per-request latency, not queueing
WS_CLIENTS="${WS_CLIENTS:-50}"                     # websocket scenario: WebSocket clients subscribed to shard.*
WS_RATE="${WS_RATE:-500}"                          # websocket scenario: shard writes per second (fixed rate)
WS_ENDPOINTS="${WS_ENDPOINTS:-3}"                  # websocket scenario: webhook endpoints subscribed beside the sockets (0: none)
GRAPHQL_CONCURRENCY="${GRAPHQL_CONCURRENCY:-16}"   # graphql scenario: clients reading the nested page (GraphQL, then REST)
# Rate limits high enough never to refuse a benchmark request (the buckets are still checked on
# every /api/v1 request, so their cost is in the figures). Per minute.
RATE_LIMIT="${RATE_LIMIT:-1000000000}"
PGBENCH="${PGBENCH:-1}"                            # 0 skips the pgbench reference
# DB=server: server mode on the machine's PostgreSQL (127.0.0.1:5432, trust auth; a fresh database
# castiel_run_bench, owner and app roles as in production) instead of the embedded one.
# EMBEDDING_WORKERS=0 (server mode) makes the node an API node that embeds nothing: on a 2-core
# machine the embedding worker otherwise takes a core from every write-heavy measurement.
DB="${DB:-embedded}"
EMBEDDING_WORKERS="${EMBEDDING_WORKERS:-1}"
# DB=server: the machine's PostgreSQL runs with autovacuum off (its CI configuration); production
# runs it on, and queue-like tables (webhook deliveries) depend on it. On for the run, then reset.
AUTOVACUUM="${AUTOVACUUM:-on}"
JAVA_OPTS="${JAVA_OPTS:--Xms1g -Xmx1g}"
QUIET_PCT="${QUIET_PCT:-10}"        # before each measurement, wait until other processes use less than this
QUIET_TIMEOUT="${QUIET_TIMEOUT:-1800}"  # ... but at most this many seconds (then measure anyway, flagged)
ATTEMPTS="${ATTEMPTS:-3}"           # a measurement disturbed by other processes is repeated up to this many times
if [[ -z "${JAVA_HOME:-}" && -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/java ]]; then
  JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
fi
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"

STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
OUT="$BENCH_DIR/results/$STAMP"
DATA="$OUT/data"                                   # ids and tokens of this run; removed at the end unless KEEP_DATA=1
BASE="http://localhost:$PORT"

for tool in wrk pgbench psql python3 curl "$JAVA"; do
  command -v "$tool" >/dev/null || { echo "missing prerequisite: $tool (see bench/README.md)" >&2; exit 1; }
done
[[ -f "$JAR" ]] || { echo "no server jar at $JAR; build it with: mvn -B package -DskipTests" >&2; exit 1; }
if curl -s -o /dev/null "$BASE/health"; then
  echo "something already listens on port $PORT; stop it or set PORT=..." >&2; exit 1
fi

mkdir -p "$OUT" "$DATA"
export BENCH_DIR BENCH_DATA="$DATA"
log() { printf '%s %s\n' "$(date -u +%H:%M:%S)" "$*" | tee -a "$OUT/run.log"; }

SERVER_PID=""
cleanup() {
  if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID" 2>/dev/null || true         # Spring shuts down the embedded PostgreSQL too
    for _ in $(seq 60); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.5; done
    kill -9 "$SERVER_PID" 2>/dev/null || true
  fi
  if [[ "$DB" == server && -n "${AUTOVACUUM_SET:-}" ]]; then
    psql -X -q -h 127.0.0.1 -p 5432 -U postgres -d postgres -c "alter system reset autovacuum" -c "select pg_reload_conf()" >/dev/null 2>&1 || true
  fi
  # an embedded PostgreSQL left behind by a killed JVM
  if [[ -f "$BENCH_HOME/pgdata/postmaster.pid" ]]; then
    pm="$(head -1 "$BENCH_HOME/pgdata/postmaster.pid")"
    if [[ -n "$pm" ]] && kill -0 "$pm" 2>/dev/null && grep -q postgres "/proc/$pm/comm" 2>/dev/null; then
      kill -INT "$pm" 2>/dev/null || true
    fi
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# 1. a fresh server -----------------------------------------------------------------------
if [[ -f "$BENCH_HOME/pgdata/postmaster.pid" ]]; then
  pm="$(head -1 "$BENCH_HOME/pgdata/postmaster.pid")"
  if kill -0 "$pm" 2>/dev/null && grep -q postgres "/proc/$pm/comm" 2>/dev/null; then
    log "stopping a PostgreSQL left running in $BENCH_HOME (pid $pm)"
    kill -INT "$pm"; for _ in $(seq 30); do kill -0 "$pm" 2>/dev/null || break; sleep 0.5; done
  fi
fi
rm -rf "$WORK_DIR"
mkdir -p "$BENCH_HOME"
# A private copy, so that the process is ours alone and another session's cleanup of
# "castiel-server.jar" processes does not stop the benchmark half-way.
cp "$JAR" "$WORK_DIR/server.jar"
log "starting $JAR with $("$JAVA" -version 2>&1 | head -1) on port $PORT, CASTIEL_HOME=$BENCH_HOME"
SERVER_ENV=(CASTIEL_AI_EMBEDDING_WORKERS="$EMBEDDING_WORKERS")
if [[ "$DB" == server ]]; then
  psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p 5432 -U postgres -d postgres >/dev/null <<'SQL'
DO $$ BEGIN PERFORM pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = 'castiel_run_bench' AND pid <> pg_backend_pid(); END $$;
DROP DATABASE IF EXISTS castiel_run_bench;
DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'castiel_rb_owner') THEN CREATE ROLE castiel_rb_owner LOGIN PASSWORD 'castiel_rb_owner'; END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'castiel_rb_app') THEN CREATE ROLE castiel_rb_app LOGIN NOSUPERUSER NOBYPASSRLS PASSWORD 'castiel_rb_app'; END IF;
END $$;
CREATE DATABASE castiel_run_bench OWNER castiel_rb_owner;
SQL
  if [[ "$AUTOVACUUM" == on ]]; then
    psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p 5432 -U postgres -d postgres -c "alter system set autovacuum = on" -c "select pg_reload_conf()" >/dev/null
    AUTOVACUUM_SET=1
  fi
  log "machine PostgreSQL: autovacuum $(psql -X -At -h 127.0.0.1 -p 5432 -U postgres -d postgres -c 'show autovacuum')"
  psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p 5432 -U postgres -d castiel_run_bench >/dev/null <<'SQL'
ALTER FUNCTION jsonb_contains(jsonb, jsonb) LEAKPROOF;
ALTER FUNCTION ts_match_vq(tsvector, tsquery) LEAKPROOF;
ALTER FUNCTION texticlike(text, text) LEAKPROOF;
DO $$ BEGIN
  IF EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'vector') THEN CREATE EXTENSION IF NOT EXISTS vector; END IF;
END $$;
SQL
  SERVER_ENV+=(SPRING_PROFILES_ACTIVE=server CASTIEL_DB_URL=jdbc:postgresql://127.0.0.1:5432/castiel_run_bench
    CASTIEL_DB_USER=castiel_rb_app CASTIEL_DB_PASSWORD=castiel_rb_app
    CASTIEL_DB_MIGRATION_USER=castiel_rb_owner CASTIEL_DB_MIGRATION_PASSWORD=castiel_rb_owner
    CASTIEL_JWT_PRIVATE_KEY="$(openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 2>/dev/null)"
    CASTIEL_SECRET_KEY="$(head -c 32 /dev/urandom | base64)")
fi
# shellcheck disable=SC2086
env "${SERVER_ENV[@]}" \
CASTIEL_RATELIMIT_USERPERMINUTE="${CASTIEL_RATELIMIT_USERPERMINUTE:-$RATE_LIMIT}" \
CASTIEL_RATELIMIT_TENANTPERMINUTE="${CASTIEL_RATELIMIT_TENANTPERMINUTE:-$RATE_LIMIT}" \
CASTIEL_RATELIMIT_LOGINPERMINUTEPERIP="${CASTIEL_RATELIMIT_LOGINPERMINUTEPERIP:-$RATE_LIMIT}" \
CASTIEL_WEBHOOKS_ALLOWPRIVATENETWORKS=true \
CASTIEL_HOME="$BENCH_HOME" SERVER_PORT="$PORT" "$JAVA" $JAVA_OPTS -Xlog:gc:file="$OUT/gc.log" --add-modules jdk.incubator.vector -jar "$WORK_DIR/server.jar" >"$OUT/server.log" 2>&1 &
SERVER_PID=$!
for i in $(seq 180); do
  if curl -sf "$BASE/health" >/dev/null; then break; fi
  kill -0 "$SERVER_PID" 2>/dev/null || { echo "the server exited; see $OUT/server.log" >&2; tail -30 "$OUT/server.log" >&2; exit 1; }
  [[ $i == 180 ]] && { echo "the server did not become healthy in 90 s" >&2; exit 1; }
  sleep 0.5
done
if [[ "$DB" == server ]]; then
  PG_PORT=5432
  PG_PID="$(head -1 "$(psql -X -At -h 127.0.0.1 -U postgres -d postgres -c 'show data_directory')/postmaster.pid")"
  PG_DB=castiel_run_bench
  log "server up (pid $SERVER_PID, server mode, $EMBEDDING_WORKERS embedding workers); PostgreSQL pid $PG_PID on port 5432, database $PG_DB"
else
  PG_PORT="$(sed -n 4p "$BENCH_HOME/pgdata/postmaster.pid")"
  PG_PID="$(sed -n 1p "$BENCH_HOME/pgdata/postmaster.pid")"
  PG_DB=castiel
  log "server up (pid $SERVER_PID); embedded PostgreSQL pid $PG_PID on port $PG_PORT ($(grep -o 'Embedded PostgreSQL on port [0-9]*' "$OUT/server.log" || true))"
fi
PSQL=(psql -X -q -h localhost -p "$PG_PORT" -U postgres -v ON_ERROR_STOP=1)

# 2. data -----------------------------------------------------------------------------------
log "seeding $TENANTS tenants x $PER_TENANT shards"
python3 "$BENCH_DIR/seed.py" seed --base "$BASE" --out "$DATA" --tenants "$TENANTS" --per-tenant "$PER_TENANT" | tee -a "$OUT/run.log"
log "vacuum analyze (what autovacuum would have done on a settled database)"
"${PSQL[@]}" -d "$PG_DB" -c "vacuum analyze" 2>&1 | tee -a "$OUT/run.log"
python3 "$BENCH_DIR/seed.py" check --base "$BASE" --out "$DATA" --tenants "$TENANTS" | tee -a "$OUT/run.log"
if [[ " $SCENARIOS " == *" login "* ]]; then
  log "registering $LOGIN_USERS login users"
  python3 "$BENCH_DIR/seed.py" users --base "$BASE" --out "$DATA" --users "$LOGIN_USERS" --workers 2 | tee -a "$OUT/run.log"
fi

{
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "cpu: $(nproc) x $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
  echo "memory: $(free -g | awk '/Mem:/ {print $2 " GB"}')"
  echo "java: $("$JAVA" -version 2>&1 | head -1) opts: $JAVA_OPTS"
  echo "wrk: $(wrk --version 2>&1 | head -1 | cut -c1-40)"
  echo "pgbench: $(pgbench --version)"
  echo "postgres: $("${PSQL[@]}" -d "$PG_DB" -Atc 'select version()')"
  echo "postgres settings: $("${PSQL[@]}" -d "$PG_DB" -Atc "select string_agg(name || '=' || setting || coalesce(unit, ''), ' ' order by name) from pg_settings where name in ('shared_buffers','max_connections','synchronous_commit','fsync','work_mem','effective_cache_size','full_page_writes','wal_level')")"
  echo "jar: $JAR ($(date -u -r "$JAR" +%Y-%m-%dT%H:%M:%SZ), sha256 $(sha256sum "$JAR" | cut -c1-12))"
  echo "rate limits: $RATE_LIMIT per minute (user, tenant, login per address): never refused, always checked"
  echo "argon2: $(grep -o "Argon2id .*threads" "$OUT/server.log" | head -1)"
  echo "repo of bench/: $(git -C "$REPO_DIR" rev-parse --short HEAD 2>/dev/null || echo '?')$(git -C "$REPO_DIR" diff --quiet HEAD -- server 2>/dev/null || echo ' (server/ has uncommitted changes)')"
} >"$OUT/environment.txt"
cat "$OUT/environment.txt" | tee -a "$OUT/run.log"

# 3. wrk scenarios ----------------------------------------------------------------------------
# The machine may be shared (a build, a test run): measure only when the rest of it is idle.
alive() {
  kill -0 "$SERVER_PID" 2>/dev/null && return 0
  log "ERROR: the server (pid $SERVER_PID) has exited; its log ends with:"; tail -5 "$OUT/server.log" | tee -a "$OUT/run.log"
  exit 1
}

wait_quiet() {
  alive
  local waited=0 state
  while true; do
    if state="$(python3 "$BENCH_DIR/cpu.py" --skip 0 --seconds 3 --quiet "$QUIET_PCT" "java=$SERVER_PID" "postgres=$PG_PID+")"; then
      (( waited > 0 )) && log "machine quiet again after ${waited}s ($state)"
      return 0
    fi
    (( waited == 0 )) && log "waiting for a quiet machine: $state"
    if (( waited >= QUIET_TIMEOUT )); then
      log "WARNING: still busy after ${QUIET_TIMEOUT}s ($state); measuring anyway, see other_processes"
      return 0
    fi
    sleep 7; waited=$((waited + 10))
  done
}

# true when processes not ours took more than QUIET_PCT of a core during the measured window
disturbed() {
  local others unattributed
  others="$(grep -o 'other_processes=[0-9]*' "$1" | cut -d= -f2)"
  unattributed="$(grep -o 'unattributed=[0-9]*' "$1" | cut -d= -f2)"
  (( others + unattributed > QUIET_PCT ))
}

# Access tokens live 15 minutes. Logging in between warm-up and measurement is avoided: the
# login code paths make the JIT deoptimise shared code, which costs the first seconds.
TOKENS_AT=0
fresh_tokens() {
  python3 "$BENCH_DIR/seed.py" tokens --base "$BASE" --out "$DATA" --tenants "$TENANTS"
  TOKENS_AT=$SECONDS
}

# scenario name lua-script url [connections] [threads]
# With PROBE=1, a second wrk (one connection) sends GET /health during the measurement, into <name>-probe.txt.
scenario() {
  local name="$1" script="$2" path="$3" connections="${4:-$CONNECTIONS}" threads="${5:-$THREADS}" attempt
  wait_quiet
  fresh_tokens
  if (( WARMUP > 0 )); then
    log "$name: warm-up ${WARMUP}s"
    wrk -t"$threads" -c"$connections" -d"${WARMUP}s" --timeout 10s -s "$BENCH_DIR/lua/$script" "$BASE$path" >"$OUT/$name.warmup.txt" 2>&1
  fi
  for attempt in $(seq "$ATTEMPTS"); do
    wait_quiet
    (( SECONDS - TOKENS_AT > 600 )) && fresh_tokens
    log "$name: wrk -t$threads -c$connections -d${DURATION}s --timeout 10s --latency -s bench/lua/$script $BASE$path"
    wrk -t"$threads" -c"$connections" -d"${DURATION}s" --timeout 10s --latency -s "$BENCH_DIR/lua/$script" "$BASE$path" >"$OUT/$name.txt" 2>&1 &
    local wrk_pid=$! probe=()
    if [[ "${PROBE:-0}" == 1 ]]; then
      wrk -t1 -c1 -d"${DURATION}s" --timeout 10s --latency -s "$BENCH_DIR/lua/health.lua" "$BASE/health" >"$OUT/$name-probe.txt" 2>&1 &
      probe=("probe=$!")
    fi
    if [[ "${PROFILE:-0}" == 1 ]]; then   # a JFR recording of the measured window (adds a little overhead)
      "${JAVA_HOME:+$JAVA_HOME/bin/}jcmd" "$SERVER_PID" JFR.start name="$name-$attempt" settings=profile duration="${DURATION}s" \
        filename="$OUT/$name.jfr" >/dev/null
    fi
    python3 "$BENCH_DIR/cpu.py" --skip 3 --seconds $((DURATION - 6)) --out "$OUT/$name.cpu.txt" \
      "java=$SERVER_PID" "postgres=$PG_PID+" "wrk=$wrk_pid" "${probe[@]}" &
    local cpu_pid=$!
    wait "$wrk_pid"; wait "$cpu_pid"
    [[ ${#probe[@]} == 0 ]] || wait "${probe[0]#probe=}"
    alive
    grep '^RESULT' "$OUT/$name.txt" | tee -a "$OUT/run.log"
    [[ ${#probe[@]} == 0 ]] || { printf 'probe during %s: ' "$name"; grep '^RESULT' "$OUT/$name-probe.txt"; } | tee -a "$OUT/run.log"
    grep -E '^(UNEXPECTED|TIMELINE)' "$OUT/$name.txt" | tee -a "$OUT/run.log" || true
    echo "gc pauses during $name: $(python3 "$BENCH_DIR/gcpauses.py" "$OUT/gc.log" "$SERVER_PID" "$((DURATION + 1))")" | tee -a "$OUT/run.log"
    echo "cpu $name: $(cat "$OUT/$name.cpu.txt")" | tee -a "$OUT/run.log"
    disturbed "$OUT/$name.cpu.txt" || return 0
    if (( attempt < ATTEMPTS )); then
      log "$name: other processes used the CPU during the measurement; measuring again"
      mv "$OUT/$name.txt" "$OUT/$name.disturbed-$attempt.txt"
      mv "$OUT/$name.cpu.txt" "$OUT/$name.disturbed-$attempt.cpu.txt"
      [[ ${#probe[@]} == 0 ]] || mv "$OUT/$name-probe.txt" "$OUT/$name-probe.disturbed-$attempt.txt"
    else
      log "WARNING: $name was disturbed by other processes in all $ATTEMPTS attempts; keeping the last"
    fi
  done
}

for name in $SCENARIOS; do
  case "$name" in
    read|list|create) scenario "$name" "$name.lua" "/api/v1/shards" ;;
    # logins from LOGIN_CONNECTIONS clients while one more client keeps asking GET /health
    login) PROBE=1 scenario login login.lua "/api/v1/auth/login" "$LOGIN_CONNECTIONS" 1 ;;
    # the same trivial request without and with authentication + rate limiting, then a real
    # authenticated read, all at OVERHEAD_CONNECTIONS (1: service time, no queueing)
    overhead)
      export BENCH_OPTIONS=health; scenario options-health options.lua "/health" "$OVERHEAD_CONNECTIONS" 1
      export BENCH_OPTIONS=api; scenario options-api options.lua "/api/v1/me" "$OVERHEAD_CONNECTIONS" 1
      scenario health health.lua "/health" "$OVERHEAD_CONNECTIONS" 1
      scenario me me.lua "/api/v1/me" "$OVERHEAD_CONNECTIONS" 1 ;;
    # shard writes without and with WS_CLIENTS WebSocket subscribers: closed-loop maximum and a
    # fixed WS_RATE/s with the delay from each event's occurredAt to its receipt (WsBench.java)
    websocket)
      wait_quiet
      log "websocket: java bench/WsBench.java --clients $WS_CLIENTS --endpoints $WS_ENDPOINTS --rate $WS_RATE --duration $DURATION --warmup $WARMUP"
      # with PROFILE=1, a JFR recording of the server during the fixed rate with subscribers
      "$JAVA" -Dwsbench.dir="$BENCH_DIR" "$BENCH_DIR/WsBench.java" --base "$BASE" --clients "$WS_CLIENTS" --endpoints "$WS_ENDPOINTS" \
        --rate "$WS_RATE" --duration "$DURATION" --warmup "$WARMUP" --server-pid "$SERVER_PID" --pg-pid "$PG_PID" \
        ${PROFILE:+$( [[ "$PROFILE" == 1 ]] && echo "--jfr $OUT/websocket.jfr")} >"$OUT/websocket.txt" 2>&1
      alive
      grep -E '^(RESULT|UNEXPECTED|CPU)' "$OUT/websocket.txt" | tee -a "$OUT/run.log" || true ;;
    # one nested page (50 accounts, their contacts and relationships) as one GraphQL query and as
    # the 101 REST calls a client makes for it, same concurrency, same run (GraphQlBench.java)
    graphql)
      wait_quiet
      log "graphql: java bench/GraphQlBench.java --concurrency $GRAPHQL_CONCURRENCY --duration $DURATION --warmup $WARMUP"
      "$JAVA" "$BENCH_DIR/GraphQlBench.java" --base "$BASE" --concurrency "$GRAPHQL_CONCURRENCY" --duration "$DURATION" \
        --warmup "$WARMUP" >"$OUT/graphql.txt" 2>&1
      alive
      grep -E '^(RESULT|UNEXPECTED|check)' "$OUT/graphql.txt" | tee -a "$OUT/run.log" || true ;;
    *) echo "unknown scenario $name (read, list, create, login, overhead, websocket, graphql)" >&2; exit 1 ;;
  esac
done

# 4. pgbench against the same PostgreSQL ------------------------------------------------------
if [[ "$PGBENCH" == 1 ]]; then
log "pgbench: initialising scale $PGBENCH_SCALE in database pgbench"
"${PSQL[@]}" -d postgres -c "drop database if exists pgbench" -c "create database pgbench"
pgbench -h localhost -p "$PG_PORT" -U postgres -i -q -s "$PGBENCH_SCALE" pgbench >"$OUT/pgbench-init.txt" 2>&1
"${PSQL[@]}" -d pgbench -c "vacuum analyze"
pgbench_run() {
  local name="$1" attempt; shift
  log "$name: pgbench -S -c $CONNECTIONS -j $THREADS -T $DURATION $*"
  pgbench -h localhost -p "$PG_PORT" -U postgres -S -c "$CONNECTIONS" -j "$THREADS" -T 5 "$@" pgbench >/dev/null 2>&1 || true  # warm-up
  for attempt in $(seq "$ATTEMPTS"); do
    wait_quiet
    pgbench -h localhost -p "$PG_PORT" -U postgres -S -c "$CONNECTIONS" -j "$THREADS" -T "$DURATION" "$@" pgbench >"$OUT/$name.txt" 2>&1 &
    local pgb_pid=$!
    python3 "$BENCH_DIR/cpu.py" --skip 3 --seconds $((DURATION - 6)) --out "$OUT/$name.cpu.txt" \
      "java=$SERVER_PID" "postgres=$PG_PID+" "pgbench=$pgb_pid" &
    local cpu_pid=$!
    wait "$pgb_pid"; wait "$cpu_pid"
    grep -E '^(tps|latency average|number of failed)' "$OUT/$name.txt" | tee -a "$OUT/run.log"
    echo "cpu $name: $(cat "$OUT/$name.cpu.txt")" | tee -a "$OUT/run.log"
    disturbed "$OUT/$name.cpu.txt" || return 0
    if (( attempt < ATTEMPTS )); then
      log "$name: other processes used the CPU during the measurement; measuring again"
      mv "$OUT/$name.txt" "$OUT/$name.disturbed-$attempt.txt"
      mv "$OUT/$name.cpu.txt" "$OUT/$name.disturbed-$attempt.cpu.txt"
    else
      log "WARNING: $name was disturbed by other processes in all $ATTEMPTS attempts; keeping the last"
    fi
  done
}
pgbench_run pgbench-S
pgbench_run pgbench-S-prepared -M prepared
fi

# 5. summary -----------------------------------------------------------------------------------
grep -E ' ERROR |Exception' "$OUT/server.log" | head -20 >"$OUT/server-errors.txt" || true
python3 - "$OUT" "$DURATION" "$CONNECTIONS" "$LOGIN_CONNECTIONS" "$OVERHEAD_CONNECTIONS" <<'PY' | tee "$OUT/summary.md"
import re, sys
out, duration, connections = sys.argv[1], sys.argv[2], sys.argv[3]
login_connections, overhead_connections = sys.argv[4], sys.argv[5]
def result(name):
    with open(f"{out}/{name}.txt") as f:
        line = next(l for l in f if l.startswith("RESULT"))
    return {k: v for k, v in (p.split("=", 1) for p in line.split()[1:])}
def cpu(name):
    with open(f"{out}/{name}.cpu.txt") as f:
        return f.read().strip()
def tps(name):
    with open(f"{out}/{name}.txt") as f:
        text = f.read()
    m = re.search(r"^tps = ([0-9.]+)", text, re.M)
    lat = re.search(r"^latency average = ([0-9.]+) ms", text, re.M)
    return float(m.group(1)), float(lat.group(1))
targets = {"read": ("≥ 3,000/s", 3000, 25), "create": ("≥ 800/s", 800, 50), "list": ("—", 0, 50)}
labels = {"read": "GET /shards/{id}", "create": "POST /shards",
          "list": "GET /shards?type=c_account&where=industry:eq:X&limit=50"}
rows = {}
import os
if any(os.path.exists(f"{out}/{n}.txt") for n in targets):
    print(f"| scenario (c={connections}, {duration} s) | req/s | p50 ms | p95 ms | p99 ms | max ms | non-2xx | target | met | CPU (100 % = 1 core) |")
    print("|---|---:|---:|---:|---:|---:|---:|---|---|---|")
for name in ["read", "create", "list"]:
    if not os.path.exists(f"{out}/{name}.txt"):
        continue
    r = rows[name] = result(name)
    text, rps_target, p99_target = targets[name]
    rps = float(r["ok_rps"]); p99 = float(r["p99_ms"])
    bad = int(r["bad"]) + int(r["timeouts"]) + int(r["connect_err"]) + int(r["read_err"])
    met = rps >= rps_target and p99 <= p99_target and bad == 0
    print(f"| {labels[name]} | {rps:,.0f} | {float(r['p50_ms']):.1f} | {float(r['p95_ms']):.1f} | {p99:.1f} | "
          f"{float(r['max_ms']):.0f} | {bad} | {text}, p99 ≤ {p99_target} ms | {'yes' if met else '**no**'} | {cpu(name)} |")
extra = {"login": f"POST /auth/login (c={login_connections})", "login-probe": "GET /health during the login storm (c=1)",
         "options-health": f"OPTIONS /health, no token (c={overhead_connections})",
         "options-api": f"OPTIONS /api/v1/me with a token: auth + rate limits (c={overhead_connections})",
         "health": f"GET /health, no token (c={overhead_connections})",
         "me": f"GET /api/v1/me with a token: auth + rate limits + 2 queries (c={overhead_connections})"}
present = [n for n in extra if os.path.exists(f"{out}/{n}.txt")]
if present:
    print()
    print(f"| scenario ({duration} s) | req/s | p50 ms | p95 ms | p99 ms | max ms | non-2xx | CPU (100 % = 1 core) |")
    print("|---|---:|---:|---:|---:|---:|---:|---|")
    for name in present:
        r = rows[name] = result(name)
        bad = int(r["bad"]) + int(r["timeouts"]) + int(r["connect_err"]) + int(r["read_err"])
        print(f"| {extra[name]} | {float(r['ok_rps']):,.1f} | {float(r['p50_ms']):.2f} | {float(r['p95_ms']):.2f} | "
              f"{float(r['p99_ms']):.2f} | {float(r['max_ms']):.0f} | {bad} | "
              f"{cpu(name.replace('-probe', '')) if os.path.exists(f'{out}/' + name.replace('-probe', '') + '.cpu.txt') else ''} |")
    for base, other in [("options-health", "options-api"), ("health", "me")]:
        if base in rows and other in rows:
            print(f"\np50 {other} - {base}: {float(rows[other]['p50_ms']) - float(rows[base]['p50_ms']):.3f} ms")
if not os.path.exists(f"{out}/pgbench-S.txt") or "read" not in rows:
    sys.exit(0)
simple, simple_lat = tps("pgbench-S")
prepared, prepared_lat = tps("pgbench-S-prepared")
reads = float(rows["read"]["ok_rps"])
print()
print("| pgbench (same PostgreSQL, scale 10) | tps | avg latency ms | our reads/s as a share of it | CPU |")
print("|---|---:|---:|---:|---|")
print(f"| pgbench -S -c {connections} -j 2 (simple protocol) | {simple:,.0f} | {simple_lat:.2f} | {100 * reads / simple:.1f} % (ratio {reads / simple:.3f}) | {cpu('pgbench-S')} |")
print(f"| pgbench -S -M prepared -c {connections} -j 2 | {prepared:,.0f} | {prepared_lat:.2f} | {100 * reads / prepared:.1f} % (ratio {reads / prepared:.3f}) | {cpu('pgbench-S-prepared')} |")
PY
log "server errors logged: $(wc -l <"$OUT/server-errors.txt") (see $OUT/server-errors.txt)"
[[ "${KEEP_DATA:-0}" == 1 ]] || rm -rf "$DATA"
log "results in $OUT"

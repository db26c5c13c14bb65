#!/usr/bin/env bash
# Embedded start time (issue 18): from launching the server to the first 200 on GET /health.
#
#   bench/startup/startup.sh                 # 5 starts, each with a fresh CASTIEL_HOME
#   MODE=existing bench/startup/startup.sh   # 5 restarts on one home
#
# Both first make one start per command that is not counted, on a home of its own (MODE=existing:
# the home the runs restart on): it puts the jar in the page cache and, with scripts/castiel, does what only the
# first start of a build does (extract the jar, record the class cache); its time is printed too.
#
# Knobs (environment): RUNS=5, MODE=fresh|existing, CMD (the launch command, run from the repository
# root; default: README.md's run command without the build), CMD_B (a second command: each run then
# starts CMD and CMD_B one after the other, for a before/after under the same conditions), WORK_DIR (homes go under it; default a
# temp dir), KEEP_LOGS=1 (keep each run's server log in $WORK_DIR), UNCOUNTED=0 (skip the uncounted
# first start). Each run gets a free port.
# Before each run it waits (up to QUIET_TIMEOUT=600 s) until the machine's other work uses less than
# QUIET_PCT=30 % of a core. Per run it prints the CPU time the server used until its first 200 (with
# initdb and pg_ctl, not PostgreSQL's own processes) and what the whole machine used meanwhile: a run
# where the machine used much more than the server shared the cores with other work.
# A server is stopped with SIGTERM (a normal shutdown: PostgreSQL stopped cleanly) after its first 200.
# Prints one line per run (seconds, plus Spring's own figures from the log) and the median and range.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
RUNS="${RUNS:-5}"
MODE="${MODE:-fresh}"
CMD="${CMD:-scripts/castiel}"
WORK_DIR="${WORK_DIR:-$(mktemp -d /tmp/castiel-startup.XXXXXX)}"
TIMEOUT="${TIMEOUT:-120}"
mkdir -p "$WORK_DIR"

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

now_ms() { date +%s%3N; }

# Busy CPU ticks of the whole machine (all cores), from /proc/stat.
machine_ticks() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9 }' /proc/stat; }

# CPU ticks of the processes in the server's process group (the launch command and the JVM), their
# threads and the children they have reaped (initdb, pg_ctl).
server_ticks() {
  python3 - "$1" <<'PY'
import os, sys
group, total = sys.argv[1], 0
for pid in filter(str.isdigit, os.listdir("/proc")):
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
    except OSError:
        continue
    if fields[2] == group:  # pgrp; then utime, stime, cutime, cstime
        total += sum(int(x) for x in fields[11:15])
print(total)
PY
}

TICK=$(getconf CLK_TCK)
QUIET_PCT="${QUIET_PCT:-30}"
QUIET_TIMEOUT="${QUIET_TIMEOUT:-600}"

# Waits (up to QUIET_TIMEOUT s) until the machine's other work uses less than QUIET_PCT % of one core over 3 s.
wait_quiet() {
  local waited=0 before after pct
  while true; do
    before=$(machine_ticks); sleep 3; after=$(machine_ticks)
    pct=$(( (after - before) * 100 / TICK / 3 ))
    if (( pct < QUIET_PCT )); then
      (( waited == 0 )) || echo "  (waited ${waited} s for a quiet machine)"
      return 0
    fi
    if (( waited >= QUIET_TIMEOUT )); then
      echo "  (machine still busy after ${waited} s: ${pct} % of a core; measuring anyway)"
      return 0
    fi
    sleep 2; waited=$((waited + 5))
  done
}

SERVER_PID=""
stop_server() {
  [[ -n "$SERVER_PID" ]] || return 0
  # The launch command may be a script: signal the whole process group it leads.
  kill -TERM -- "-$SERVER_PID" 2>/dev/null || true
  for _ in $(seq 1 300); do
    kill -0 "$SERVER_PID" 2>/dev/null || break
    sleep 0.1
  done
  kill -KILL -- "-$SERVER_PID" 2>/dev/null || true
  wait "$SERVER_PID" 2>/dev/null || true
  SERVER_PID=""
}
trap 'stop_server; [[ -n "${KEEP_LOGS:-}" ]] || rm -rf "$WORK_DIR"' EXIT

# Starts the server on $1 (home) and $2 (port), logging to $3; sets ELAPSED_MS to the ms to the first
# 200 on /health (a global, not output: SERVER_PID must survive for stop_server).
start_and_time() {
  local home="$1" port="$2" logfile="$3"
  local started machine_before
  started=$(now_ms)
  machine_before=$(machine_ticks)
  (cd "$ROOT" && CASTIEL_HOME="$home" SERVER_PORT="$port" exec setsid bash -c "exec $CMD" >"$logfile" 2>&1) &
  SERVER_PID=$!
  while true; do
    if curl -sf -o /dev/null --max-time 1 "http://127.0.0.1:$port/health"; then
      ELAPSED_MS=$(( $(now_ms) - started ))
      SERVER_CPU=$(echo "$(server_ticks "$SERVER_PID") / $TICK" | bc -l)
      MACHINE_CPU=$(echo "($(machine_ticks) - $machine_before) / $TICK" | bc -l)
      return 0
    fi
    if ! kill -0 "$SERVER_PID" 2>/dev/null; then
      echo "the server exited before serving; its log: $logfile" >&2
      tail -30 "$logfile" >&2
      return 1
    fi
    if (( $(now_ms) - started > TIMEOUT * 1000 )); then
      echo "no 200 on /health within $TIMEOUT s; its log: $logfile" >&2
      return 1
    fi
    sleep 0.05
  done
}

# Spring's "Started ... in X seconds (process running for Y)" and the embedded PostgreSQL's readiness.
log_figures() {
  local logfile="$1"
  local started pg
  started=$(grep -o 'Started [A-Za-z]* in [0-9.]* seconds (process running for [0-9.]*)' "$logfile" | head -1 \
    | sed -E 's/.* in ([0-9.]*) seconds \(process running for ([0-9.]*)\)/context \1 s, jvm \2 s/' || true)
  pg=$(grep -o 'ready in [0-9]* ms' "$logfile" | head -1 | sed 's/ready in/postgres/' || true)
  echo "${started:-?}; ${pg:-?}"
}

# With CMD_B set, each run starts CMD and then CMD_B (before and after, under the same conditions).
COMMANDS=("$CMD")
[[ -z "${CMD_B:-}" ]] || COMMANDS+=("$CMD_B")
echo "mode=$MODE runs=$RUNS"
for c in "${!COMMANDS[@]}"; do echo "command $c: ${COMMANDS[$c]}"; done
echo "load: $(uptime | sed 's/.*load average/load average/')"

if [[ "${UNCOUNTED:-1}" == 1 ]]; then
  for c in "${!COMMANDS[@]}"; do
    CMD="${COMMANDS[$c]}"
    HOME_DIR="$WORK_DIR/home-cmd$c"
    start_and_time "$HOME_DIR" "$(free_port)" "$WORK_DIR/uncounted-cmd$c.log"
    stop_server
    printf 'command %d, uncounted first start: %.2f s\n' "$c" "$(echo "$ELAPSED_MS / 1000" | bc -l)"
    if [[ "$MODE" == fresh && -z "${KEEP_LOGS:-}" ]]; then
      rm -rf "$HOME_DIR"
    fi
  done
fi

declare -A results
for i in $(seq 1 "$RUNS"); do
  for c in "${!COMMANDS[@]}"; do
    CMD="${COMMANDS[$c]}"
    HOME_DIR="$WORK_DIR/home-cmd$c"
    if [[ "$MODE" == fresh ]]; then
      HOME_DIR="$WORK_DIR/home-cmd$c-$i"
    fi
    logfile="$WORK_DIR/run-cmd$c-$i.log"
    wait_quiet
    start_and_time "$HOME_DIR" "$(free_port)" "$logfile"
    stop_server
    results[$c]+="$ELAPSED_MS "
    printf 'run %d, command %d: %6.2f s  cpu: server %5.1f s, machine %5.1f s  (%s)\n' "$i" "$c" \
      "$(echo "$ELAPSED_MS / 1000" | bc -l)" "$SERVER_CPU" "$MACHINE_CPU" "$(log_figures "$logfile")"
    if [[ "$MODE" == fresh && -z "${KEEP_LOGS:-}" ]]; then
      rm -rf "$HOME_DIR"
    fi
  done
done

for c in "${!COMMANDS[@]}"; do
  printf '%s\n' ${results[$c]} | sort -n | awk -v c="$c" '
    { v[NR] = $1 }
    END {
      median = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
      printf "command %d: median %.2f s, range %.2f-%.2f s (%d runs)\n", c, median / 1000, v[1] / 1000, v[NR] / 1000, NR
    }'
done
echo "load: $(uptime | sed 's/.*load average/load average/')"

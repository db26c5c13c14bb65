#!/usr/bin/env bash
# Runs OnnxExitReproduction RUNS times (default 40; SHUTDOWN_MS: how long the JVM's shutdown lasts,
# default 500; MODE=during-load: exit while the model loads; the exit comes DELAY_BASE (0) plus
# up to DELAY_SPREAD (200) ms after the workers start), each a JVM that exits while a thread embeds
# with the local ONNX model, and counts the runs that did not end with exit code 0 (a native crash
# at exit: SIGSEGV/SIGBUS in libonnxruntime.so, exit code 134, an hs_err file).
# Needs `mvn -q test-compile dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt
# -Dmdep.includeScope=test` in server/ first. CLASSES overrides target/classes (e.g. an old build).
set -u
cd "$(dirname "$0")/../../server" && SERVER=$(pwd)
RUNS=${RUNS:-40}
CLASSES=${CLASSES:-$SERVER/target/classes}
CP="$CLASSES:$SERVER/target/test-classes:$(cat target/test-classpath.txt)"
OUT=$(mktemp -d)
crashed=0
for i in $(seq 1 "$RUNS"); do
  delay=$(( ${DELAY_BASE:-0} + (i * 37) % ${DELAY_SPREAD:-200} ))
  (cd "$OUT" && nice -n 19 ionice -c3 java -XX:ErrorFile="$OUT/hs_err_$i.log" -cp "$CP" \
      io.castiel.search.internal.OnnxExitReproduction "$delay" "${SHUTDOWN_MS:-500}" "${MODE:-}" > "$OUT/run_$i.log" 2>&1)
  rc=$?
  if [ "$rc" -ne 0 ]; then
    crashed=$((crashed + 1))
    echo "run $i (exit after ${delay} ms): exit code $rc $(grep -m1 -h '^# C ' "$OUT/hs_err_$i.log" 2>/dev/null)"
  fi
done
echo "crashed: $crashed of $RUNS (logs in $OUT)"

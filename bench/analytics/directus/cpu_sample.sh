#!/usr/bin/env bash
# cpu_sample.sh CMD...: runs CMD and prints the machine's busy % (of 200 on 2 cores) and the Directus
# node process's CPU % over its run (from /proc/stat and /proc/<pid>/stat; catches PostgreSQL's
# short-lived parallel workers, which pidstat's averages miss).
set -euo pipefail
NODE=$(cat /tmp/peer/directus.pid)
tick=$(getconf CLK_TCK)
n1=$(awk '{print $14+$15}' /proc/$NODE/stat); s1=$(head -1 /proc/stat); t1=$(date +%s.%N)
"$@"
n2=$(awk '{print $14+$15}' /proc/$NODE/stat); s2=$(head -1 /proc/stat); t2=$(date +%s.%N)
python3 - "$s1" "$s2" "$n1" "$n2" "$t1" "$t2" "$tick" <<'PY'
import sys
a = list(map(int, sys.argv[1].split()[1:])); b = list(map(int, sys.argv[2].split()[1:]))
d = [y - x for x, y in zip(a, b)]; tot = sum(d); idle = d[3] + d[4]
wall = float(sys.argv[6]) - float(sys.argv[5]); node = (int(sys.argv[4]) - int(sys.argv[3])) / int(sys.argv[7]) / wall * 100
print(f"machine busy {200 * (tot - idle) / tot:.0f} % of 200 (user {200 * d[0] / tot:.0f}, system {200 * d[2] / tot:.0f}, "
      f"softirq {200 * d[6] / tot:.0f}, steal {200 * d[7] / tot:.0f}); directus node {node:.0f} %; the rest is PostgreSQL + the client")
PY

#!/usr/bin/env python3
"""GC pauses of the last SECONDS of a JVM's -Xlog:gc log: count, total and longest.

  gcpauses.py GC_LOG PID SECONDS
"""
import os
import re
import sys

path, pid, window = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
with open(f"/proc/{pid}/stat") as f:
    started = int(f.read().rsplit(")", 1)[1].split()[19]) / os.sysconf("SC_CLK_TCK")
with open("/proc/uptime") as f:
    jvm_uptime = float(f.read().split()[0]) - started   # the log's timestamps are JVM uptime
pauses = []
with open(path) as f:
    for line in f:
        m = re.match(r"\[([0-9.]+)s\].*Pause.* ([0-9.]+)ms$", line.strip())
        if m and float(m.group(1)) >= jvm_uptime - window:
            pauses.append(float(m.group(2)))
if pauses:
    print(f"{len(pauses)} pauses, {sum(pauses):.0f} ms in all, longest {max(pauses):.0f} ms")
else:
    print("none")

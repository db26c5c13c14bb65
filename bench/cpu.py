#!/usr/bin/env python3
"""Samples how the machine's CPU is split while a scenario runs.

  cpu.py --skip 3 --seconds 24 --out FILE name=PID[+] ...
  cpu.py --skip 0 --seconds 3 --quiet 15 name=PID[+] ...   (exit 1 if others are busy)

Reads /proc at start and end of the window. `name=PID` counts that process (and, for
the server, its threads); `name=PID+` counts the process, its live children and the
children it has already reaped (cutime/cstime), which is how PostgreSQL's backends
are charged to the postmaster. Percentages are of one core (the machine has N*100 %).
"""
import argparse
import os
import time

TICK = os.sysconf("SC_CLK_TCK")


def stat(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    # fields[0] is field 3 (state); utime=14, stime=15, cutime=16, cstime=17, ppid=4
    return int(fields[1]), int(fields[11]), int(fields[12]), int(fields[13]), int(fields[14])


def ticks(spec):
    tree = spec.endswith("+")
    pid = int(spec.rstrip("+"))
    try:
        _, utime, stime, cutime, cstime = stat(pid)
    except (FileNotFoundError, ProcessLookupError):
        return 0
    total = utime + stime
    if tree:
        total += cutime + cstime
        for entry in os.listdir("/proc"):
            if entry.isdigit():
                try:
                    ppid, cu, cs, _, _ = stat(int(entry))
                    if ppid == pid:
                        total += cu + cs
                except (FileNotFoundError, ProcessLookupError, ValueError, IndexError):
                    pass
    return total


def everyone():
    """Ticks of every live process (own time only), by pid, with its command name."""
    seen = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    text = f.read()
                name = text[text.index("(") + 1:text.rindex(")")]
                fields = text.rsplit(")", 1)[1].split()
                seen[int(entry)] = (name, int(fields[11]) + int(fields[12]), int(fields[1]))
            except (FileNotFoundError, ProcessLookupError, ValueError, IndexError):
                pass
    return seen


def machine():
    with open("/proc/stat") as f:
        values = [int(v) for v in f.readline().split()[1:]]
    idle = values[3] + values[4]
    return sum(values[:8]), idle


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--skip", type=float, default=3)
    parser.add_argument("--seconds", type=float, required=True)
    parser.add_argument("--out")
    parser.add_argument("--quiet", type=float, metavar="PCT",
                        help="only check: exit 1 if processes other than the named ones use more than PCT %% of a core")
    parser.add_argument("procs", nargs="*")
    args = parser.parse_args()
    named = dict(p.split("=", 1) for p in args.procs)
    time.sleep(args.skip)
    before = {name: ticks(spec) for name, spec in named.items()}
    all0 = everyone()
    total0, idle0 = machine()
    start = time.time()
    time.sleep(args.seconds)
    after = {name: ticks(spec) for name, spec in named.items()}
    all1 = everyone()
    total1, idle1 = machine()
    wall = time.time() - start
    cores = os.cpu_count()
    parts = [f"{name}={100 * (after[name] - before[name]) / TICK / wall:.0f}%" for name in named]
    busy = 100 * cores * (1 - (idle1 - idle0) / max(1, total1 - total0))
    # processes that are not ours (another build, say): they would skew the figures
    ours = {int(spec.rstrip("+")) for spec in named.values()}
    trees = {int(spec.rstrip("+")) for spec in named.values() if spec.endswith("+")}
    others = {}
    for pid, (name, t1, ppid) in all1.items():
        if pid in ours or ppid in trees or pid == os.getpid():
            continue
        t0 = all0[pid][1] if pid in all0 else 0
        name = name.split("/")[0] if name.startswith("kworker") else name
        others[name] = others.get(name, 0) + t1 - t0
    busiest = sorted(((t, n) for n, t in others.items() if t > 0), reverse=True)[:3]
    other_pct = 100 * sum(others.values()) / TICK / wall
    detail = ",".join(f"{n}:{100 * t / TICK / wall:.0f}%" for t, n in busiest)
    if args.quiet is not None:
        print(f"other processes: {other_pct:.0f}%" + (f" ({detail})" if detail else ""))
        raise SystemExit(0 if other_pct <= args.quiet else 1)
    ours_pct = sum(100 * (after[name] - before[name]) / TICK / wall for name in named)
    # interrupts/softirq (loopback networking) and processes that started and ended inside the window
    unattributed = max(0.0, busy - ours_pct - other_pct)
    with open(args.out, "w") as f:
        f.write(" ".join(parts) + f" other_processes={other_pct:.0f}%" + (f" ({detail})" if detail else "")
                + f" unattributed={unattributed:.0f}% machine_busy={busy:.0f}% of {cores * 100}%\n")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Where a server's CPU samples went, from a JFR recording: by thread group and, per group, by the
first frame in our code (io.castiel) or else the top frame.

  python3 bench/jfrthreads.py results/<stamp>/websocket.jfr [--top 8]

Thread groups are thread names without their trailing numbers (webhook-worker-3 -> webhook-worker).
Needs `jfr` of the JDK that recorded (Temurin 25 by default).
"""
import argparse
import collections
import json
import os
import re
import subprocess

JFR = os.environ.get("JFR", "/usr/lib/jvm/temurin-25-jdk-amd64/bin/jfr")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("recording")
    parser.add_argument("--top", type=int, default=8)
    args = parser.parse_args()
    out = subprocess.run([JFR, "print", "--json", "--stack-depth", "64", "--events", "jdk.ExecutionSample", args.recording],
                         check=True, capture_output=True, text=True).stdout
    events = json.loads(out)["recording"]["events"]
    groups = collections.Counter()
    frames = collections.defaultdict(collections.Counter)
    for event in events:
        thread = event["values"].get("sampledThread") or {}
        name = thread.get("javaName") or thread.get("osName") or "?"
        group = re.sub(r"[-#\s]*\d+$", "", name) or name
        groups[group] += 1
        stack = (event["values"].get("stackTrace") or {}).get("frames") or []

        def label(frame):
            method = frame["method"]
            return method["type"]["name"].split(".")[-1] + "." + method["name"]

        ours = next((f for f in stack if f["method"]["type"]["name"].startswith("io.castiel")), None)
        top = label(stack[0]) if stack else "?"
        frames[group][(label(ours) + " > " if ours else "") + top] += 1
    total = sum(groups.values())
    print(f"{total} samples")
    for group, count in groups.most_common():
        print(f"{100.0 * count / total:5.1f} %  {group}")
        for frame, n in frames[group].most_common(args.top):
            print(f"          {100.0 * n / total:5.1f} %  {frame}")


if __name__ == "__main__":
    main()

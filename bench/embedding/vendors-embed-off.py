#!/usr/bin/env python3
"""The peer comparison's setting (issue 23, point 3): the `vendors` type of ../shared/bench-peers
says that its shards are not embedded (`embed: false`), so Castiel's creates, like Directus', do
no embedding work afterwards, and no test waits for a drain.

  python3 bench/embedding/vendors-embed-off.py --url http://127.0.0.1:8055 --key "$(cat "$PEER/castiel.key")" [--type vendors] [--on]

Run it after seed-castiel.sh (which creates the type with embedding on): it reads the type and
puts it back with `embed: false` (`--on`: true). Turning it off drops the vectors of the shards
already embedded (the workers remove their chunks, without the model); their embeddingStatus
becomes `none` at once. A seed that creates the type can pass `"embed": false` in its
`POST /shard-types` body instead.
"""
import argparse
import json
import sys
import urllib.error
import urllib.request


def call(url, method, key, body=None):
    request = urllib.request.Request(url, method=method, data=None if body is None else json.dumps(body).encode())
    request.add_header("Authorization", "Bearer " + key)
    request.add_header("Accept", "application/json")
    if body is not None:
        request.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, json.loads(response.read() or b"null")
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode(errors="replace")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url", required=True, help="Castiel's base URL (without /api/v1)")
    parser.add_argument("--key", required=True, help="an admin API key or access token")
    parser.add_argument("--type", default="vendors")
    parser.add_argument("--on", action="store_true", help="embed the type's shards again")
    args = parser.parse_args()
    base = args.url.rstrip("/") + "/api/v1/shard-types/" + args.type
    status, current = call(base, "GET", args.key)
    if status != 200:
        sys.exit(f"GET {base}: {status} {current}")
    body = {k: current[k] for k in ("name", "displayName", "description", "parentType", "schema", "embedFields") if current.get(k) is not None}
    body["embed"] = args.on
    status, answer = call(base, "PUT", args.key, body)
    if status != 200:
        sys.exit(f"PUT {base}: {status} {answer}")
    print(f"{args.type}: embed {answer['embed']}")


if __name__ == "__main__":
    main()

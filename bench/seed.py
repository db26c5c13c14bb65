#!/usr/bin/env python3
"""Seeds the benchmark data set and hands out access tokens (standard library only).

  seed.py seed   --base URL --out DIR [--tenants 10] [--per-tenant 10000] [--batch 1000]
      registers the tenants, bulk-creates the c_account shards, writes DIR/ids.txt
      ("<tenant> <shard id>" per line) and DIR/tokens.txt ("<tenant> <access token>").
  seed.py tokens --base URL --out DIR [--tenants 10]
      logs every tenant in again and rewrites DIR/tokens.txt (access tokens live 15 minutes).
  seed.py check  --base URL --out DIR
      one GET, one filtered list and one POST per tenant, checked for status and page size.
  seed.py users  --base URL --out DIR [--users 200]
      registers USERS more people (each the owner of a small tenant of its own) for the login
      scenario and writes DIR/logins.txt ("<email> <password>").

The data are deterministic (random.Random(42)) so two runs seed the same shards.
"""
import argparse
import concurrent.futures
import json
import random
import sys
import time
import urllib.error
import urllib.request

PASSWORD = "bench-password-0123456789"
INDUSTRIES = ["Manufacturing", "Software", "Healthcare", "Finance", "Retail",
              "Energy", "Education", "Logistics", "Media", "Agriculture"]
COUNTRIES = ["US", "DE", "FR", "GB", "JP", "BR", "IN", "CA", "AU", "NL"]
WORDS = ("customer renewal pipeline quarterly meeting budget procurement contract onboarding "
         "integration support escalation roadmap pricing discount expansion churn champion").split()


def email(tenant):
    return f"bench-owner-{tenant}@bench.example.com"


def call(base, method, path, body=None, token=None, timeout=120):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(base + path, data=data, method=method)
    request.add_header("Accept", "application/json")
    if data is not None:
        request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", "Bearer " + token)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, json.loads(response.read() or b"null")
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode(errors="replace")


def expect(status, body, wanted, what):
    if status != wanted:
        sys.exit(f"{what}: expected {wanted}, got {status}: {str(body)[:500]}")
    return body


def account(rng, n):
    name = f"{rng.choice(['Acme', 'Globex', 'Initech', 'Umbrella', 'Stark', 'Wayne', 'Hooli', 'Vandelay'])} {n}"
    return {
        "shardType": "c_account",
        "structuredData": {
            "name": name,
            "industry": rng.choice(INDUSTRIES),
            "employees": rng.randint(1, 50000),
            "country": rng.choice(COUNTRIES),
        },
        "unstructuredData": {"text": " ".join(rng.choice(WORDS) for _ in range(20))},
    }


def login(base, tenant):
    body = expect(*call(base, "POST", "/api/v1/auth/login", {"email": email(tenant), "password": PASSWORD}), 200,
                  f"login tenant {tenant}")
    return body["accessToken"]


def write_tokens(base, out, tenants):
    with concurrent.futures.ThreadPoolExecutor(max_workers=tenants) as pool:
        tokens = list(pool.map(lambda t: login(base, t), range(tenants)))
    with open(f"{out}/tokens.txt", "w") as f:
        for tenant, token in enumerate(tokens):
            f.write(f"{tenant} {token}\n")
    return tokens


def seed(args):
    started = time.time()
    tokens = []
    for tenant in range(args.tenants):
        status, body = call(args.base, "POST", "/api/v1/auth/register", {
            "tenantName": f"Bench Tenant {tenant}", "email": email(tenant), "password": PASSWORD,
            "name": f"Bench Owner {tenant}"})
        if status == 201:
            tokens.append(body["accessToken"])
        else:  # already registered (a reused CASTIEL_HOME): log in instead
            tokens.append(login(args.base, tenant))
    rng = random.Random(42)
    batches = []
    for tenant in range(args.tenants):
        for start in range(0, args.per_tenant, args.batch):
            items = [account(rng, start + k) for k in range(min(args.batch, args.per_tenant - start))]
            batches.append((tenant, items))

    def send(job):
        tenant, items = job
        status, body = call(args.base, "POST", "/api/v1/shards/bulk", {"items": items}, tokens[tenant])
        expect(status, body, 200, f"bulk tenant {tenant}")
        failed = [r for r in body["results"] if r.get("status") != 201]
        if failed:
            sys.exit(f"bulk tenant {tenant}: {len(failed)} items failed, first: {failed[0]}")
        return tenant, [r["id"] for r in body["results"]]

    ids = []
    with concurrent.futures.ThreadPoolExecutor(max_workers=args.workers) as pool:
        for tenant, created in pool.map(send, batches):
            ids.extend((tenant, i) for i in created)
    with open(f"{args.out}/ids.txt", "w") as f:
        for tenant, shard_id in ids:
            f.write(f"{tenant} {shard_id}\n")
    write_tokens(args.base, args.out, args.tenants)
    elapsed = time.time() - started
    print(f"seeded {len(ids)} shards in {args.tenants} tenants in {elapsed:.1f} s ({len(ids) / elapsed:.0f} shards/s)")


def check(args):
    tokens = {}
    with open(f"{args.out}/tokens.txt") as f:
        for line in f:
            tenant, token = line.split()
            tokens[int(tenant)] = token
    first = {}
    with open(f"{args.out}/ids.txt") as f:
        for line in f:
            tenant, shard_id = line.split()
            first.setdefault(int(tenant), shard_id)
    for tenant, token in tokens.items():
        expect(*call(args.base, "GET", f"/api/v1/shards/{first[tenant]}", token=token), 200, f"read tenant {tenant}")
        other = first[(tenant + 1) % len(tokens)]
        status, _ = call(args.base, "GET", f"/api/v1/shards/{other}", token=token)
        if len(tokens) > 1 and status != 404:
            sys.exit(f"tenant {tenant} reading another tenant's shard: expected 404, got {status}")
        page = expect(*call(args.base, "GET", "/api/v1/shards?type=c_account&where=industry:eq:Software&limit=50",
                            token=token), 200, f"list tenant {tenant}")
        if len(page["items"]) != 50 or any(s["structuredData"]["industry"] != "Software" for s in page["items"]):
            sys.exit(f"list tenant {tenant}: expected 50 Software accounts, got {len(page['items'])}")
        expect(*call(args.base, "POST", "/api/v1/shards", account(random.Random(tenant), 0), token), 201,
               f"create tenant {tenant}")
    print(f"check ok: reads 200, foreign read 404, filtered list 50 items, create 201 for {len(tokens)} tenants")


def users(args):
    started = time.time()

    def register(n):
        address = f"bench-login-{n}@bench.example.com"
        status, body = call(args.base, "POST", "/api/v1/auth/register", {
            "tenantName": f"Login Bench {n}", "email": address, "password": PASSWORD, "name": f"Login {n}"})
        if status != 201:  # already registered (a reused CASTIEL_HOME): it must still log in
            expect(*call(args.base, "POST", "/api/v1/auth/login", {"email": address, "password": PASSWORD}), 200,
                   f"login user {n}")
        return address

    with concurrent.futures.ThreadPoolExecutor(max_workers=args.workers) as pool:
        addresses = list(pool.map(register, range(args.users)))
    with open(f"{args.out}/logins.txt", "w") as f:
        for address in addresses:
            f.write(f"{address} {PASSWORD}\n")
    print(f"registered {len(addresses)} login users in {time.time() - started:.1f} s")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("command", choices=["seed", "tokens", "check", "users"])
    parser.add_argument("--base", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--tenants", type=int, default=10)
    parser.add_argument("--per-tenant", type=int, default=10000)
    parser.add_argument("--batch", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--users", type=int, default=200)
    args = parser.parse_args()
    if args.command == "seed":
        seed(args)
    elif args.command == "users":
        users(args)
    elif args.command == "tokens":
        write_tokens(args.base, args.out, args.tenants)
    else:
        check(args)


if __name__ == "__main__":
    main()

#!/usr/bin/env node
/**
 * A tenant with 100,000 shards of one type and a default dashboard over them, for render-time.mjs
 * and Lighthouse. Registers a fresh tenant (its owner's email and password are printed and written
 * to bench/.seed.json), creates the type `bench_deal`, then `POST /shards/bulk` in batches of 1,000
 * (API.md's limit per request), then a dashboard (a KPI, a bar chart, a table) set as the owner's
 * default.
 *
 *   node bench/seed-100k.mjs --url http://localhost:8080 [--count 100000]
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const index = args.indexOf(`--${name}`);
  return index >= 0 ? args[index + 1] : fallback;
};
const base = option("url", process.env.CASTIEL_URL ?? "http://localhost:8080");
const count = Number(option("count", "100000"));
const BATCH = 1000;
const TYPE = "bench_deal";

const unique = Date.now().toString(36);
const owner = { email: `bench-${unique}@bench.example`, password: "correct horse battery staple", name: "Bench Owner", tenantName: `Bench ${unique}` };
let tokens = {};

async function request(method, apiPath, body, retried = false) {
  const response = await fetch(`${base}/api/v1${apiPath}`, {
    method,
    headers: { "Content-Type": "application/json", ...(tokens.accessToken && { Authorization: `Bearer ${tokens.accessToken}` }) },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  if (response.status === 401 && !retried && tokens.refreshToken) {
    // Seeding outlasts an access token (15 min): refresh with the body token and go on.
    const refreshed = await fetch(`${base}/api/v1/auth/refresh`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ refreshToken: tokens.refreshToken }),
    });
    if (!refreshed.ok) throw new Error(`refresh: ${refreshed.status} ${await refreshed.text()}`);
    tokens = await refreshed.json();
    return request(method, apiPath, body, true);
  }
  if (response.status === 429) {
    const wait = Number(response.headers.get("Retry-After") ?? "1");
    await new Promise((resolve) => setTimeout(resolve, wait * 1000));
    return request(method, apiPath, body, retried);
  }
  if (!response.ok) throw new Error(`${method} ${apiPath}: ${response.status} ${await response.text()}`);
  return response.status === 204 ? undefined : response.json();
}

const STAGES = ["lead", "qualified", "proposal", "won", "lost"];
const REGIONS = ["north", "south", "east", "west"];

function deal(n) {
  return {
    shardType: TYPE,
    structuredData: {
      name: `Deal ${String(n).padStart(6, "0")}`,
      amount: (n * 7919) % 100_000,
      stage: STAGES[n % STAGES.length],
      region: REGIONS[(n >> 3) % REGIONS.length],
      closeDate: new Date(Date.UTC(2026, n % 12, 1 + (n % 28))).toISOString().slice(0, 10),
    },
  };
}

const started = Date.now();
tokens = await request("POST", "/auth/register", owner);
await request("POST", "/shard-types", {
  name: TYPE,
  displayName: "Bench deal",
  schema: {
    type: "object",
    properties: {
      name: { type: "string" },
      amount: { type: "number" },
      stage: { type: "string", enum: STAGES },
      region: { type: "string", enum: REGIONS },
      closeDate: { type: "string", format: "date" },
    },
    required: ["name"],
  },
});

let created = 0;
let failed = 0;
for (let first = 0; first < count; first += BATCH) {
  const items = Array.from({ length: Math.min(BATCH, count - first) }, (_, i) => deal(first + i));
  const { results } = await request("POST", "/shards/bulk", { items });
  for (const result of results) {
    if (result.status >= 200 && result.status < 300) created++;
    else failed++;
  }
  if ((first / BATCH) % 10 === 9 || first + BATCH >= count) {
    const seconds = (Date.now() - started) / 1000;
    console.log(`${created} created, ${failed} failed, ${seconds.toFixed(0)} s (${(created / seconds).toFixed(0)}/s)`);
  }
}

const dashboard = await request("POST", "/dashboards", {
  name: "Bench pipeline",
  visibility: "private",
  layout: [
    { widgetId: "deals", x: 0, y: 0, w: 4, h: 2 },
    { widgetId: "by-stage", x: 4, y: 0, w: 8, h: 4 },
    { widgetId: "by-region", x: 0, y: 2, w: 4, h: 4 },
  ],
  widgets: [
    { id: "deals", kind: "kpi", title: "Deals", query: { shardType: TYPE, measures: [{ fn: "count", as: "deals" }] } },
    { id: "by-stage", kind: "bar", title: "Amount by stage", query: { shardType: TYPE, groupBy: ["stage"], measures: [{ fn: "sum", field: "amount", as: "amount" }] } },
    { id: "by-region", kind: "table", title: "Deals by region", query: { shardType: TYPE, groupBy: ["region"], measures: [{ fn: "count", as: "deals" }] } },
  ],
});
await request("PUT", "/me/default-dashboard", { dashboardId: dashboard.id });

const seed = { url: base, email: owner.email, password: owner.password, shardType: TYPE, dashboardId: dashboard.id, shards: created };
writeFileSync(path.join(here, ".seed.json"), JSON.stringify(seed, null, 2) + "\n");
console.log(JSON.stringify(seed));

#!/usr/bin/env node
/**
 * Time to first content with a big tenant (issue 20: ≤ 1.5 s with 100k shards), in Debian's
 * chromium: signs in once, then loads each page afresh (a full navigation: the app's startup,
 * the session refresh, the route's code and data) `--runs` times after one warm-up, and reports
 * the median and the maximum of the time from navigation start (performance.timeOrigin) to:
 *   - shard list: the first data row's first cell of `/shards?type=<type>`;
 *   - dashboard: the first widget of the default dashboard (home page) showing its data: a KPI value,
 *     a chart's drawing or a table cell (`--widget-selector`).
 * The moment is taken in the page by a MutationObserver (performance.now() and a performance.mark),
 * not by the test driver's polling.
 *
 *   node bench/render-time.mjs [--url U --email E --password P --type T]   (defaults from bench/.seed.json)
 *     [--runs 5] [--list-path /shards?type=<type>] [--dashboard-path /]
 *     [--row-selector 'tbody tr[data-index] td'] [--widget-selector '[data-widget-id] :is(...)']
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const here = path.dirname(fileURLToPath(import.meta.url));
const seedFile = path.join(here, ".seed.json");
const seed = existsSync(seedFile) ? JSON.parse(readFileSync(seedFile, "utf8")) : {};
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const index = args.indexOf(`--${name}`);
  return index >= 0 ? args[index + 1] : fallback;
};
const base = option("url", seed.url ?? "http://localhost:8080");
const email = option("email", seed.email);
const password = option("password", seed.password);
const type = option("type", seed.shardType ?? "bench_deal");
const runs = Number(option("runs", "5"));
const targets = [
  {
    name: "shard list, first rows",
    path: option("list-path", `/shards?type=${type}`),
    selector: option("row-selector", "tbody tr[data-index] td"),
  },
  {
    name: "default dashboard, first widget",
    path: option("dashboard-path", "/"),
    selector: option("widget-selector", "[data-widget-id] :is([data-testid=kpi-value], svg[data-chart], tbody td)"),
  },
];
if (!email || !password) throw new Error("no --email/--password and no bench/.seed.json: run bench/seed-100k.mjs first");

/** Runs in the page before its scripts: notes when `selector` first matches. */
function watchFor(selector) {
  const note = () => {
    if (window.__benchFirst === undefined && document.querySelector(selector)) {
      window.__benchFirst = performance.now();
      performance.mark("bench:first-content");
      observer.disconnect();
    }
  };
  const observer = new MutationObserver(note);
  observer.observe(document, { childList: true, subtree: true, attributes: true });
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
});
const results = [];
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const signIn = await context.newPage();
  await signIn.goto(new URL("/sign-in", base).toString());
  await signIn.getByLabel("Email").fill(email);
  await signIn.getByLabel("Password", { exact: true }).fill(password);
  await signIn.getByRole("button", { name: "Sign in" }).click();
  await signIn.getByRole("navigation", { name: "Main" }).waitFor();
  await signIn.close();

  for (const target of targets) {
    const times = [];
    for (let run = 0; run <= runs; run++) {
      const page = await context.newPage();
      await page.addInitScript(watchFor, target.selector);
      await page.goto(new URL(target.path, base).toString());
      await page.locator(target.selector).first().waitFor({ timeout: 30_000 });
      const time = await page.evaluate(() => window.__benchFirst ?? performance.now());
      await page.close();
      if (run > 0) times.push(time); // run 0 warms the server's caches and the browser's HTTP cache
    }
    const result = { page: target.name, path: target.path, runs: times.length, medianMs: Math.round(median(times)), maxMs: Math.round(Math.max(...times)), timesMs: times.map(Math.round) };
    results.push(result);
    console.log(`${target.name} (${target.path}): median ${result.medianMs} ms, max ${result.maxMs} ms over ${times.length} runs [${result.timesMs.join(", ")}]`);
  }
} finally {
  await browser.close();
}
console.log(JSON.stringify({ url: base, budgetMs: 1500, results }));

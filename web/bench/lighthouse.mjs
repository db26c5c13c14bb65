#!/usr/bin/env node
/**
 * Lighthouse (performance and accessibility; issue 20: both ≥ 90) on the sign-in page and the
 * signed-in default dashboard, in Debian's chromium (--headless --no-sandbox --disable-gpu).
 * The dashboard needs a session: puppeteer signs in in the same browser first, and Lighthouse
 * then runs with storage reset off, so the app's startup refresh finds the HttpOnly cookie.
 *
 *   cd web/bench && npm ci
 *   node lighthouse.mjs --url http://localhost:8080 [--desktop] [--only sign-in|dashboard]
 *     [--email E --password P] (defaults from .seed.json) [--dashboard-path /] (the home page: the default dashboard)
 *
 * Lighthouse's default is a throttled mobile run (slow 4G, 4x CPU slowdown, simulated);
 * --desktop uses its desktop preset. Reports go to bench/reports/<page>-<preset>.html and .json.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
import desktopConfig from "lighthouse/core/config/desktop-config.js";
import puppeteer from "puppeteer-core";

const here = path.dirname(fileURLToPath(import.meta.url));
const seedFile = path.join(here, ".seed.json");
const seed = existsSync(seedFile) ? JSON.parse(readFileSync(seedFile, "utf8")) : {};
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const index = args.indexOf(`--${name}`);
  return index >= 0 ? args[index + 1] : fallback;
};
const base = option("url", seed.url ?? "http://localhost:8080");
const desktop = args.includes("--desktop");
const only = option("only", undefined);
const email = option("email", seed.email);
const password = option("password", seed.password);
const dashboardPath = option("dashboard-path", "/");
const preset = desktop ? "desktop" : "mobile";
const reports = path.join(here, "reports");
mkdirSync(reports, { recursive: true });

const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  chromeFlags: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
});

async function audit(name, url, page) {
  const flags = {
    port: chrome.port,
    output: ["html", "json"],
    logLevel: "error",
    onlyCategories: ["performance", "accessibility"],
    ...(page && { disableStorageReset: true }),
  };
  const result = await lighthouse(url, flags, desktop ? desktopConfig : undefined, page);
  if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
  const [html, json] = result.report;
  writeFileSync(path.join(reports, `${name}-${preset}.html`), html);
  writeFileSync(path.join(reports, `${name}-${preset}.json`), json);
  const { categories, audits, finalDisplayedUrl } = result.lhr;
  const score = (category) => Math.round((categories[category]?.score ?? 0) * 100);
  const metric = (id) => audits[id]?.displayValue ?? "-";
  const line = {
    page: name,
    preset,
    url: finalDisplayedUrl,
    performance: score("performance"),
    accessibility: score("accessibility"),
    fcp: metric("first-contentful-paint"),
    lcp: metric("largest-contentful-paint"),
    tbt: metric("total-blocking-time"),
    cls: metric("cumulative-layout-shift"),
  };
  console.log(JSON.stringify(line));
  return line;
}

try {
  if (!only || only === "sign-in") {
    await audit("sign-in", new URL("/sign-in", base).toString());
  }
  if (!only || only === "dashboard") {
    if (!email || !password) throw new Error("the dashboard needs --email and --password (or bench/.seed.json from seed-100k.mjs)");
    const browser = await puppeteer.connect({ browserURL: `http://127.0.0.1:${chrome.port}` });
    const page = await browser.newPage();
    await page.goto(new URL("/sign-in", base).toString(), { waitUntil: "networkidle0" });
    await page.locator("input[type=email], input[name=email]").fill(email);
    await page.locator("input[type=password]").fill(password);
    await Promise.all([page.waitForSelector('nav[aria-label="Main"]'), page.locator("button[type=submit]").click()]);
    await audit("dashboard", new URL(dashboardPath, base).toString(), page);
    await browser.disconnect();
  }
} finally {
  await chrome.kill();
}

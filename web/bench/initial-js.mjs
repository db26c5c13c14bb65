#!/usr/bin/env node
/**
 * The JavaScript the sign-in route loads, gzipped (issue 20's budget: 200 KB).
 *
 *   node bench/initial-js.mjs [build dir]          static: index.html's module script and preloads,
 *                                                   plus the sign-in page chunk and its static imports
 *   node bench/initial-js.mjs --url http://localhost:8080
 *                                                   in Debian's chromium: every JS file /sign-in loads
 *
 * The build dir defaults to $WEB_OUT_DIR, else ../server/target/classes/webapp (npm run build's output).
 * Each file is measured as `gzip -9` would (zlib level 9), whatever the server sends.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const here = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const urlIndex = args.indexOf("--url");

const gz = (bytes) => gzipSync(bytes, { level: 9 }).length;

function report(files) {
  let raw = 0;
  let zipped = 0;
  const rows = files.map(({ name, bytes }) => {
    const size = gz(bytes);
    raw += bytes.length;
    zipped += size;
    return { name, raw: bytes.length, gzipped: size };
  });
  rows.sort((a, b) => b.gzipped - a.gzipped);
  for (const row of rows) console.log(`${String(row.gzipped).padStart(9)}  ${String(row.raw).padStart(9)}  ${row.name}`);
  console.log(`${String(zipped).padStart(9)}  ${String(raw).padStart(9)}  total (gzipped, raw bytes) = ${(zipped / 1024).toFixed(1)} KiB gzipped`);
  console.log(JSON.stringify({ files: rows.length, rawBytes: raw, gzippedBytes: zipped, budgetBytes: 200_000, withinBudget: zipped <= 200_000 }));
}

/** Static imports of a built chunk (`import{a}from"./x.js"`, `import"./x.js"`), not dynamic `import("./x.js")`. */
function staticImports(source) {
  const found = new Set();
  const pattern = /(?:^|[;}\s])(?:import|export)\s*(?:[\w*{}\s,$]*?from\s*)?["'](\.\/[^"']+\.js)["']/g;
  for (const match of source.matchAll(pattern)) found.add(match[1]);
  return [...found];
}

function staticMeasure(dir) {
  const html = readFileSync(path.join(dir, "index.html"), "utf8");
  const entries = [
    ...[...html.matchAll(/<script[^>]*type="module"[^>]*src="([^"]+)"/g)].map((m) => m[1]),
    ...[...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g)].map((m) => m[1]),
  ];
  const assets = path.join(dir, "assets");
  const signIn = readdirSync(assets).filter((file) => /^sign-in-page-.*\.js$/.test(file));
  if (signIn.length !== 1) throw new Error(`expected one sign-in-page-*.js chunk in ${assets}, found ${signIn.length}`);
  const queue = [...entries.map((href) => path.join(dir, href.replace(/^\//, ""))), path.join(assets, signIn[0])];
  const seen = new Map();
  while (queue.length > 0) {
    const file = queue.shift();
    if (seen.has(file)) continue;
    const bytes = readFileSync(file);
    seen.set(file, bytes);
    for (const imported of staticImports(bytes.toString("utf8"))) queue.push(path.join(path.dirname(file), imported));
  }
  report([...seen].map(([file, bytes]) => ({ name: path.relative(dir, file), bytes })));
}

async function browserMeasure(base) {
  const { chromium } = await import("playwright-core");
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
  });
  try {
    const page = await browser.newPage();
    const scripts = new Map();
    page.on("response", async (response) => {
      const url = response.url();
      if (response.request().resourceType() === "script" || /\.m?js(\?|$)/.test(url)) {
        scripts.set(url, response.body().catch(() => Buffer.alloc(0)));
      }
    });
    await page.goto(new URL("/sign-in", base).toString(), { waitUntil: "load" });
    await page.getByRole("button", { name: "Sign in" }).waitFor();
    // Whatever the page fetches on its own once shown (preloads on intent are not counted: no hover).
    await page.waitForTimeout(1500);
    const files = [];
    for (const [url, body] of scripts) files.push({ name: new URL(url).pathname, bytes: await body });
    report(files);
  } finally {
    await browser.close();
  }
}

if (urlIndex >= 0) {
  await browserMeasure(args[urlIndex + 1]);
} else {
  const dir = path.resolve(args[0] ?? process.env.WEB_OUT_DIR ?? path.join(here, "../../server/target/classes/webapp"));
  if (!existsSync(path.join(dir, "index.html"))) throw new Error(`no index.html in ${dir}: run npm run build (or pass the build dir)`);
  staticMeasure(dir);
}

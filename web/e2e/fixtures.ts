/**
 * What every end-to-end test builds on: the server's URL, a fresh tenant per test (signed up
 * through the API, so tests never depend on each other), a signed-in page, the mail outbox, an
 * accessibility check with axe-core, screenshots of a page in both widths and themes, and a
 * guard that fails the test on any Content-Security-Policy violation or uncaught page error.
 */
import { test as base, expect, type APIRequestContext, type Page } from "@playwright/test";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

export type Tenant = {
  email: string;
  password: string;
  name: string;
  tenantName: string;
  /** An access token of the owner, for setting data up through the API. */
  token: string;
};

let counter = 0;

export function serverUrl(): string {
  const url = process.env.CASTIEL_E2E_URL;
  if (!url) throw new Error("CASTIEL_E2E_URL is not set: the global setup did not start a server");
  return url;
}

/** Registers a new tenant and its owner. */
export async function signUpTenant(request: APIRequestContext, label = "e2e"): Promise<Tenant> {
  const unique = `${Date.now().toString(36)}${(counter++).toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const tenant = {
    email: `owner-${unique}@${label}.example`,
    password: "correct horse battery staple",
    name: "Ada Owner",
    tenantName: `Acme ${unique}`,
  };
  const response = await request.post(`${serverUrl()}/api/v1/auth/register`, { data: tenant });
  expect(response.status(), await response.text()).toBe(201);
  const { accessToken } = (await response.json()) as { accessToken: string };
  return { ...tenant, token: accessToken };
}

/** Calls the API as the tenant's owner (setting data up faster than through the pages). */
export async function api<T = unknown>(request: APIRequestContext, tenant: Tenant, method: string, apiPath: string, data?: unknown): Promise<T> {
  const response = await request.fetch(`${serverUrl()}/api/v1${apiPath}`, {
    method,
    headers: { Authorization: `Bearer ${tenant.token}` },
    ...(data !== undefined && { data }),
  });
  expect(response.ok(), `${method} ${apiPath}: ${response.status()} ${await response.text()}`).toBeTruthy();
  return (response.status() === 204 ? undefined : await response.json()) as T;
}

/** Signs in through the sign-in page and waits for the app shell. */
export async function signIn(page: Page, tenant: Pick<Tenant, "email" | "password">) {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(tenant.email);
  await page.getByLabel("Password", { exact: true }).fill(tenant.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
}

/** The newest mail in the server's outbox sent to `to` (embedded mode writes .eml files), waiting up to 10 s. */
export async function latestMail(to: string): Promise<string> {
  const home = process.env.CASTIEL_E2E_HOME;
  if (!home) throw new Error("CASTIEL_E2E_HOME is not set: the outbox of an external server is unknown");
  const outbox = path.join(home, "outbox");
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    let files: string[] = [];
    try {
      files = readdirSync(outbox).filter((file) => file.endsWith(".eml"));
    } catch {
      // no mail yet
    }
    const mails = files
      .map((file) => path.join(outbox, file))
      .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)
      .map((file) => readFileSync(file, "utf8"))
      .filter((mail) => mail.toLowerCase().includes(to.toLowerCase()));
    // Only a quoted-printable mail is decoded: in a 7bit one "?token=AA…" would lose its "=AA".
    if (mails[0]) return /^Content-Transfer-Encoding:\s*quoted-printable/im.test(mails[0]) ? decodeQuotedPrintable(mails[0]) : mails[0];
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`no mail to ${to} in ${outbox}`);
}

function decodeQuotedPrintable(text: string): string {
  return text.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** The first link in `mail` whose path starts with `pathPrefix` (e.g. "/accept-invitation"), as a path with its query. */
export function linkIn(mail: string, pathPrefix: string): string {
  const match = mail.match(new RegExp(`https?://[^\\s"'<>]*${pathPrefix.replace(/[/]/g, "\\/")}[^\\s"'<>]*`));
  if (!match) throw new Error(`no ${pathPrefix} link in the mail`);
  const url = new URL(match[0].replace(/&amp;/g, "&"));
  return url.pathname + url.search;
}

/** Runs axe-core on the page and fails on serious or critical violations, listing them. */
export async function expectAccessible(page: Page, what: string) {
  // Colours mid-transition (after a switch to dark, or a hover) are not the page's colours: axe
  // once measured a button's background halfway to its dark value. Finite animations end first;
  // endless ones (skeletons' pulse) are left running.
  await page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((animation) => animation.effect?.getComputedTiming().iterations !== Infinity)
        .map((animation) => animation.finished.catch(() => undefined)),
    ),
  );
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<{ violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ["violations"] });
    return result.violations
      .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
      .map((violation) => `${violation.impact} ${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(" ")).slice(0, 3).join("; ")})`);
  });
  expect(violations, `axe on ${what}`).toEqual([]);
}

/**
 * Screenshots of the current page at 1280 px and 375 px, light and dark, kept as CI artifacts
 * under web/test-results/screenshots/. Restores the 1280 px light view afterwards.
 */
export async function screenshots(page: Page, name: string) {
  const dir = path.resolve(here, "../test-results/screenshots");
  for (const scheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const width of [1280, 375]) {
      await page.setViewportSize({ width, height: 800 });
      await page.waitForTimeout(100);
      await page.screenshot({ path: path.join(dir, `${name}-${width}-${scheme}.png`), fullPage: true });
    }
  }
  await page.emulateMedia({ colorScheme: "light" });
  await page.setViewportSize({ width: 1280, height: 800 });
}

type Fixtures = {
  tenant: Tenant;
  /** A page signed in as the tenant's owner, at the home page. */
  signedIn: Page;
};

export const test = base.extend<Fixtures>({
  baseURL: async ({}, use) => use(serverUrl()),
  page: async ({ page }, use) => {
    // A CSP violation or an uncaught error is a bug in the app, whichever test meets it.
    const problems: string[] = [];
    page.on("console", (message) => {
      if (message.type() === "error" && /Content Security Policy|Refused to/i.test(message.text())) problems.push(message.text());
    });
    page.on("pageerror", (error) => problems.push(`uncaught: ${error.message}`));
    await use(page);
    expect(problems, "CSP violations and uncaught errors").toEqual([]);
  },
  tenant: async ({ request }, use) => use(await signUpTenant(request)),
  signedIn: async ({ page, tenant }, use) => {
    await signIn(page, tenant);
    await use(page);
  },
});

export { expect };

/**
 * Starts the Castiel server for the end-to-end tests: the real jar in embedded mode (its own
 * PostgreSQL) on a free port with a fresh CASTIEL_HOME, and stops it afterwards. With
 * CASTIEL_E2E_URL set, the tests use that running server instead (quicker while developing;
 * CASTIEL_E2E_HOME then names its home, for the mail outbox).
 *
 *   CASTIEL_JAR   the jar (default ../server/target/castiel-server.jar)
 *   CASTIEL_WEB_DIR  serve the app from this build directory instead of the jar's copy
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, openSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
let server: ChildProcess | undefined;
let home: string | undefined;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

function java(): string {
  // Prefer the newest JDK (the server starts faster on 25); `java` on the PATH otherwise.
  return process.env.JAVA_HOME ? path.join(process.env.JAVA_HOME, "bin", "java") : "java";
}

async function waitForHealth(url: string, child: ChildProcess, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}; see ${home}/server.log`);
    try {
      const response = await fetch(`${url}/health`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`the server did not become healthy within ${timeoutMs / 1000} s; see ${home}/server.log`);
}

export default async function globalSetup() {
  if (process.env.CASTIEL_E2E_URL) return;
  const jar = path.resolve(here, process.env.CASTIEL_JAR ?? "../../server/target/castiel-server.jar");
  const port = await freePort();
  home = mkdtempSync(path.join(tmpdir(), "castiel-e2e-"));
  const env: NodeJS.ProcessEnv = { ...process.env, CASTIEL_HOME: home };
  // CI exports a server-mode database for the Java tests; the browser tests run embedded.
  for (const key of Object.keys(env)) {
    if (key.startsWith("CASTIEL_DB_") || key === "CASTIEL_REDIS_URL" || key === "CASTIEL_AMQP_URL") delete env[key];
  }
  // Webhooks may target loopback, so a test can watch a delivery to a closed local port fail; every
  // test signs up and in from the same address, so the per-address limit of auth calls is raised.
  const args = [
    "-Xmx768m",
    "-jar",
    jar,
    `--server.port=${port}`,
    "--server.address=127.0.0.1",
    "--castiel.webhooks.allow-private-networks=true",
    "--castiel.rate-limit.login-per-minute-per-ip=1000",
  ];
  if (process.env.CASTIEL_WEB_DIR) args.push(`--castiel.web.dir=${path.resolve(process.env.CASTIEL_WEB_DIR)}`);
  const log = openSync(path.join(home, "server.log"), "a");
  server = spawn(java(), args, { env, stdio: ["ignore", log, log] });
  // localhost, not 127.0.0.1: the refresh cookie is Secure, which Chromium allows on http://localhost.
  const url = `http://localhost:${port}`;
  await waitForHealth(url, server, 180_000);
  process.env.CASTIEL_E2E_URL = url;
  process.env.CASTIEL_E2E_HOME = home;
  return async () => {
    server?.kill("SIGTERM");
    await new Promise((resolve) => {
      const timer = setTimeout(() => {
        server?.kill("SIGKILL");
        resolve(undefined);
      }, 20_000);
      server?.once("exit", () => {
        clearTimeout(timer);
        resolve(undefined);
      });
    });
    if (home && !process.env.CASTIEL_E2E_KEEP_HOME) rmSync(home, { recursive: true, force: true });
  };
}

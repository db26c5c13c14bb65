/// <reference types="vitest/config" />
import { fileURLToPath, URL } from "node:url";
import react from "@vitejs/plugin-react";
import tailwindcss from "@tailwindcss/vite";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { defineConfig, type HtmlTagDescriptor, type Plugin } from "vite";

/**
 * Writes a .br and a .gz beside each compressible asset larger than 1 KiB, which the server
 * serves as they are to browsers that accept them: maximum compression, paid once at build time.
 */
function precompress(): Plugin {
  return {
    name: "castiel-precompress",
    apply: "build",
    writeBundle(options) {
      const assets = path.join(options.dir ?? outDir, "assets");
      for (const file of readdirSync(assets)) {
        if (!/\.(js|css|svg|json|txt|map)$/.test(file)) continue;
        const content = readFileSync(path.join(assets, file));
        if (content.length < 1024) continue;
        writeFileSync(path.join(assets, `${file}.gz`), gzipSync(content, { level: 9 }));
        writeFileSync(
          path.join(assets, `${file}.br`),
          brotliCompressSync(content, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: content.length } }),
        );
      }
    },
  };
}

/**
 * The entry (src/main.tsx) only starts the session and the first requests, then imports the app
 * (src/app/boot.tsx). Vite preloads an entry's static imports only; this preloads the app's chunk
 * and its static imports too, so that they download alongside the entry, not after it has run.
 */
function preloadApp(): Plugin {
  return {
    name: "castiel-preload-app",
    apply: "build",
    transformIndexHtml: {
      order: "post",
      handler(_html, { bundle }) {
        if (!bundle) return [];
        const chunks = Object.values(bundle).filter((output) => output.type === "chunk");
        const app = chunks.find((chunk) => chunk.moduleIds.some((id) => id.endsWith("/src/app/boot.tsx")));
        if (!app) throw new Error("no chunk holds src/app/boot.tsx");
        const entries = new Set(chunks.filter((chunk) => chunk.isEntry).map((chunk) => chunk.fileName));
        const files = new Set<string>();
        const visit = (fileName: string) => {
          if (files.has(fileName) || entries.has(fileName)) return;
          files.add(fileName);
          const chunk = bundle[fileName];
          if (chunk?.type === "chunk") chunk.imports.forEach(visit);
        };
        visit(app.fileName);
        return [...files].map(
          (file): HtmlTagDescriptor => ({ tag: "link", attrs: { rel: "modulepreload", crossorigin: true, href: `/${file}` }, injectTo: "head" }),
        );
      },
    },
  };
}

// The built app goes straight into the server's classes directory (webapp/), from where the
// server serves it; `mvn package` runs this build (see server/pom.xml). WEB_OUT_DIR overrides it.
const outDir = process.env.WEB_OUT_DIR ?? "../server/target/classes/webapp";
const apiTarget = process.env.CASTIEL_URL ?? "http://localhost:8080";

export default defineConfig({
  plugins: [react(), tailwindcss(), preloadApp(), precompress()],
  resolve: {
    alias: { "@": fileURLToPath(new URL("./src", import.meta.url)) },
  },
  build: {
    outDir,
    emptyOutDir: true,
    assetsDir: "assets",
    sourcemap: false,
    // No inline <script>/<style> and no data: URLs for assets: the server's CSP is strict.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    target: "es2022",
  },
  server: {
    port: 5173,
    proxy: {
      "/api": { target: apiTarget, changeOrigin: false, ws: true },
      "/ws": { target: apiTarget, ws: true },
      "/health": { target: apiTarget },
    },
  },
  test: {
    environment: "jsdom",
    setupFiles: ["./src/test/setup.ts"],
    include: ["src/**/*.test.{ts,tsx}"],
    css: false,
    restoreMocks: true,
  },
});

#!/usr/bin/env node
/**
 * Bundles the dashboard at build time (npm run build): Preact and the page's code into one ES module,
 * plus its CSS and HTML, into services/gateway/dist/dashboard/. The gateway serves those files; the
 * page loads nothing from another host (the machines have no network).
 */
import { copyFileSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, "..", "dist", "dashboard");
mkdirSync(out, { recursive: true });
await build({
  entryPoints: [join(here, "src", "main.tsx")],
  bundle: true,
  format: "esm",
  target: "es2022",
  minify: true,
  sourcemap: false,
  jsx: "automatic",
  jsxImportSource: "preact",
  outfile: join(out, "app.js"),
  logLevel: "warning",
  legalComments: "none",
});
copyFileSync(join(here, "src", "style.css"), join(out, "app.css"));
copyFileSync(join(here, "index.html"), join(out, "index.html"));

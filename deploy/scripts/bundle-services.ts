#!/usr/bin/env node
/**
 * `npm run bundle` (part of `npm run build`): each service as one ES module beside its compiled
 * `main.js` — `services/<name>/dist/main.bundle.mjs`, with chunks beside it for what it imports
 * dynamically (see `bundle`) — made with esbuild from the compiled output;
 * the local stack's supervisor, `cli/dist/up.bundle.mjs` (`gardenos up`); and the rest of the CLI,
 * `cli/dist/cli.bundle.mjs` (every other `gardenos` command).
 *
 * Why: Node resolves and loads the services' few hundred modules one by one, and `drizzle-orm`'s
 * 178 KB package.json alone is consulted for every one of its files; the garbage that leaves
 * behind sized the gateway's heap at ≈ 225 MB idle. Bundled it imports at ≈ 113 MB and starts in a
 * third of the time (bench/README.md, Memory). `gardenos up` runs the bundles when they are there.
 *
 * Left outside the bundle (loaded from node_modules as usual): packages that read files of their
 * own next to their code (PGlite's WebAssembly and data files, the Swagger UI's static files),
 * optional native or pretty-printing add-ons.
 */
import { build, type Plugin } from "esbuild";
import { existsSync } from "node:fs";
import { readdir, readFile, rm, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const SERVICES = ["gateway", "lead-analysis", "follow-up", "email-classification", "metrics"];
const EXTERNAL = ["@electric-sql/pglite", "@electric-sql/pglite/*", "@electric-sql/pglite-pgvector", "@fastify/swagger", "@fastify/swagger-ui", "pg-native", "pino-pretty"];

/**
 * The services' own JSON data (the e-mail classifier's 0.9 MB model) as `JSON.parse` of its text
 * instead of the object literal esbuild writes by default: V8 parses JSON far faster than a literal
 * and keeps none of the literal's compiled form — 116 → 107 MB idle for email-classification, as
 * when Node loads the JSON module itself. Only files under `services/<name>/dist/`, which our code
 * imports as ES modules (`with { type: "json" }`); packages' JSON (often `require`d) is untouched.
 */
const servicesJsonAsParse: Plugin = {
  name: "services-json-as-parse",
  setup(b) {
    b.onLoad({ filter: /[\\/]services[\\/][^\\/]+[\\/]dist[\\/].*\.json$/ }, async (args) => ({
      contents: `export default JSON.parse(${JSON.stringify(await readFile(args.path, "utf8"))});`,
      loader: "js",
    }));
  },
};

/**
 * The bundle as ASCII only. esbuild escapes non-ASCII characters in strings and regular
 * expressions but keeps the comments it carries over ("—", "…", "à"), and a single such character
 * makes V8 hold the whole module source as a two-byte string: 12.8 MB instead of 6.4 MB for the
 * gateway's bundle, which stays in memory as long as the process (bench/README.md, Memory). Every
 * character left is in a comment; `\uXXXX` is also what it would mean anywhere else.
 */
async function asciiOnly(file: string): Promise<void> {
  const text = await readFile(file, "utf8");
  if (!/[^\x00-\x7f]/.test(text)) return;
  await writeFile(file, text.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`));
}

/**
 * One ES-module bundle for Node 24 of a compiled entry point (its packages inside, EXTERNAL left
 * out). With `split`, what the entry only imports dynamically (`await import(...)`: the embedded
 * database's drivers, OpenTelemetry's SDK, the embedding client) goes to chunks beside it,
 * `<outfile minus .mjs>.<name>-<hash>.mjs`, loaded when that import runs. Without it esbuild
 * writes that code into the one file, and a package it leaves outside (PGlite) becomes a static
 * import at the top: loaded at start by a gateway on Postgres, which never uses it. The chunks sit
 * in the bundle's directory so that `import.meta.url` means the same in all of them.
 */
async function bundle(entry: string, outfile: string, split = false): Promise<void> {
  const dir = dirname(outfile);
  const stem = basename(outfile, ".mjs");
  // Chunks of an earlier build (their names carry a hash of their content).
  for (const f of await readdir(dir)) if (f.startsWith(`${stem}.`) && f.endsWith(".mjs") && f !== basename(outfile)) await rm(join(dir, f));
  const result = await build({
    entryPoints: [entry],
    ...(split ? { outdir: dir, entryNames: stem, chunkNames: `${stem}.[name]-[hash]`, outExtension: { ".js": ".mjs" }, splitting: true } : { outfile }),
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node24",
    external: EXTERNAL,
    // CommonJS packages inside an ES module bundle still need `require` for Node's built-ins.
    banner: { js: "import { createRequire as __gardenosCreateRequire } from 'node:module'; const require = __gardenosCreateRequire(import.meta.url);" },
    plugins: [servicesJsonAsParse],
    logLevel: "warning",
    legalComments: "none",
    metafile: true,
  });
  for (const file of Object.keys(result.metafile.outputs)) await asciiOnly(join(ROOT, file));
}

const started = Date.now();
for (const name of SERVICES) {
  const entry = join(ROOT, "services", name, "dist", "main.js");
  if (!existsSync(entry)) throw new Error(`${entry} is missing: run tsc --build first`);
  await bundle(entry, join(ROOT, "services", name, "dist", "main.bundle.mjs"), true);
}
// The local stack's supervisor (`gardenos up`, cli/src/up-main.ts): it stays up as long as the
// stack, so it loads one file with only what it needs, not the whole CLI.
await bundle(join(ROOT, "cli", "dist", "up-main.js"), join(ROOT, "cli", "dist", "up.bundle.mjs"));
// The rest of the CLI (`cli/src/program.ts`): one file to load for every `gardenos` call.
await bundle(join(ROOT, "cli", "dist", "program.js"), join(ROOT, "cli", "dist", "cli.bundle.mjs"));
console.log(`bundled ${SERVICES.join(", ")} in ${((Date.now() - started) / 1000).toFixed(1)} s (services/<name>/dist/main.bundle.mjs)`);

/**
 * Experiment: idle RSS of each service started one way or another — the compiled modules
 * (`dist/main.js`) or the bundle (`dist/main.bundle.mjs`, `npm run bundle`), with or without Node
 * flags — against its own nats-server and a fresh Postgres database (or PGlite with `--pglite`).
 *
 *   node bench/dist/experiments/service-memory.js [--bundle] [--pglite [--pglite-dir=<dir>]] [--flags="--max-old-space-size=64"] [--settle=6] [--only=gateway,metrics]
 */
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort } from "@gardenos/runtime";
import { cleanupAll, createDatabase, startNats } from "../lib/infra.js";
import { ROOT, rssMB } from "../lib/procs.js";

const bundle = process.argv.includes("--bundle");
const pglite = process.argv.includes("--pglite");
const flags = process.argv.find((a) => a.startsWith("--flags="))?.slice(8).split(" ").filter(Boolean) ?? [];
const settleS = Number(process.argv.find((a) => a.startsWith("--settle="))?.slice(9) ?? 6);
const only = process.argv.find((a) => a.startsWith("--only="))?.slice(7).split(",");
const services = (["metrics", "lead-analysis", "follow-up", "email-classification", "gateway"] as const).filter((s) => !only || only.includes(s));

const nats = await startNats();
const db = pglite ? undefined : await createDatabase();
// --pglite-dir=<dir>: an existing embedded database (a restart), else a new one (the first start).
const givenDir = process.argv.find((a) => a.startsWith("--pglite-dir="))?.slice(13);
const pgDir = pglite ? (givenDir ?? mkdtempSync(join(tmpdir(), "gardenos-mem-pglite-"))) : undefined;
const out: string[] = [];
for (const name of services) {
  const main = join(ROOT, "services", name, "dist", bundle ? "main.bundle.mjs" : "main.js");
  if (!existsSync(main)) throw new Error(`${main} is missing (npm run bundle)`);
  const port = await freePort();
  const env = {
    ...process.env,
    NATS_URL: nats.url,
    ...(db ? { DATABASE_URL: db.url } : { DATABASE_URL: "", PGLITE_DIR: pgDir }),
    LOG_LEVEL: "warn",
    ...(name === "gateway" ? { PORT: String(port), HOST: "127.0.0.1" } : { HEALTH_PORT: String(port) }),
  };
  const t0 = Date.now();
  const child = spawn(process.execPath, [...flags, main], { env, stdio: ["ignore", "ignore", "inherit"] });
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${name} exited`);
    if (Date.now() - t0 > 120_000) throw new Error(`${name} not ready`);
    const ok = await fetch(`http://127.0.0.1:${port}/readyz`).then((r) => r.ok, () => false);
    if (ok) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const readyS = (Date.now() - t0) / 1000;
  await new Promise((r) => setTimeout(r, settleS * 1000));
  let peak = 0;
  for (let i = 0; i < 10; i++) {
    peak = Math.max(peak, rssMB(child.pid!));
    await new Promise((r) => setTimeout(r, 200));
  }
  out.push(`${name.padEnd(14)} ${String(Math.round(peak)).padStart(4)} MB idle (ready in ${readyS.toFixed(1)} s)`);
  child.kill("SIGKILL");
  await new Promise((r) => child.once("exit", r));
}
console.log(`${bundle ? "bundles" : "compiled modules"}, ${pglite ? "PGlite" : "Postgres"}, node flags: ${flags.join(" ") || "(none)"}`);
for (const l of out) console.log(`  ${l}`);
await cleanupAll();
if (pgDir && !givenDir) rmSync(pgDir, { recursive: true, force: true });
process.exit(0);

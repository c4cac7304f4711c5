import autocannon from "autocannon";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { EMBEDDED_DB_NODE_FLAGS } from "@gardenos/runtime";
import { createDatabase, startNats } from "../lib/infra.js";
import { benchLead, sampleLeads } from "../lib/leads.js";
import { ProcMonitor } from "../lib/monitor.js";
import { startService } from "../lib/procs.js";
import { load, round, table } from "../lib/stats.js";
import type { ScenarioContext, ScenarioResult } from "./types.js";

interface Cannon {
  req_per_s: number;
  p50_ms: number;
  p90_ms: number;
  p99_ms: number;
  max_ms: number;
  non2xx: number;
  errors: number;
  total: number;
  load: string;
}

async function cannon(url: string, body: string, o: { connections: number; duration: number; rate?: number }): Promise<Cannon> {
  const r = await autocannon({
    url,
    method: "POST",
    headers: { "content-type": "application/json" },
    body,
    connections: o.connections,
    duration: o.duration,
    ...(o.rate ? { overallRate: o.rate } : {}),
  });
  return {
    req_per_s: round(r.requests.total / o.duration, 0),
    p50_ms: r.latency.p50,
    p90_ms: r.latency.p90,
    p99_ms: r.latency.p99,
    max_ms: r.latency.max,
    non2xx: r.non2xx,
    errors: r.errors + r.timeouts,
    total: r.requests.total,
    load: load(),
  };
}

/** HTTP intake: POST /ai/analyze-lead → Postgres row + JetStream PubAck → 202. */
export async function intake(ctx: ScenarioContext): Promise<ScenarioResult> {
  const duration = ctx.quick ? 2 : 10;
  const nats = await startNats();
  // Experiment knob: BENCH_PGLITE=1 runs the gateway on the embedded database (PGlite, a fresh one)
  // with the flags `gardenos up` gives it (EMBEDDED_DB_NODE_FLAGS); BENCH_PGLITE=tierup without them.
  const pglite = process.env.BENCH_PGLITE;
  const pgliteDir = pglite ? mkdtempSync(join(tmpdir(), "gardenos-bench-pglite-")) : undefined;
  const db = pglite ? undefined : await createDatabase();
  // Diagnostic knob: BENCH_PG_ASYNC_COMMIT=1 lets the gateway's commits skip the WAL flush (not a product setting).
  const dbUrl = db ? (process.env.BENCH_PG_ASYNC_COMMIT === "1" ? `${db.url}?options=-c%20synchronous_commit%3Doff` : db.url) : "";
  const dbEnv = db ? { DATABASE_URL: dbUrl } : { DATABASE_URL: "", PGLITE_DIR: pgliteDir };
  const nodeArgs = pglite && pglite !== "tierup" ? EMBEDDED_DB_NODE_FLAGS : [];
  const gateway = await startService("gateway", { env: { NATS_URL: nats.url, ...dbEnv }, tag: "intake", nodeArgs, ...(ctx.profile ? { cpuProfDir: ctx.profileDir } : {}) });
  if (pglite) ctx.log(`  PGlite, node flags: ${nodeArgs.join(" ") || "(none)"}`);
  const url = `${gateway.url}/ai/analyze-lead`;
  const body = JSON.stringify({ lead: benchLead(sampleLeads(), 7), priority: 5 });
  ctx.log(`  body ${body.length} bytes; warming up…`);
  await cannon(url, body, { connections: 10, duration: ctx.quick ? 1 : 3 });
  const mon = new ProcMonitor({ gateway: gateway.pid, "nats-server": nats.server.pid }, true).start();
  const max = await cannon(url, body, { connections: 64, duration });
  const monMax = mon.stop();
  ctx.log(`  max: ${max.req_per_s} req/s, p50 ${max.p50_ms} ms, p99 ${max.p99_ms} ms, non-2xx ${max.non2xx}, errors ${max.errors}; cpu ${JSON.stringify(monMax.cpu_s)}`);
  const mon2 = new ProcMonitor({ gateway: gateway.pid, "nats-server": nats.server.pid }, true).start();
  const fixed = await cannon(url, body, { connections: 32, duration, rate: 1000 });
  const monFixed = mon2.stop();
  ctx.log(`  1,000 req/s: ${fixed.req_per_s} req/s, p50 ${fixed.p50_ms} ms, p99 ${fixed.p99_ms} ms, non-2xx ${fixed.non2xx}`);
  const accepted = db ? await db.count("select count(*) as n from ai_interactions") : undefined;
  await gateway.stop();
  await nats.stop();
  await db?.drop();
  if (pgliteDir) rmSync(pgliteDir, { recursive: true, force: true });
  const targets = { "≥ 5,000 req/s": max.req_per_s >= 5000 && max.non2xx === 0, "p99 ≤ 20 ms at 1,000 req/s": fixed.p99_ms <= 20 && fixed.non2xx === 0 };
  const text = table(
    ["load", "req/s", "p50 ms", "p90 ms", "p99 ms", "non-2xx", "gateway CPU s", "nats CPU s", "gateway peak RSS MB"],
    [
      ["max (64 connections)", max.req_per_s, max.p50_ms, max.p90_ms, max.p99_ms, max.non2xx, monMax.cpu_s.gateway ?? 0, monMax.cpu_s["nats-server"] ?? 0, monMax.peak_rss_mb.gateway ?? 0],
      ["fixed 1,000 req/s", fixed.req_per_s, fixed.p50_ms, fixed.p90_ms, fixed.p99_ms, fixed.non2xx, monFixed.cpu_s.gateway ?? 0, monFixed.cpu_s["nats-server"] ?? 0, monFixed.peak_rss_mb.gateway ?? 0],
    ],
  );
  return { scenario: "intake", params: { duration_s: duration, body_bytes: body.length }, max: { ...max, ...monMax }, fixed: { ...fixed, ...monFixed }, rows_in_db: accepted, targets, text };
}

import { taskSubject } from "@gardenos/contracts";
import { createDatabase, startNats } from "../lib/infra.js";
import { benchConnection, declareTopology, jetstream, leadBacklog } from "../lib/gardenos.js";
import { tinyLead } from "../lib/leads.js";
import { rssMB, startService, type ServiceEntry, type ServiceName, type ServiceProc } from "../lib/procs.js";
import { publishWindowed } from "../lib/producer.js";
import { load, round, sleep, table } from "../lib/stats.js";
import type { ScenarioContext, ScenarioResult } from "./types.js";

const SERVICES: ServiceName[] = ["metrics", "lead-analysis", "follow-up", "email-classification", "gateway"];
/** The agent services, restarted with 1,000 agents each for the later phases. */
const AGENT_SERVICES = ["lead-analysis", "follow-up", "email-classification"] as const;

/** Highest RSS of each process over `ms`. */
async function peakRss(procs: Record<string, number | undefined>, ms: number): Promise<Record<string, number>> {
  const peak: Record<string, number> = {};
  const end = Date.now() + ms;
  do {
    for (const [k, pid] of Object.entries(procs)) if (pid) peak[k] = Math.max(peak[k] ?? 0, rssMB(pid));
    await sleep(200);
  } while (Date.now() < end);
  return Object.fromEntries(Object.entries(peak).map(([k, v]) => [k, round(v, 0)]));
}

/**
 * What the services run from: their bundles (`services/<name>/dist/main.bundle.mjs`), as deployed —
 * the image's default command, the compose and Kubernetes manifests, `gardenos up`.
 * `BENCH_MEMORY_ENTRY=main` measures `dist/main.js` instead (the compiled modules, for comparison).
 */
function memoryEntry(): ServiceEntry {
  const e = process.env.BENCH_MEMORY_ENTRY ?? "bundle";
  if (e !== "bundle" && e !== "main") throw new Error(`BENCH_MEMORY_ENTRY must be bundle or main, not ${e}`);
  return e;
}

/** Memory: RSS of every service idle, with 1,000 agents, and with a million tasks waiting. */
export async function memory(ctx: ScenarioContext): Promise<ScenarioResult> {
  const entry = memoryEntry();
  const backlog = ctx.quick ? 10_000 : 1_000_000;
  const settle = ctx.quick ? 1500 : 6000;
  const nats = await startNats();
  const db = await createDatabase();
  const base = { NATS_URL: nats.url, DATABASE_URL: db.url, TASKS_MAX_MSGS: "3000000", TASKS_MAX_BYTES: String(4 * 1024 ** 3), HEARTBEAT_INTERVAL: "5" };
  const thousand = {
    LEAD_ANALYSIS_AGENTS: "1000", MAX_LEAD_ANALYSIS_AGENTS: "1000",
    FOLLOW_UP_AGENTS: "1000", MAX_FOLLOW_UP_AGENTS: "1000",
    EMAIL_CLASSIFICATION_AGENTS: "1000", MAX_EMAIL_CLASSIFICATION_AGENTS: "1000",
  };
  const procs = new Map<ServiceName, ServiceProc>();
  const pids = () => ({ ...Object.fromEntries([...procs].map(([k, p]) => [k, p.pid])), "nats-server": nats.server.pid });
  for (const s of SERVICES) procs.set(s, await startService(s, { env: base, tag: "memory-idle", entry }));
  const idle = await peakRss(pids(), settle);
  ctx.log(`  idle (default agents): ${JSON.stringify(idle)}`);

  for (const s of AGENT_SERVICES) {
    await procs.get(s)!.stop();
    procs.set(s, await startService(s, { env: { ...base, ...thousand }, tag: "memory-1000", entry }));
  }
  const agents = await peakRss(pids(), settle);
  ctx.log(`  1,000 agents per agent service: ${JSON.stringify(agents)}`);

  // Fill the queue while no lead-analysis agent runs, then start 1,000 agents on it.
  await procs.get("lead-analysis")!.stop();
  const nc = await benchConnection(nats.url, "bench-memory");
  const jsm = await declareTopology(nc, base);
  const enc = new TextEncoder();
  const subject = taskSubject("lead_analysis", "normal");
  const t0 = Date.now();
  const pub = await publishWindowed(jetstream(nc), backlog, 20_000, subject, (i) => enc.encode(JSON.stringify({ task_id: `m-${i}`, lead: tinyLead(i) })), (i) => `m-${i}`);
  const publishS = (Date.now() - t0) / 1000;
  ctx.log(`  published ${backlog} tasks in ${publishS.toFixed(1)} s (${Math.round(backlog / publishS)}/s, ${pub.refused} retried; load ${load()})`);
  procs.set("lead-analysis", await startService("lead-analysis", { env: { ...base, ...thousand }, tag: "memory-backlog", entry }));
  const withBacklog = await peakRss(pids(), settle * 2);
  const left = await leadBacklog(jsm);
  ctx.log(`  with ${left} tasks waiting: ${JSON.stringify(withBacklog)}`);
  await nc.close();
  for (const s of [...SERVICES].reverse()) await procs.get(s)!.stop("SIGKILL");
  await nats.stop();
  await db.drop();

  const rows = [...SERVICES, "nats-server"].map((s) => [s, idle[s] ?? 0, agents[s] ?? 0, withBacklog[s] ?? 0]);
  // Issue 12's targets (with Postgres): every service ≤ 100 MB idle, ≤ 150 MB while lead-analysis
  // works through the backlog. The 1,000-agent level is shown, not judged.
  const worstIdle = Math.max(...SERVICES.map((s) => idle[s] ?? 0));
  const worstBusy = Math.max(...SERVICES.map((s) => withBacklog[s] ?? 0));
  const targets = { "≤ 100 MB RSS per service idle": worstIdle <= 100, [`≤ 150 MB RSS per service while ${backlog.toLocaleString("en")} tasks wait and lead-analysis works through them`]: worstBusy <= 150 };
  const text = table(["process", "idle MB", "1,000 agents MB", `${backlog.toLocaleString("en")} waiting MB`], rows) + `\n\n(Services run from ${entry === "bundle" ? "their bundles, `services/<name>/dist/main.bundle.mjs`, as deployed" : "`services/<name>/dist/main.js` (BENCH_MEMORY_ENTRY=main), not what is deployed"}. nats-server is not a GardenOS service; shown for scale. Tasks still waiting at the end: ${left}.)`;
  return { scenario: "memory", params: { entry, backlog, settle_ms: settle, publish_s: round(publishS, 1) }, idle, agents_1000: agents, backlog_rss: withBacklog, left_waiting: left, targets, text };
}

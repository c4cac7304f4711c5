import { fork } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { jetstream, jetstreamManager } from "@nats-io/jetstream";
import { connect } from "@nats-io/transport-node";
import { Queue, QueueEvents } from "bullmq";
import { leadAnalysis, taskSubject, type Lead } from "@gardenos/contracts";
import { BaseConfigSchema, ensureStreams, ensureTaskConsumers, ackWaitSeconds, loadConfig } from "@gardenos/runtime";
import { createDatabase, machineRedis, startAofRedis, startNats, type BenchRedis } from "../lib/infra.js";
import { benchLead, sampleLeads } from "../lib/leads.js";
import { ProcMonitor } from "../lib/monitor.js";
import { WORK_DIR, benchEntry, startService } from "../lib/procs.js";
import { pace, publishWindowed } from "../lib/producer.js";
import { load, nowMs, percentile, round, sleep, waitUntil } from "../lib/stats.js";
import { throughputReport } from "./throughput-report.js";
import type { ScenarioContext, ScenarioResult } from "./types.js";
import type { RunResult } from "./throughput-report.js";
export type { RunResult } from "./throughput-report.js";


export interface Params {
  n: number;
  concurrency: number;
  window: number;
  cpuProfDir?: string | undefined;
  /** TASK_PREFETCH for the agents (default: theirs, the agent bound). */
  prefetch?: string | undefined;
  /** Offered load in tasks/s (paced producer) instead of as fast as possible. */
  rate?: number | undefined;
}

const enc = new TextEncoder();

function payloads(n: number, prefix: string): { ids: string[]; data: Uint8Array[]; leads: Lead[] } {
  const samples = sampleLeads();
  const ids: string[] = [];
  const data: Uint8Array[] = [];
  const leads: Lead[] = [];
  for (let i = 0; i < n; i++) {
    const lead = benchLead(samples, i);
    const id = `${prefix}${i}`;
    ids.push(id);
    leads.push(lead);
    data.push(enc.encode(JSON.stringify({ task_id: id, lead, priority: 5, created_at: new Date().toISOString() })));
  }
  return { ids, data, leads };
}

function summarise(contender: string, rep: number, n: number, sentAt: Float64Array, doneAt: ArrayLike<number>, endAt: number, publishEnd: number, mon: ReturnType<ProcMonitor["stop"]>, note?: string, warmup = false): RunResult {
  const lat: number[] = [];
  let last = 0;
  // Paced runs: the first fifth warms the services up (JIT, connections) and is not counted.
  const skip = warmup ? Math.floor(n / 5) : 0;
  for (let i = 0; i < n; i++) if (doneAt[i]) (last = Math.max(last, doneAt[i]!)), i >= skip && lat.push(doneAt[i]! - sentAt[i]!);
  // BENCH_LATENCY_DUMP=1: every task's due time and latency (ms), to see when the slow ones happen.
  if (process.env.BENCH_LATENCY_DUMP === "1") {
    const dir = join(WORK_DIR, "latency");
    mkdirSync(dir, { recursive: true });
    const rows = Array.from({ length: n }, (_, i) => `${i}\t${round(sentAt[i]!, 2)}\t${doneAt[i] ? round(doneAt[i]! - sentAt[i]!, 3) : ""}`);
    writeFileSync(join(dir, `${contender.replace(/[^\w]+/g, "_")}-${warmup ? "paced" : "sat"}-${rep}-${Date.now()}.tsv`), `i\tdue_epoch_ms\tlatency_ms\n${rows.join("\n")}\n`);
  }
  const start = sentAt[0]!;
  const seconds = (endAt - start) / 1000;
  return {
    contender,
    rep,
    n,
    tasks_per_s: round(n / seconds, 0),
    p50_ms: round(percentile(lat, 50), 1),
    p99_ms: round(percentile(lat, 99), 1),
    seconds: round(seconds, 2),
    results_s: round((last - start) / 1000, 2),
    publish_s: round((publishEnd - start) / 1000, 2),
    ...mon,
    load: load(),
    ...(note ? { note } : {}),
  };
}

/**
 * BENCH_LATENCY_DUMP: per task, ms after it was due, when the agent started it and completed it
 * (the result event's started_at and completed_at: whole milliseconds of the agent's clock, the
 * same machine) and when its result event arrived at the bench.
 */
function dumpStages(events: Uint8Array[], sentAt: Float64Array, doneAt: Float64Array): void {
  const dec = new TextDecoder();
  const rows = ["i\tstarted_ms\tcompleted_ms\tarrived_ms"];
  events.forEach((data, i) => {
    const e = JSON.parse(dec.decode(data)) as { started_at: string; completed_at: string };
    rows.push(`${i}\t${round(Date.parse(e.started_at) - sentAt[i]!, 1)}\t${round(Date.parse(e.completed_at) - sentAt[i]!, 1)}\t${round(doneAt[i]! - sentAt[i]!, 2)}`);
  });
  mkdirSync(join(WORK_DIR, "latency"), { recursive: true });
  writeFileSync(join(WORK_DIR, "latency", `GardenOS-stages-${Date.now()}.tsv`), `${rows.join("\n")}\n`);
}

/** GardenOS: producer → JetStream → lead-analysis agents → RESULTS → gateway recorder → Postgres. */
export async function runGardenOS(p: Params, rep: number, replicas = 1): Promise<RunResult> {
  const nats = await startNats();
  const db = await createDatabase();
  const env = {
    NATS_URL: nats.url,
    DATABASE_URL: db.url,
    LEAD_ANALYSIS_AGENTS: String(Math.ceil(p.concurrency / replicas)),
    MAX_LEAD_ANALYSIS_AGENTS: String(Math.ceil(p.concurrency / replicas)),
    HEARTBEAT_INTERVAL: "5",
    ...(p.prefetch ? { TASK_PREFETCH: p.prefetch } : {}),
  };
  const prof = p.cpuProfDir ? { cpuProfDir: p.cpuProfDir } : {};
  const gateway = await startService("gateway", { env, tag: "throughput", ...prof });
  // Replicas of the agent service share the band consumers (the same concurrency in all).
  const agentProcs = [];
  for (let r = 0; r < replicas; r++) agentProcs.push(await startService("lead-analysis", { env: { ...env, REPLICA_ID: `r${r}` }, tag: "throughput", ...prof }));
  const nc = await connect({ servers: nats.url, name: "bench-producer" });
  const js = jetstream(nc);
  const prefix = `gos-${rep}-${randomBytes(3).toString("hex")}-`;
  const { data } = payloads(p.n, prefix);
  const sentAt = new Float64Array(p.n);
  const doneAt = new Float64Array(p.n);
  let results = 0;
  // BENCH_LATENCY_DUMP=1 (paced runs): when each task started and completed in the agent, from its result event.
  const events: Uint8Array[] | undefined = process.env.BENCH_LATENCY_DUMP === "1" && p.rate ? new Array<Uint8Array>(p.n) : undefined;
  nc.subscribe(leadAnalysis.resultSubject, {
    callback: (_e, m) => {
      const id = m.headers?.get("Nats-Msg-Id") ?? "";
      const i = Number(id.slice(prefix.length, id.indexOf(":")));
      if (!doneAt[i]) {
        doneAt[i] = nowMs();
        results++;
        // Kept as received and read after the run, so the dump costs nothing while it is measured.
        if (events) events[i] = m.data;
      }
    },
  });
  await nc.flush();
  const agentPids = Object.fromEntries(agentProcs.map((a, i) => [replicas > 1 ? `lead-analysis-${i}` : "lead-analysis", a.pid]));
  const mon = new ProcMonitor({ gateway: gateway.pid, ...agentPids, "nats-server": nats.server.pid }, true).start();
  const pub = await publishWindowed(js, p.n, p.window, taskSubject("lead_analysis", "normal"), (i) => data[i]!, (i) => `${prefix}${i}`, sentAt, p.rate);
  const endAt = await waitUntil(async () => (await db.count("select count(*) as n from ai_interactions where status = 'completed'")) >= p.n, 600_000, 50, "all results in Postgres");
  const m = mon.stop();
  await nc.drain();
  for (const a of agentProcs) await a.stop();
  await gateway.stop();
  await nats.stop();
  await db.drop();
  if (events) dumpStages(events, sentAt, doneAt);
  return summarise(replicas > 1 ? `GardenOS (${replicas} replicas)` : "GardenOS", rep, p.n, sentAt, doneAt, endAt, pub.endedAt, m, results < p.n ? `${results} result events seen` : undefined, Boolean(p.rate));
}

/**
 * Experiment (BENCH_EXPERIMENTS=1): the same producer and result subscription as GardenOS, with
 * the smallest possible agent loop (bench/src/experiments/lean-agent.ts) instead of the agent
 * service, and no recorder: completion is the last result event.
 */
export async function runLeanAgent(p: Params, rep: number): Promise<RunResult> {
  const nats = await startNats();
  const nc = await connect({ servers: nats.url, name: "bench-producer" });
  const jsm = await jetstreamManager(nc);
  await ensureStreams(jsm, loadConfig(BaseConfigSchema, {}));
  await ensureTaskConsumers(jsm, "lead_analysis", { ackWaitSeconds: ackWaitSeconds(30), maxDeliver: 4, maxAckPending: 10_000 });
  const js = jetstream(nc);
  const prefix = `lean-${rep}-`;
  const { data } = payloads(p.n, prefix);
  const sentAt = new Float64Array(p.n);
  const doneAt = new Float64Array(p.n);
  let results = 0;
  nc.subscribe(leadAnalysis.resultSubject, {
    callback: (_e, m) => {
      const id = m.headers?.get("Nats-Msg-Id") ?? "";
      const i = Number(id.slice(prefix.length, id.indexOf(":")));
      if (!doneAt[i]) (doneAt[i] = nowMs()), results++;
    },
  });
  await nc.flush();
  const child = fork(benchEntry("experiments/lean-agent.js"), [], {
    env: { ...process.env, NATS_URL: nats.url, BENCH_CONCURRENCY: String(p.concurrency) },
    // The same diagnostic flags as the services get (BENCH_SERVICE_NODE_ARGS, e.g. --trace-gc-nvp).
    execArgv: [...process.execArgv, ...(process.env.BENCH_SERVICE_NODE_ARGS?.split(" ").filter(Boolean) ?? [])],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const exited = new Promise<void>((r) => child.once("exit", () => r()));
  await new Promise<void>((resolve, reject) => {
    child.once("message", () => resolve());
    child.once("exit", (c) => reject(new Error(`lean agent exited (${c})`)));
  });
  const mon = new ProcMonitor({ "lean-agent": child.pid, "nats-server": nats.server.pid }).start();
  const pub = await publishWindowed(js, p.n, p.window, taskSubject("lead_analysis", "normal"), (i) => data[i]!, (i) => `${prefix}${i}`, sentAt, p.rate);
  const endAt = await waitUntil(() => results >= p.n, 600_000, 20, "every lean result");
  const m = mon.stop();
  child.kill("SIGTERM");
  await exited;
  await nc.drain();
  await nats.stop();
  return summarise("lean agent loop (experiment)", rep, p.n, sentAt, doneAt, endAt, pub.endedAt, m, undefined, Boolean(p.rate));
}

/**
 * BullMQ: producer → Redis → a BullMQ worker process (same scorer, same concurrency) → completed
 * events. With `withPostgres` the worker also writes each result to a fresh Postgres database in
 * batches before completing the job (bench/src/lib/result-batcher.ts); Postgres's CPU counts.
 */
export async function runBullMQ(p: Params, rep: number, redis: BenchRedis, withPostgres = false): Promise<RunResult> {
  const url = new URL(redis.url);
  const connection = { host: url.hostname, port: Number(url.port || 6379), maxRetriesPerRequest: null };
  const prefix = `gardenos-bench-${randomBytes(3).toString("hex")}`;
  const name = `analyze-${rep}`;
  const queue = new Queue(name, { connection, prefix, streams: { events: { maxLen: p.n * 10 } } });
  const events = new QueueEvents(name, { connection, prefix });
  await events.waitUntilReady();
  const idPrefix = `bmq-${rep}-`;
  const { leads } = payloads(p.n, idPrefix);
  const sentAt = new Float64Array(p.n);
  const doneAt = new Float64Array(p.n);
  let completed = 0;
  let failed = 0;
  events.on("completed", ({ jobId }) => {
    const i = Number(jobId.slice(idPrefix.length));
    if (!doneAt[i]) (doneAt[i] = nowMs()), completed++;
  });
  events.on("failed", () => failed++);
  const db = withPostgres ? await createDatabase() : undefined;
  const worker = fork(benchEntry("bullmq-worker.js"), [], {
    env: { ...process.env, REDIS_URL: redis.url, BENCH_QUEUE: name, BENCH_PREFIX: prefix, BENCH_CONCURRENCY: String(p.concurrency), ...(db ? { BENCH_PG_URL: db.url } : {}) },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const workerExit = new Promise<void>((r) => worker.once("exit", () => r()));
  await new Promise<void>((resolve, reject) => {
    worker.once("message", () => resolve());
    worker.once("exit", (c) => reject(new Error(`bullmq worker exited (${c})`)));
  });
  const redisPid = await redisPidOf(redis.port);
  const mon = new ProcMonitor({ "bullmq-worker": worker.pid, "redis-server": redisPid }, Boolean(db)).start();
  // The same producer shape as over NATS: one add per task, `window` adds outstanding.
  let next = 0;
  const t0 = nowMs();
  const opts = { attempts: 4, backoff: { type: "exponential", delay: 1000 } };
  const adder = async () => {
    while (next < p.n) {
      const i = next++;
      sentAt[i] = p.rate ? await pace(t0, i, p.rate) : nowMs();
      await queue.add("analyze", { lead: leads[i] }, { ...opts, jobId: `${idPrefix}${i}` });
    }
  };
  await Promise.all(Array.from({ length: Math.min(p.window, p.n) }, adder));
  const publishEnd = nowMs();
  const endAt = await waitUntil(async () => completed + failed >= p.n || (await queue.getCompletedCount()) >= p.n, 600_000, 20, "all BullMQ jobs completed");
  // Results read back from Redis, as a CRM would (a sample, to check they are there).
  const sample = await queue.getJobs(["completed"], 0, 99);
  const withResult = sample.filter((j) => j.returnvalue && typeof j.returnvalue === "object").length;
  const m = mon.stop();
  const rows = db ? await db.count("select count(*) as n from bench_job_results") : undefined;
  worker.kill("SIGTERM");
  await workerExit;
  await events.close();
  await queue.obliterate({ force: true }).catch(() => undefined);
  await queue.close();
  await db?.drop();
  const notes = [
    ...(withResult < sample.length || failed ? [`${failed} failed, ${withResult}/${sample.length} results read back`] : []),
    ...(rows !== undefined && rows < p.n ? [`${rows} of ${p.n} result rows in Postgres`] : []),
  ];
  const label = db ? `BullMQ + Postgres (${redis.label} Redis)` : `BullMQ (${redis.label} Redis)`;
  return summarise(label, rep, p.n, sentAt, doneAt, endAt, publishEnd, m, notes.length ? notes.join("; ") : undefined, Boolean(p.rate));
}

async function redisPidOf(port: number): Promise<number | undefined> {
  const { execFileSync } = await import("node:child_process");
  try {
    const out = execFileSync("redis-cli", ["-p", String(port), "info", "server"], { encoding: "utf8" });
    const m = /process_id:(\d+)/.exec(out);
    return m ? Number(m[1]) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The floor: the same stream and consumer, raw publish → pull → ack, no work. The durable floor
 * also publishes a result event per task and acks the task once its PubAck is in (pipelined).
 */
export async function runFloor(p: Params, rep: number, durable = false): Promise<RunResult> {
  const nats = await startNats();
  const nc = await connect({ servers: nats.url, name: "bench-producer" });
  const jsm = await jetstreamManager(nc);
  const cfg = loadConfig(BaseConfigSchema, {});
  await ensureStreams(jsm, cfg);
  await ensureTaskConsumers(jsm, "lead_analysis", { ackWaitSeconds: ackWaitSeconds(30), maxDeliver: 4, maxAckPending: 10_000 });
  const js = jetstream(nc);
  const prefix = `floor-${rep}-`;
  let results = 0;
  if (durable) nc.subscribe(leadAnalysis.resultSubject, { callback: () => void results++ });
  const { data } = payloads(p.n, prefix);
  const sentAt = new Float64Array(p.n);
  const child = fork(benchEntry("floor-consumer.js"), [], {
    env: { ...process.env, NATS_URL: nats.url, BENCH_N: String(p.n), BENCH_PREFIX: prefix, BENCH_PREFETCH: "1000", BENCH_DURABLE: durable ? "1" : "0" },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  let done: ((v: { received: number[]; at: number }) => void) | undefined;
  const finished = new Promise<{ received: number[]; at: number }>((r) => (done = r));
  await new Promise<void>((resolve, reject) => {
    child.on("message", (msg: { type: string; received?: number[] }) => {
      if (msg.type === "ready") resolve();
      if (msg.type === "done") done!({ received: msg.received!, at: nowMs() });
    });
    child.once("exit", (c) => reject(new Error(`floor consumer exited (${c})`)));
  });
  const mon = new ProcMonitor({ "floor-consumer": child.pid, "nats-server": nats.server.pid }).start();
  const pub = await publishWindowed(js, p.n, p.window, taskSubject("lead_analysis", "normal"), (i) => data[i]!, (i) => `${prefix}${i}`, sentAt, p.rate);
  const r = await finished;
  const m = mon.stop();
  const endAt = Math.max(...r.received);
  if (durable) await waitUntil(() => results >= p.n, 10_000, 20, "every durable-floor result event").catch(() => undefined);
  await nc.drain();
  await new Promise((res) => (child.exitCode !== null ? res(undefined) : child.once("exit", res)));
  await nats.stop();
  return summarise(durable ? "JetStream durable floor" : "JetStream floor", rep, p.n, sentAt, r.received, endAt, pub.endedAt, m, durable && results < p.n ? `${results} result events seen` : undefined, Boolean(p.rate));
}

/** The contenders in the order they run (BENCH_ONLY picks by index). */
const CONTENDERS = ["GardenOS", "BullMQ (machine Redis)", "BullMQ (aof Redis)", "JetStream floor", "GardenOS (2 replicas)", "BullMQ + Postgres (aof Redis)", "JetStream durable floor"] as const;

export async function throughput(ctx: ScenarioContext): Promise<ScenarioResult> {
  const p: Params = {
    n: Number(process.env.BENCH_N ?? (ctx.quick ? 2000 : 20_000)),
    concurrency: Number(process.env.BENCH_CONCURRENCY ?? 50),
    window: 1000,
    prefetch: process.env.BENCH_PREFETCH,
  };
  const reps = ctx.quick ? 1 : 3;
  const machine = await machineRedis();
  const aof = await startAofRedis();
  const runs: RunResult[] = [];
  const only = process.env.BENCH_ONLY?.split(",").map(Number);
  // BENCH_PACED_ONLY=1 (with BENCH_ONLY): only the paced runs, BENCH_PACED_REPS times each (default 1), interleaved.
  const pacedOnly = Boolean(only) && process.env.BENCH_PACED_ONLY === "1";
  for (let rep = 1; rep <= (pacedOnly ? 0 : reps); rep++) {
    // Interleaved, so drift in the machine's load hits every contender alike.
    const all = [
      () => runGardenOS(p, rep),
      () => runBullMQ(p, rep, machine),
      () => runBullMQ(p, rep, aof),
      () => runFloor(p, rep),
      () => runGardenOS(p, rep, 2),
      () => runBullMQ(p, rep, aof, true),
      () => runFloor(p, rep, true),
    ];
    if (process.env.BENCH_EXPERIMENTS === "1") all.push(() => runLeanAgent(p, rep));
    // BENCH_ONLY=0,3 runs only those contenders (debugging; the table needs all of them).
    for (const run of all.filter((_, i) => !only || only.includes(i))) {
      const r = await run();
      runs.push(r);
      ctx.log(`  ${r.contender} #${rep}: ${r.tasks_per_s} tasks/s, p50 ${r.p50_ms} ms, p99 ${r.p99_ms} ms; published in ${r.publish_s} s, results by ${r.results_s} s, done ${r.seconds} s; cpu ${JSON.stringify(r.cpu_s)} (load ${r.load})${r.note ? ` — ${r.note}` : ""}`);
      await sleep(500);
    }
  }
  // Latency below capacity: the same pipelines at a fixed offered load every contender sustains.
  const paced: RunResult[] = [];
  const pp: Params = { ...p, n: ctx.quick ? 400 : 4000, rate: 400 };
  // By contender index (as BENCH_ONLY counts them); the 2-replica row is not paced.
  const pacedRuns: Record<number, () => Promise<RunResult>> = {
    0: () => runGardenOS(pp, 1),
    1: () => runBullMQ(pp, 1, machine),
    2: () => runBullMQ(pp, 1, aof),
    3: () => runFloor(pp, 1),
    5: () => runBullMQ(pp, 1, aof, true),
    6: () => runFloor(pp, 1, true),
  };
  // The lean agent loop too, with BENCH_EXPERIMENTS=1 (an experiment, not a row of the table).
  if (process.env.BENCH_EXPERIMENTS === "1") pacedRuns[7] = () => runLeanAgent(pp, 1);
  // With BENCH_ONLY the paced runs are skipped unless BENCH_PACED=1.
  if (!only || process.env.BENCH_PACED === "1" || pacedOnly) {
    const pacedReps = pacedOnly ? Number(process.env.BENCH_PACED_REPS ?? 1) : 1;
    for (let rep = 1; rep <= pacedReps; rep++) {
      for (const [i, run] of Object.entries(pacedRuns)) {
        if (only && !only.includes(Number(i))) continue;
        const r = await run();
        paced.push(r);
        ctx.log(`  at ${pp.rate} tasks/s: ${r.contender}: p50 ${r.p50_ms} ms, p99 ${r.p99_ms} ms (load ${r.load})`);
      }
    }
  }
  await aof.stop();
  if (ctx.profile) {
    ctx.log("  profiling one more GardenOS run (--cpu-prof)…");
    const r = await runGardenOS({ ...p, cpuProfDir: ctx.profileDir }, 0);
    ctx.log(`  profiled run: ${r.tasks_per_s} tasks/s, p99 ${r.p99_ms} ms; cpu ${JSON.stringify(r.cpu_s)}`);
  }
  const contenders = new Set(runs.map((r) => r.contender));
  if (CONTENDERS.some((c) => !contenders.has(c))) return { scenario: "throughput", params: { ...p, reps }, runs, paced, targets: {}, text: "(partial run: BENCH_ONLY)" };
  return { scenario: "throughput", params: { ...p, reps, paced_rate: pp.rate, paced_n: pp.n }, runs, paced, ...throughputReport(runs, paced, p.n, reps, pp.rate ?? 0, pp.n) };
}

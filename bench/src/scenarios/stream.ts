import { fork } from "node:child_process";
import { randomBytes } from "node:crypto";
import { cpus } from "node:os";
import { jetstream } from "@nats-io/jetstream";
import { connect } from "@nats-io/transport-node";
import { taskSubject } from "@gardenos/contracts";
import { createDatabase, startNats } from "../lib/infra.js";
import { benchLead, sampleLeads } from "../lib/leads.js";
import { ProcMonitor } from "../lib/monitor.js";
import { benchEntry, startService } from "../lib/procs.js";
import { publishWindowed } from "../lib/producer.js";
import { load, median, nowMs, percentile, round, table, waitUntil } from "../lib/stats.js";
import type { ScenarioContext, ScenarioResult } from "./types.js";

interface StreamReport {
  received: number;
  cut_off: number;
  lead_streams: number;
  lead_events: number;
  broad_events_min: number;
  p50_ms: number;
  p99_ms: number;
  max_ms: number;
  /** The clients' own CPU over their whole life (process.cpuUsage), for comparison with the monitor's. */
  cpu_s: number;
  /** Socket reads by the lead-filtered and by the unfiltered streams, all of them together. */
  reads: { lead: number; broad: number };
  /** The clients' event loops: the longest delay, per process (a starved reader reads nothing). */
  loop_delay_max_ms: number[];
  /** Every latency measured (ms), merged from the processes. */
  latencies?: number[];
  /** The result events' times (the process with the NATS subscription), for the other process. */
  result_at?: [string, number][];
}

interface Run {
  subscribers: string;
  tasks_per_s: number;
  seconds: number;
  gateway_peak_rss_mb: number;
  gateway_cpu_s: number;
  /** CPU seconds of every process measured (gateway, agents, Postgres, the stream clients). */
  cpu_s: Record<string, number>;
  stream?: StreamReport;
  /** In the gateway: RESULTS storage → dispatch to subscribers. */
  dispatch_lag?: { p50_ms: number; p99_ms: number };
  /** Task events the gateway handed to subscribers (its /metrics counter; task.started included). */
  deliveries?: number;
  load: string;
}

const enc = new TextEncoder();

/**
 * One throughput run (the throughput scenario's GardenOS pipeline: producer → JetStream → agents →
 * RESULTS → recorder → Postgres) with `leads` SSE subscribers each filtered to one lead (the CRM
 * case) plus `broad` unfiltered ones held by a child process, or none.
 */
async function run(n: number, leads: number, broad: number, cpuProfDir?: string): Promise<Run> {
  const nats = await startNats();
  const db = await createDatabase();
  const env = { NATS_URL: nats.url, DATABASE_URL: db.url, LEAD_ANALYSIS_AGENTS: "50", MAX_LEAD_ANALYSIS_AGENTS: "50", HEARTBEAT_INTERVAL: "5" };
  const gateway = await startService("gateway", { env, tag: leads + broad > 0 ? "stream-live" : "stream", ...(cpuProfDir ? { cpuProfDir } : {}) });
  const agents = await startService("lead-analysis", { env, tag: "stream" });
  const samples = sampleLeads();
  const prefix = `st-${randomBytes(3).toString("hex")}-`;
  // Task i is about lead crm-lead-<i mod leads>: every task has exactly one lead subscriber.
  const data = Array.from({ length: n }, (_, i) => enc.encode(JSON.stringify({ task_id: `${prefix}${i}`, lead: { ...benchLead(samples, i), id: `crm-lead-${i % Math.max(1, leads || 1000)}` }, priority: 5 })));
  // The clients: by default the lead streams (with the NATS subscription that times the result
  // events) in one process and the unfiltered ones in another, as separate consumers would be;
  // BENCH_STREAM_SPLIT=0: all of them in one process (the layout until 2026-11-28).
  const split = process.env.BENCH_STREAM_SPLIT !== "0" && leads > 0 && broad > 0;
  const groups = leads + broad === 0 ? [] : split ? [{ leads, broad: 0, results: true, name: "stream-clients" }, { leads: 0, broad, results: false, name: "stream-clients-unfiltered" }] : [{ leads, broad, results: true, name: "stream-clients" }];
  const children: ReturnType<typeof fork>[] = [];
  for (const g of groups) {
    const execArgv = cpuProfDir ? ["--cpu-prof", `--cpu-prof-dir=${cpuProfDir}`, `--cpu-prof-name=${g.name}.cpuprofile`] : [];
    const child = fork(benchEntry("stream-clients.js"), [], { execArgv, env: { ...process.env, BENCH_GATEWAY_URL: gateway.url, NATS_URL: nats.url, BENCH_LEADS: String(g.leads), BENCH_BROAD: String(g.broad), BENCH_RESULTS: g.results ? "1" : "0" }, stdio: ["ignore", "inherit", "inherit", "ipc"] });
    children.push(child);
    await new Promise<void>((resolve, reject) => {
      child.once("message", () => resolve());
      child.once("exit", (c) => reject(new Error(`stream clients exited (${c})`)));
    });
  }
  const child = children[0];
  const nc = await connect({ servers: nats.url, name: "bench-producer" });
  const js = jetstream(nc);
  const mon = new ProcMonitor({ gateway: gateway.pid, "lead-analysis": agents.pid, ...Object.fromEntries(children.map((c, k) => [k === 0 ? "stream clients" : `stream clients ${k + 1}`, c.pid!])) }, true).start();
  const start = nowMs();
  // BENCH_STREAM_STALL_MS (an experiment, not a measurement): the process holding the unfiltered
  // streams is stopped (SIGSTOP) for that long, 1 s into the run — a reader descheduled or paused
  // on a busy machine — to see what stall the slow-client rules let a firehose reader survive.
  const stallMs = Number(process.env.BENCH_STREAM_STALL_MS ?? 0);
  const stalled = stallMs > 0 ? children[children.length - 1] : undefined;
  const stall = stalled
    ? setTimeout(() => {
        stalled.kill("SIGSTOP");
        setTimeout(() => stalled.kill("SIGCONT"), stallMs).unref();
      }, 1000)
    : undefined;
  await publishWindowed(js, n, 1000, taskSubject("lead_analysis", "normal"), (i) => data[i]!, (i) => `${prefix}${i}`);
  if (stall) clearTimeout(stall);
  const endAt = await waitUntil(async () => (await db.count("select count(*) as n from ai_interactions where status = 'completed'")) >= n, 600_000, 50, "all results in Postgres");
  const m = mon.stop();
  // The clients' CPU, all processes together.
  for (let k = 1; k < children.length; k++) {
    m.cpu_s["stream clients"] = round((m.cpu_s["stream clients"] ?? 0) + (m.cpu_s[`stream clients ${k + 1}`] ?? 0), 2);
    delete m.cpu_s[`stream clients ${k + 1}`];
  }
  let stream: StreamReport | undefined;
  let dispatchLag: { p50_ms: number; p99_ms: number } | undefined;
  let deliveries: number | undefined;
  if (child) {
    // The gateway's own share: from an event's storage in RESULTS to its dispatch (its /metrics summary).
    const text = await (await fetch(`${gateway.url}/metrics`)).text();
    const q = (p: string) => round(1000 * Number(new RegExp(`^gardenos_stream_dispatch_lag_seconds\\{quantile="${p}"\\} (\\S+)`, "m").exec(text)?.[1] ?? NaN), 1);
    dispatchLag = { p50_ms: q("0.5"), p99_ms: q("0.99") };
    deliveries = Number(/^gardenos_stream_events_delivered_total (\S+)/m.exec(text)?.[1] ?? NaN);
    // Let the last events reach the subscribers, then ask for the report.
    await new Promise((r) => setTimeout(r, 1000));
    const ask = (c: ReturnType<typeof fork>, msg: object) =>
      new Promise<StreamReport & { loop_delay_max_ms: number }>((resolve, reject) => {
        // A client process that died does not answer: fail the run rather than wait for ever.
        if (c.exitCode !== null || c.signalCode !== null) return reject(new Error(`stream clients exited (${c.exitCode ?? c.signalCode}) before their report`));
        c.once("exit", (code, signal) => reject(new Error(`stream clients exited (${code ?? signal}) before their report`)));
        c.once("message", (r) => resolve(r as StreamReport & { loop_delay_max_ms: number }));
        c.send(msg);
      });
    const first = await ask(children[0]!, { report: true });
    const rest = [];
    for (const c of children.slice(1)) rest.push(await ask(c, { report: true, result_at: first.result_at }));
    const all = [first, ...rest];
    const latencies = all.flatMap((r) => r.latencies ?? []);
    stream = {
      received: all.reduce((a, r) => a + r.received, 0),
      cut_off: all.reduce((a, r) => a + r.cut_off, 0),
      lead_streams: leads,
      lead_events: all.reduce((a, r) => a + r.lead_events, 0),
      broad_events_min: Math.min(...all.map((r) => r.broad_events_min ?? Infinity)),
      p50_ms: round(percentile(latencies, 50), 1),
      p99_ms: round(percentile(latencies, 99), 1),
      max_ms: round(latencies.reduce((a, b) => Math.max(a, b), 0), 1),
      cpu_s: round(all.reduce((a, r) => a + r.cpu_s, 0), 2),
      reads: { lead: all.reduce((a, r) => a + r.reads.lead, 0), broad: all.reduce((a, r) => a + r.reads.broad, 0) },
      loop_delay_max_ms: all.map((r) => r.loop_delay_max_ms),
    };
  }
  await nc.drain();
  await agents.stop();
  await gateway.stop();
  await nats.stop();
  await db.drop();
  const seconds = (endAt - start) / 1000;
  return {
    subscribers: leads + broad > 0 ? `${leads} per lead + ${broad} unfiltered` : "none",
    tasks_per_s: round(n / seconds, 0),
    seconds: round(seconds, 2),
    gateway_peak_rss_mb: m.peak_rss_mb.gateway ?? 0,
    gateway_cpu_s: m.cpu_s.gateway ?? 0,
    cpu_s: m.cpu_s,
    ...(stream ? { stream } : {}),
    ...(dispatchLag ? { dispatch_lag: dispatchLag } : {}),
    ...(deliveries !== undefined ? { deliveries } : {}),
    load: load(),
  };
}

/**
 * `stream`: the throughput pipeline with and without live subscribers — 1,000 SSE streams each
 * filtered to one lead plus 10 unfiltered — measuring how long after its result event each
 * `task.completed` reaches its subscribers, what the subscribers cost in tasks/s, and the gateway's RSS.
 */
export async function stream(ctx: ScenarioContext): Promise<ScenarioResult> {
  const n = Number(process.env.BENCH_N ?? (ctx.quick ? 1000 : 10_000));
  // Pairs (without, with), alternating, so a busy spell of the machine hits both sides alike.
  const reps = Number(process.env.BENCH_REPS ?? (ctx.quick ? 1 : 3));
  const leads = ctx.quick ? 200 : 1000;
  const broad = ctx.quick ? 4 : 10;
  ctx.log(`  ${n.toLocaleString("en")} tasks × ${reps}, without and with ${leads} lead-filtered + ${broad} unfiltered SSE subscribers…`);
  const bases: Run[] = [];
  const lives: Run[] = [];
  for (let r = 0; r < reps; r++) {
    const base = await run(n, 0, 0);
    ctx.log(`  no subscribers: ${base.tasks_per_s} tasks/s; gateway peak RSS ${base.gateway_peak_rss_mb} MB`);
    const live = await run(n, leads, broad, ctx.profile && r === 0 ? ctx.profileDir : undefined);
    ctx.log(`  with subscribers: ${live.tasks_per_s} tasks/s; event p50 ${live.stream!.p50_ms} ms, p99 ${live.stream!.p99_ms} ms; gateway peak RSS ${live.gateway_peak_rss_mb} MB; ${live.stream!.received} events received; socket reads (lead streams / unfiltered) ${live.stream!.reads.lead} / ${live.stream!.reads.broad}; cut off ${live.stream!.cut_off}; clients' longest event-loop delay ${live.stream!.loop_delay_max_ms.join(" / ")} ms; CPU s gateway ${live.gateway_cpu_s} (without: ${base.gateway_cpu_s}), clients ${live.cpu_s["stream clients"] ?? "?"}`);
    bases.push(base);
    lives.push(live);
  }
  const expected = { lead: n, broad: n };
  const baseTps = median(bases.map((b) => b.tasks_per_s));
  const liveTps = median(lives.map((l) => l.tasks_per_s));
  const p99 = median(lives.map((l) => l.stream!.p99_ms));
  const drop = round(1 - liveTps / baseTps, 3);
  const peakRss = Math.max(...lives.map((l) => l.gateway_peak_rss_mb));
  // The gateway's CPU per delivery: what the live run costs it over the run without, per event handed to a subscriber.
  const usPerDelivery = median(lives.map((l, k) => (1e6 * (l.gateway_cpu_s - bases[k]!.gateway_cpu_s)) / (l.deliveries ?? NaN)));
  // An estimate, not a measurement: the live run's wall time less the clients' CPU spread over the
  // cores (the pipeline is CPU-bound on them), i.e. the tasks/s had the clients run elsewhere.
  const cores = cpus().length;
  const liveTpsNoClients = median(lives.map((l) => n / Math.max(0.001, l.seconds - (l.cpu_s["stream clients"] ?? 0) / cores)));
  const dropNoClients = round(1 - liveTpsNoClients / baseTps, 3);
  const targets = {
    "every subscriber got every event it asked for": lives.every((l) => l.stream!.lead_events === expected.lead && l.stream!.broad_events_min === expected.broad && l.stream!.cut_off === 0),
    "event p99 ≤ 100 ms after its result event (median of the runs)": p99 <= 100,
    "tasks/s drops ≤ 10 % (medians)": drop <= 0.1,
    "gateway RSS ≤ 200 MB (every run)": peakRss <= 200,
  };
  const row = (r: Run) => {
    const st = r.stream;
    return [r.subscribers, r.tasks_per_s, st?.p50_ms ?? "–", st?.p99_ms ?? "–", st?.max_ms ?? "–", st ? `${r.dispatch_lag?.p50_ms ?? "–"} / ${r.dispatch_lag?.p99_ms ?? "–"}` : "–", st?.received ?? "–", r.gateway_peak_rss_mb, `${r.gateway_cpu_s} / ${r.cpu_s["lead-analysis"] ?? 0} / ${st ? (r.cpu_s["stream clients"] ?? 0) : "–"}`];
  };
  const text =
    table(
      ["subscribers", "tasks/s", "event p50 ms", "event p99 ms", "event max ms", "gateway dispatch lag p50 / p99 ms", "events delivered", "gateway peak RSS MB", "CPU s: gateway / agents / stream clients"],
      bases.flatMap((b, k) => [row(b), row(lives[k]!)]),
    ) +
    `\n\nMedians over ${reps} pair(s): ${baseTps} tasks/s without subscribers, ${liveTps} with (drop ${round(drop * 100, 1)} %); event p99 ${p99} ms. The gateway: ${round(usPerDelivery, 1)} µs of CPU per event handed to a subscriber (its CPU over the run without subscribers, per delivery; ${lives[0]?.deliveries ?? "?"} deliveries a run, task.started to the unfiltered streams included). Estimate had the clients run elsewhere (live wall time less their CPU / ${cores} cores): ${round(liveTpsNoClients, 0)} tasks/s, drop ${round(dropNoClients * 100, 1)} %. ${n.toLocaleString("en")} tasks published straight to JetStream (window 1,000), 50 lead-analysis agents, Postgres; latency from the result event (as a core NATS subscriber in the subscribers' process sees it) to the SSE \`task.completed\` in that process; the gateway's dispatch lag (its own /metrics) is from the event's storage in RESULTS to its hand-over to the subscribers' sockets. The stream clients run on the same 2 cores as the pipeline (in production they are the CRM's processes, elsewhere): their CPU is in the last column.`;
  return {
    scenario: "stream",
    params: { n, reps, lead_subscribers: leads, unfiltered_subscribers: broad },
    runs: bases.flatMap((b, k) => [b, lives[k]!]),
    drop,
    gateway_us_per_delivery: round(usPerDelivery, 1),
    estimate_without_client_cpu: { tasks_per_s: round(liveTpsNoClients, 0), drop: dropNoClients },
    targets,
    text,
  };
}

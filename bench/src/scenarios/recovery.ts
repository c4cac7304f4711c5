import { Streams, consumerName, leadAnalysis, taskSubject } from "@gardenos/contracts";
import { createDatabase, startNats } from "../lib/infra.js";
import { benchConnection, declareTopology, jetstream, leadBacklog } from "../lib/gardenos.js";
import { benchLead, sampleLeads } from "../lib/leads.js";
import { startService } from "../lib/procs.js";
import { publishWindowed } from "../lib/producer.js";
import { load, nowMs, round, table, waitUntil } from "../lib/stats.js";
import type { ScenarioContext, ScenarioResult } from "./types.js";

/** Recovery: a fresh agent service drains a 100,000-task queue; then a nats-server restart mid-drain. */
export async function recovery(ctx: ScenarioContext): Promise<ScenarioResult> {
  const queued = ctx.quick ? 5000 : 100_000;
  const second = ctx.quick ? 3000 : 20_000;
  const agents = 50;
  const nats = await startNats();
  const nc = await benchConnection(nats.url, "bench-recovery");
  const jsm = await declareTopology(nc);
  const js = jetstream(nc);
  const enc = new TextEncoder();
  const samples = sampleLeads();
  const subject = taskSubject("lead_analysis", "normal");
  const payload = (prefix: string) => (i: number) => enc.encode(JSON.stringify({ task_id: `${prefix}${i}`, lead: benchLead(samples, i), priority: 5 }));
  const p1 = await publishWindowed(js, queued, 2000, subject, payload("r1-"), (i) => `r1-${i}`);
  ctx.log(`  queued ${queued} tasks in ${((p1.endedAt - p1.startedAt) / 1000).toFixed(1)} s (load ${load()})`);

  // 1. A freshly started agent service drains the queue.
  const env = { NATS_URL: nats.url, LEAD_ANALYSIS_AGENTS: String(agents), MAX_LEAD_ANALYSIS_AGENTS: String(agents), HEARTBEAT_INTERVAL: "5" };
  const spawnedAt = nowMs();
  const svc = await startService("lead-analysis", { env, tag: "recovery", ...(ctx.profile ? { cpuProfDir: ctx.profileDir } : {}) });
  const readyAt = nowMs();
  const drainedAt = await waitUntil(async () => (await leadBacklog(jsm)) === 0, 600_000, 100, "the queue to drain");
  const drainS = (drainedAt - spawnedAt) / 1000;
  ctx.log(`  drained ${queued} in ${drainS.toFixed(1)} s from spawn (ready after ${((readyAt - spawnedAt) / 1000).toFixed(2)} s; ${Math.round(queued / ((drainedAt - readyAt) / 1000))} tasks/s)`);

  // 2. nats-server restarts while the service works through a second batch.
  let lastResult = 0;
  nc.subscribe(leadAnalysis.resultSubject, { callback: () => void (lastResult = nowMs()) });
  await publishWindowed(js, second, 2000, subject, payload("r2-"), (i) => `r2-${i}`);
  await waitUntil(async () => (await leadBacklog(jsm)) <= second * 0.7, 120_000, 20, "the second batch to start");
  const downAt = nowMs();
  await nats.server.stop();
  const stoppedAt = nowMs();
  await nats.server.start();
  const upAt = nowMs();
  const resumedAt = await waitUntil(() => lastResult > upAt, 120_000, 10, "processing to resume");
  // What is left after the restart: waiting (num_pending) vs handed out and unacknowledged (num_ack_pending).
  const trace: { at_s: number; pending: number; ack_pending: number; redelivered: number }[] = [];
  const traceTimer = setInterval(() => {
    void jsm.consumers
      .info(Streams.tasks, consumerName("lead_analysis", "normal"))
      .then((ci) => trace.push({ at_s: round((nowMs() - upAt) / 1000, 1), pending: ci.num_pending, ack_pending: ci.num_ack_pending, redelivered: ci.num_redelivered }))
      .catch(() => undefined);
  }, 1000);
  const drained2At = ctx.quick
    ? NaN
    : await waitUntil(async () => (await leadBacklog(jsm).catch(() => 1)) === 0, 600_000, 100, "the second batch to drain");
  clearInterval(traceTimer);
  if (trace.length) ctx.log(`  after the restart (s: pending/ack pending/redelivered): ${trace.filter((_, i) => i % 5 === 0).map((t) => `${t.at_s}: ${t.pending}/${t.ack_pending}/${t.redelivered}`).join(", ")}`);
  const info = await jsm.streams.info(Streams.results, { subjects_filter: leadAnalysis.resultSubject });
  void trace;
  const results = info.state.subjects?.[leadAnalysis.resultSubject] ?? 0;
  ctx.log(`  nats-server down ${((upAt - downAt) / 1000).toFixed(2)} s; processing resumed ${((resumedAt - upAt) / 1000).toFixed(2)} s after it was back; ${results} of ${queued + second} results stored`);
  await svc.stop();

  // 3. The whole pipeline (gateway with Postgres, agents) is killed mid-work (SIGKILL, every
  // service) and nats-server restarts; then the services start again. Measured: from the services
  // being ready again until every task has its completed row.
  const third = ctx.quick ? 3000 : 20_000;
  const db = await createDatabase();
  const env3 = { ...env, DATABASE_URL: db.url };
  let gateway = await startService("gateway", { env: env3, tag: "recovery-kill" });
  let agentsSvc = await startService("lead-analysis", { env: env3, tag: "recovery-kill" });
  await publishWindowed(js, third, 2000, subject, payload("r3-"), (i) => `r3-${i}`);
  const rows = () => db.count("select count(*) as n from ai_interactions where status = 'completed' and task_id like 'r3-%'");
  await waitUntil(async () => (await rows()) >= third * 0.3, 120_000, 20, "a third of the batch recorded");
  const before = await rows();
  await Promise.all([gateway.stop("SIGKILL"), agentsSvc.stop("SIGKILL")]);
  await nats.server.stop();
  await nats.server.start();
  const restartedAt = nowMs();
  [gateway, agentsSvc] = await Promise.all([startService("gateway", { env: env3, tag: "recovery-kill" }), startService("lead-analysis", { env: env3, tag: "recovery-kill" })]);
  const servicesReadyAt = nowMs();
  const allRowsAt = await waitUntil(async () => (await rows()) >= third, 600_000, 50, "every task of the killed batch recorded");
  const kill = {
    tasks: third,
    recorded_before_kill: before,
    services_ready_after_restart_s: round((servicesReadyAt - restartedAt) / 1000, 2),
    all_completed_after_ready_s: round((allRowsAt - servicesReadyAt) / 1000, 2),
  };
  ctx.log(`  killed every service with ${third - before} of ${third} tasks unrecorded; services ready ${kill.services_ready_after_restart_s} s after nats-server was back; every task completed ${kill.all_completed_after_ready_s} s after that`);
  const resultsInfo = await jsm.streams.info(Streams.results, { subjects_filter: leadAnalysis.resultSubject });
  const resultsAfterKill = resultsInfo.state.subjects?.[leadAnalysis.resultSubject] ?? 0;
  await gateway.stop();
  await agentsSvc.stop();
  await db.drop();
  await nc.close();
  await nats.stop();

  const r = {
    drain_s: round(drainS, 1),
    start_to_ready_s: round((readyAt - spawnedAt) / 1000, 2),
    drain_tasks_per_s: round(queued / ((drainedAt - readyAt) / 1000), 0),
    nats_stop_s: round((stoppedAt - downAt) / 1000, 2),
    nats_down_s: round((upAt - downAt) / 1000, 2),
    resume_after_up_s: round((resumedAt - upAt) / 1000, 2),
    second_batch_drain_after_up_s: ctx.quick ? null : round((drained2At - upAt) / 1000, 1),
    after_restart_trace: trace,
    results_stored: results,
    results_expected: queued + second,
    kill_all: kill,
    results_after_kill: resultsAfterKill,
  };
  const text = table(
    ["measure", "value"],
    [
      [`drain ${queued.toLocaleString("en")} queued tasks, from spawn (${agents} agents)`, `${r.drain_s} s (${r.drain_tasks_per_s} tasks/s once ready)`],
      ["agent service spawn → ready", `${r.start_to_ready_s} s`],
      ["nats-server restart (stop + start, store recovered)", `${r.nats_down_s} s`],
      ["first result after nats-server is back", `${r.resume_after_up_s} s`],
      [`rest of the ${second.toLocaleString("en")}-task batch drained after restart`, ctx.quick ? "not waited for in --quick" : `${r.second_batch_drain_after_up_s} s`],
      ["results stored / tasks", `${results} / ${queued + second}`],
      [`every service SIGKILLed + nats-server restarted (${third.toLocaleString("en")} tasks, ${third - before} unrecorded): services ready after`, `${kill.services_ready_after_restart_s} s`],
      ["… every task completed (a row in Postgres) after the services were ready", `${kill.all_completed_after_ready_s} s`],
      ["results stored / tasks, all three batches", `${resultsAfterKill} / ${queued + second + third}`],
    ],
  );
  const complete = ctx.quick ? "pending" as const : results === queued + second;
  const targets = {
    "every task has exactly one result after the restart": complete,
    "after SIGKILL of every service and a nats-server restart, every task completes within 15 s of the services being ready": kill.all_completed_after_ready_s <= 15 && resultsAfterKill === queued + second + third,
  };
  return { scenario: "recovery", params: { queued, second_batch: second, third_batch: third, agents }, ...r, targets, text };
}

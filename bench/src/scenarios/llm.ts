import { writeFileSync } from "node:fs";
import { leadAnalysis, taskSubject } from "@gardenos/contracts";
import { startFakeOpenAi } from "../lib/fake-openai.js";
import { startNats } from "../lib/infra.js";
import { benchConnection, declareTopology, jetstream } from "../lib/gardenos.js";
import { benchLead, sampleLeads } from "../lib/leads.js";
import { ProcMonitor } from "../lib/monitor.js";
import { startService } from "../lib/procs.js";
import { publishWindowed } from "../lib/producer.js";
import { nowMs, percentile, round, table, waitUntil } from "../lib/stats.js";
import type { ScenarioContext, ScenarioResult } from "./types.js";

/** Measured tasks use leads numbered from here, so the fake model can tell them from the warm-up. */
const LLM_LEAD_OFFSET = 100_000;

/** LLM-bound efficiency: 50 agents, a model answering in 200 ms → at most 250 tasks/s. */
export async function llm(ctx: ScenarioContext): Promise<ScenarioResult> {
  const n = ctx.quick ? 500 : 2000;
  const agents = 50;
  const delayMs = 200;
  const bound = agents / (delayMs / 1000);
  const fake = await startFakeOpenAi(delayMs);
  const nats = await startNats();
  const nc = await benchConnection(nats.url, "bench-llm");
  await declareTopology(nc);
  // BENCH_LLM_PRICED=1 gives the calls a price (DeepSeek-V3-like), so every call also books its cost in the KV budget.
  const prices = process.env.BENCH_LLM_PRICED === "1" ? { input: 0.28, output: 0.88 } : { input: 0, output: 0 };
  const providers = [{ name: "fake", baseURL: fake.baseURL, model: "fake-model", maxConcurrency: agents, jsonMode: true, prices }];
  const svc = await startService("lead-analysis", {
    env: { NATS_URL: nats.url, LEAD_ANALYSIS_AGENTS: String(agents), MAX_LEAD_ANALYSIS_AGENTS: String(agents), LLM_PROVIDERS: JSON.stringify(providers), HEARTBEAT_INTERVAL: "5" },
    tag: "llm",
    ...(ctx.profile ? { cpuProfDir: ctx.profileDir } : {}),
  });
  const enc = new TextEncoder();
  const samples = sampleLeads();
  const sentAt = new Float64Array(n);
  const doneAt = new Float64Array(n);
  let results = 0;
  let degraded = 0;
  /** The agent's own time per task (started_at → completed_at in the result). */
  const agentMs: number[] = [];
  /** Per task, started_at and completed_at from its result; matched at the end with when its call reached the model and was answered. */
  const startedAt = new Float64Array(n);
  const completedAt = new Float64Array(n);
  /** Per task, the agent that ran it (for the per-agent breakdown of the run's time). */
  const agentOf: string[] = new Array<string>(n);
  nc.subscribe(leadAnalysis.resultSubject, {
    callback: (_e, m) => {
      const id = m.headers?.get("Nats-Msg-Id") ?? "";
      if (!id.startsWith("llm-")) return;
      const i = Number(id.slice(4, id.indexOf(":")));
      if (!doneAt[i]) {
        doneAt[i] = nowMs();
        results++;
        const ev = m.json() as { degraded?: boolean; latency_ms?: number; started_at?: string; completed_at?: string; agent_id?: string };
        if (ev.agent_id) agentOf[i] = ev.agent_id;
        if (ev.started_at && ev.completed_at) {
          startedAt[i] = Date.parse(ev.started_at);
          completedAt[i] = Date.parse(ev.completed_at);
        }
        if (ev.degraded) degraded++;
        if (typeof ev.latency_ms === "number") agentMs.push(ev.latency_ms);
      }
    },
  });
  await nc.flush();
  // Warm-up, not counted: two waves, so connections to the model are open and the code is compiled.
  const warm = agents * 2;
  let warmDone = 0;
  const warmSub = nc.subscribe(leadAnalysis.resultSubject, { callback: () => void warmDone++ });
  await publishWindowed(jetstream(nc), warm, 1000, taskSubject("lead_analysis", "normal"), (i) => enc.encode(JSON.stringify({ task_id: `warm-${i}`, lead: benchLead(samples, i), priority: 5 })), (i) => `warm-${i}`);
  await waitUntil(() => warmDone >= warm, 120_000, 20, "the warm-up tasks");
  warmSub.unsubscribe();
  const statsAtStart = await fake.stats();
  const mon = new ProcMonitor({ "lead-analysis": svc.pid }).start();
  await publishWindowed(jetstream(nc), n, 1000, taskSubject("lead_analysis", "normal"), (i) => enc.encode(JSON.stringify({ task_id: `llm-${i}`, lead: benchLead(samples, LLM_LEAD_OFFSET + i), priority: 5 })), (i) => `llm-${i}`, sentAt);
  const endAt = await waitUntil(() => results >= n, 300_000, 20, "every LLM task");
  const m = mon.stop();
  const stats = await fake.stats();
  await nc.close();
  await svc.stop();
  await nats.stop();
  await fake.close();
  /** Before the model call (task start → request at the model) and after it (answer sent → task done), per task. */
  const beforeMs: number[] = [];
  const afterMs: number[] = [];
  let firstAtModel = Infinity;
  for (let i = 0; i < n; i++) {
    const call = stats.calls.get(String(LLM_LEAD_OFFSET + i));
    if (!call) continue;
    firstAtModel = Math.min(firstAtModel, call.arrived);
    if (!startedAt[i]) continue;
    beforeMs.push(call.arrived - startedAt[i]!);
    afterMs.push(completedAt[i]! - call.answered);
  }
  // The run ends when the last result reached the bench (not when the 20 ms poll above noticed it).
  let lastResultAt = 0;
  for (let i = 0; i < n; i++) lastResultAt = Math.max(lastResultAt, doneAt[i]!);
  const seconds = (lastResultAt - sentAt[0]!) / 1000;
  const tps = n / seconds;
  const lat: number[] = [];
  for (let i = 0; i < n; i++) lat.push(doneAt[i]! - sentAt[i]!);
  const share = tps / bound;
  // Steady state (Little's law's own assumption): results between 1 s after the first publish and
  // 1 s before the last result, so the ramp (the first wave's start) and the drain (agents that
  // run out of tasks at staggered times in the last cycle, about half a 200 ms cycle each) are
  // left out. Information only: the target is on the whole run.
  const from = sentAt[0]! + 1000;
  const to = lastResultAt - 1000;
  let inWindow = 0;
  for (let i = 0; i < n; i++) if (doneAt[i]! >= from && doneAt[i]! < to) inWindow++;
  const steadyTps = to - from >= 1000 ? inWindow / ((to - from) / 1000) : undefined;
  // Where the run went, per agent (means over the agents, ms; the agent's clock, ms resolution):
  // from the first publish to its first task's start (ramp), its tasks beyond the model's latency,
  // the time between its tasks, and from its last task's end to the last result (drain). Per agent
  // they add up to the run's length less the model's latency per task.
  const byAgent = new Map<string, number[]>();
  for (let i = 0; i < n; i++) {
    const a = agentOf[i];
    if (!a || !startedAt[i]) continue;
    let l = byAgent.get(a);
    if (!l) byAgent.set(a, (l = []));
    l.push(i);
  }
  let rampSum = 0;
  let overSum = 0;
  let gapSum = 0;
  let drainSum = 0;
  let firstWaveLastCall = 0;
  /** Per agent, its first task's time before the call (task start → request at the model). */
  const firstWaveBefore: number[] = [];
  for (const l of byAgent.values()) {
    l.sort((a, b) => startedAt[a]! - startedAt[b]!);
    rampSum += startedAt[l[0]!]! - sentAt[0]!;
    const firstCall = stats.calls.get(String(LLM_LEAD_OFFSET + l[0]!));
    if (firstCall) {
      firstWaveLastCall = Math.max(firstWaveLastCall, firstCall.arrived - sentAt[0]!);
      firstWaveBefore.push(firstCall.arrived - startedAt[l[0]!]!);
    }
    for (let k = 0; k < l.length; k++) {
      overSum += completedAt[l[k]!]! - startedAt[l[k]!]! - delayMs;
      if (k > 0) gapSum += startedAt[l[k]!]! - completedAt[l[k - 1]!]!;
    }
    drainSum += lastResultAt - completedAt[l[l.length - 1]!]!;
  }
  const perAgent = Math.max(1, byAgent.size);
  // BENCH_LLM_DUMP=<file>: every task's times (published, started, at the model, answered,
  // completed, result at the bench; epoch ms) and agent, for a closer look at one run.
  if (process.env.BENCH_LLM_DUMP) {
    const calls = Array.from({ length: n }, (_, i) => stats.calls.get(String(LLM_LEAD_OFFSET + i)) ?? null);
    writeFileSync(process.env.BENCH_LLM_DUMP, JSON.stringify({ t0: sentAt[0], lastResultAt, sentAt: [...sentAt], doneAt: [...doneAt], startedAt: [...startedAt], completedAt: [...completedAt], agentOf, calls }));
  }
  const r = {
    tasks_per_s: round(tps, 1),
    bound_tasks_per_s: bound,
    share_pct: round(100 * share, 1),
    steady_tasks_per_s: steadyTps !== undefined ? round(steadyTps, 1) : null,
    steady_share_pct: steadyTps !== undefined ? round((100 * steadyTps) / bound, 1) : null,
    seconds: round(seconds, 2),
    p50_ms: round(percentile(lat, 50), 0),
    p99_ms: round(percentile(lat, 99), 0),
    agent_task_ms_p50: round(percentile(agentMs, 50), 1),
    agent_task_ms_mean: round(agentMs.reduce((a, b) => a + b, 0) / Math.max(1, agentMs.length), 1),
    /** Per agent and task, the time not spent inside a task: n·agents/throughput − mean task time. */
    between_tasks_ms: round((agents / tps) * 1000 - agentMs.reduce((a, b) => a + b, 0) / Math.max(1, agentMs.length), 1),
    /** How long the fake model took per call as it saw it (200 ms + its own timer lateness). */
    llm_server_ms_mean: round((stats.serverMsTotal - statsAtStart.serverMsTotal) / Math.max(1, stats.requests - statsAtStart.requests), 1),
    llm_requests: stats.requests - statsAtStart.requests,
    warmup_tasks: warm,
    /** Median time from the task's start to its request reaching the model, and from the answer to the task's end. */
    before_model_ms_p50: round(percentile(beforeMs, 50), 1),
    after_model_ms_p50: round(percentile(afterMs, 50), 1),
    /** From the first task published to the first measured call reaching the model (the start of the first wave). */
    first_call_at_model_ms: round(firstAtModel - sentAt[0]!, 1),
    /** From the first task published to the first measured task's start (its task.started). */
    first_start_ms: round(Math.min(...Array.from(startedAt).filter((t) => t > 0)) - sentAt[0]!, 1),
    /** The first wave: when the last agent's first call reached the model, after the first publish. */
    first_wave_last_call_ms: round(firstWaveLastCall, 1),
    /** The first wave's time before the call (task start → request at the model), median and max. */
    first_wave_before_model_ms_p50: round(percentile(firstWaveBefore, 50), 1),
    first_wave_before_model_ms_max: round(Math.max(0, ...firstWaveBefore), 1),
    /** Per agent, means (ms): see "Where the run went" above. */
    agent_ramp_ms: round(rampSum / perAgent, 1),
    agent_task_over_model_ms: round(overSum / perAgent, 1),
    agent_between_tasks_ms: round(gapSum / perAgent, 1),
    agent_drain_ms: round(drainSum / perAgent, 1),
    /** How late the bench's 20 ms poll noticed the last result (no longer part of the run's time). */
    end_poll_lag_ms: round(endAt - lastResultAt, 1),
    llm_max_open: stats.maxOpen,
    degraded_results: degraded,
    ...m,
  };
  ctx.log(`  ${r.tasks_per_s} tasks/s of ${bound} (${r.share_pct} %; steady state ${r.steady_tasks_per_s ?? "-"} tasks/s, ${r.steady_share_pct ?? "-"} %); ${r.llm_requests} LLM calls, at most ${r.llm_max_open} at once; ${degraded} degraded; agent time per task mean ${r.agent_task_ms_mean} ms (p50 ${r.agent_task_ms_p50}; the model itself ${r.llm_server_ms_mean} ms; p50 before the call ${r.before_model_ms_p50} ms, after it ${r.after_model_ms_p50} ms), between tasks ${r.between_tasks_ms} ms; first task started ${r.first_start_ms} ms and first call at the model ${r.first_call_at_model_ms} ms after the first task was published; the first wave's last call at the model after ${r.first_wave_last_call_ms} ms (its time before the call p50 ${r.first_wave_before_model_ms_p50}, max ${r.first_wave_before_model_ms_max} ms); per agent (ms): ramp ${r.agent_ramp_ms}, tasks beyond the model ${r.agent_task_over_model_ms}, between tasks ${r.agent_between_tasks_ms}, drain ${r.agent_drain_ms}`);
  const text = table(
    ["tasks", "agents", "LLM latency", "bound tasks/s", "tasks/s", "share of bound", "LLM calls (max open)", "degraded", "lead-analysis CPU s"],
    [[n, agents, `${delayMs} ms`, bound, r.tasks_per_s, `${r.share_pct} %`, `${r.llm_requests} (${r.llm_max_open})`, degraded, m.cpu_s["lead-analysis"] ?? 0]],
  );
  return { scenario: "llm", params: { n, agents, delay_ms: delayMs }, ...r, targets: { "≥ 97 % of the 250 tasks/s bound": share >= 0.97 && degraded === 0 }, text };
}

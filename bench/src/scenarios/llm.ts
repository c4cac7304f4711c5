import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { leadAnalysis, taskSubject } from "@gardenos/contracts";
import { startNats } from "../lib/infra.js";
import { benchConnection, declareTopology, jetstream } from "../lib/gardenos.js";
import { benchLead, sampleLeads } from "../lib/leads.js";
import { ProcMonitor } from "../lib/monitor.js";
import { startService } from "../lib/procs.js";
import { publishWindowed } from "../lib/producer.js";
import { nowMs, percentile, round, table, waitUntil } from "../lib/stats.js";
import type { ScenarioContext, ScenarioResult } from "./types.js";

const ANSWER = JSON.stringify({
  lead_quality_score: 8,
  conversion_probability: 72,
  recommended_action: "Book a demo with the VP of Operations",
  follow_up_timeline: "Within 24 hours",
  key_insights: ["Senior buyer engaged", "Requested a demo"],
  top_positive_factors: [{ factor: "Demo request", impact: 15, detail: "Asked for a demo" }],
  top_negative_factors: [{ factor: "Two vendors", impact: -5, detail: "Evaluating a competitor" }],
});

/**
 * A minimal OpenAI-compatible server: every chat completion is answered after `delayMs` with a
 * valid lead-analysis JSON. Counts requests and the most it had open at once.
 */
interface FakeStats {
  requests: number;
  open: number;
  maxOpen: number;
  serverMsTotal: number;
  /** Per lead id found in the prompt: when the request arrived and when the answer was sent (epoch ms). */
  calls: Map<string, { arrived: number; answered: number }>;
}

async function fakeOpenAi(delayMs: number): Promise<{ server: Server; baseURL: string; stats: FakeStats }> {
  const stats: FakeStats = { requests: 0, open: 0, maxOpen: 0, serverMsTotal: 0, calls: new Map() };
  const server = createServer((req, res) => {
    const arrived = performance.now();
    const arrivedAt = nowMs();
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      if (req.method !== "POST" || !req.url?.endsWith("/chat/completions")) {
        res.writeHead(404, { "content-type": "application/json" }).end(JSON.stringify({ error: { message: "not found" } }));
        return;
      }
      stats.requests++;
      stats.maxOpen = Math.max(stats.maxOpen, ++stats.open);
      let model = "fake-model";
      const text = Buffer.concat(chunks).toString("utf8");
      try {
        model = (JSON.parse(text) as { model?: string }).model ?? model;
      } catch {
        // keep the default
      }
      const leadId = /LD-\d+-\d+-(\d+)/.exec(text)?.[1];
      setTimeout(() => {
        stats.open--;
        stats.serverMsTotal += performance.now() - arrived;
        if (leadId) stats.calls.set(leadId, { arrived: arrivedAt, answered: nowMs() });
        res.writeHead(200, { "content-type": "application/json" }).end(
          JSON.stringify({
            id: `chatcmpl-${stats.requests}`,
            object: "chat.completion",
            created: Math.floor(Date.now() / 1000),
            model,
            choices: [{ index: 0, message: { role: "assistant", content: ANSWER }, finish_reason: "stop", logprobs: null }],
            usage: { prompt_tokens: 700, completion_tokens: 120, total_tokens: 820 },
          }),
        );
      }, delayMs);
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return { server, baseURL: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`, stats };
}

/** Measured tasks use leads numbered from here, so the fake model can tell them from the warm-up. */
const LLM_LEAD_OFFSET = 100_000;

/** LLM-bound efficiency: 50 agents, a model answering in 200 ms → at most 250 tasks/s. */
export async function llm(ctx: ScenarioContext): Promise<ScenarioResult> {
  const n = ctx.quick ? 500 : 2000;
  const agents = 50;
  const delayMs = 200;
  const bound = agents / (delayMs / 1000);
  const fake = await fakeOpenAi(delayMs);
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
  /** Before the model call (task start → request at the model) and after it (answer sent → task done), per task. */
  const beforeMs: number[] = [];
  const afterMs: number[] = [];
  nc.subscribe(leadAnalysis.resultSubject, {
    callback: (_e, m) => {
      const id = m.headers?.get("Nats-Msg-Id") ?? "";
      if (!id.startsWith("llm-")) return;
      const i = Number(id.slice(4, id.indexOf(":")));
      if (!doneAt[i]) {
        doneAt[i] = nowMs();
        results++;
        const ev = m.json() as { degraded?: boolean; latency_ms?: number; started_at?: string; completed_at?: string };
        const call = fake.stats.calls.get(String(LLM_LEAD_OFFSET + i));
        if (call && ev.started_at && ev.completed_at) {
          beforeMs.push(call.arrived - Date.parse(ev.started_at));
          afterMs.push(Date.parse(ev.completed_at) - call.answered);
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
  const statsAtStart = { ...fake.stats };
  const mon = new ProcMonitor({ "lead-analysis": svc.pid }).start();
  await publishWindowed(jetstream(nc), n, 1000, taskSubject("lead_analysis", "normal"), (i) => enc.encode(JSON.stringify({ task_id: `llm-${i}`, lead: benchLead(samples, LLM_LEAD_OFFSET + i), priority: 5 })), (i) => `llm-${i}`, sentAt);
  const endAt = await waitUntil(() => results >= n, 300_000, 20, "every LLM task");
  const m = mon.stop();
  await nc.close();
  await svc.stop();
  await nats.stop();
  await new Promise((r) => fake.server.close(r));
  fake.server.closeAllConnections();
  const seconds = (endAt - sentAt[0]!) / 1000;
  const tps = n / seconds;
  const lat: number[] = [];
  for (let i = 0; i < n; i++) lat.push(doneAt[i]! - sentAt[i]!);
  const share = tps / bound;
  const r = {
    tasks_per_s: round(tps, 1),
    bound_tasks_per_s: bound,
    share_pct: round(100 * share, 1),
    seconds: round(seconds, 2),
    p50_ms: round(percentile(lat, 50), 0),
    p99_ms: round(percentile(lat, 99), 0),
    agent_task_ms_p50: round(percentile(agentMs, 50), 1),
    agent_task_ms_mean: round(agentMs.reduce((a, b) => a + b, 0) / Math.max(1, agentMs.length), 1),
    /** Per agent and task, the time not spent inside a task: n·agents/throughput − mean task time. */
    between_tasks_ms: round((agents / tps) * 1000 - agentMs.reduce((a, b) => a + b, 0) / Math.max(1, agentMs.length), 1),
    /** How long the fake model took per call as it saw it (200 ms + its own timer lateness). */
    llm_server_ms_mean: round((fake.stats.serverMsTotal - statsAtStart.serverMsTotal) / Math.max(1, fake.stats.requests - statsAtStart.requests), 1),
    llm_requests: fake.stats.requests - statsAtStart.requests,
    warmup_tasks: warm,
    /** Median time from the task's start to its request reaching the model, and from the answer to the task's end. */
    before_model_ms_p50: round(percentile(beforeMs, 50), 1),
    after_model_ms_p50: round(percentile(afterMs, 50), 1),
    llm_max_open: fake.stats.maxOpen,
    degraded_results: degraded,
    ...m,
  };
  ctx.log(`  ${r.tasks_per_s} tasks/s of ${bound} (${r.share_pct} %); ${r.llm_requests} LLM calls, at most ${r.llm_max_open} at once; ${degraded} degraded; agent time per task mean ${r.agent_task_ms_mean} ms (p50 ${r.agent_task_ms_p50}; the model itself ${r.llm_server_ms_mean} ms; p50 before the call ${r.before_model_ms_p50} ms, after it ${r.after_model_ms_p50} ms), between tasks ${r.between_tasks_ms} ms`);
  const text = table(
    ["tasks", "agents", "LLM latency", "bound tasks/s", "tasks/s", "share of bound", "LLM calls (max open)", "degraded", "lead-analysis CPU s"],
    [[n, agents, `${delayMs} ms`, bound, r.tasks_per_s, `${r.share_pct} %`, `${r.llm_requests} (${r.llm_max_open})`, degraded, m.cpu_s["lead-analysis"] ?? 0]],
  );
  return { scenario: "llm", params: { n, agents, delay_ms: delayMs }, ...r, targets: { "≥ 97 % of the 250 tasks/s bound": share >= 0.97 && degraded === 0 }, text };
}

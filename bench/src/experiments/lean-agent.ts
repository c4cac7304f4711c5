/**
 * Experiment, not a contender: the smallest agent loop on GardenOS's own JetStream path. It pulls
 * from the lead-analysis consumer, validates the event, scores, validates the result, publishes
 * `lead.analyzed` (awaiting the PubAck, with the same msgID) and acks — with `concurrency` tasks
 * at once and no task.started, retries, timers or per-task logger. It shows what the agent
 * runtime's extras cost. Run as a child process by the throughput scenario (BENCH_EXPERIMENTS=1).
 */
import { jetstream } from "@nats-io/jetstream";
import { connect } from "@nats-io/transport-node";
import { EVENT_SCHEMA_VERSION, LeadAnalysisResult, LeadAnalyzeEvent, Streams, consumerName, leadAnalysis } from "@gardenos/contracts";
import { scoreLead } from "@gardenos/lead-analysis";
import { AgentPool, LeanPublisher, createLogger } from "@gardenos/runtime";

const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 50);
const nc = await connect({ servers: process.env.NATS_URL!, name: "bench-lean-agent" });
const js = jetstream(nc);
// BENCH_LEAN_PUBLISHER=1 (bisecting the agent's promotion): publish with the runtime's LeanPublisher instead of js.publish.
const lean = process.env.BENCH_LEAN_PUBLISHER === "1" ? new LeanPublisher(nc) : undefined;
// BENCH_LEAN_EXTRAS (comma-separated, bisecting): headers (read the task's headers as the pool does),
// started (send task.started with the lead, needs BENCH_LEAN_PUBLISHER=1), timers (a keep-alive interval, a deadline timer and an AbortController per task),
// fetch (one fetch() per batch, as the pool's band feed pulls), pool (below).
const extras = new Set((process.env.BENCH_LEAN_EXTRAS ?? "").split(","));
const consumer = await js.consumers.get(Streams.tasks, consumerName("lead_analysis", "normal"));
// BENCH_LEAN_EXTRAS=fetch: pull as the pool's band feed does, one fetch() per batch, instead of one consume().
// BENCH_LEAN_EXTRAS=pool: the runtime's AgentPool with the built-in scorer as its handler, in this process (none of the service's other parts).
if (extras.has("pool")) {
  const pool = new AgentPool({
    nc,
    log: createLogger({ name: "lean-pool", level: "warn", format: "json" }),
    handler: {
      type: "lead_analysis",
      eventSchema: LeadAnalyzeEvent,
      resultSchema: LeadAnalysisResult,
      process: async (event) => ({ result: scoreLead(event.lead), model: "builtin-heuristic", provider: "builtin", degraded: false, usage: { prompt_tokens: 0, completion_tokens: 0 }, costUsd: 0 }),
    },
    agents: concurrency,
    maxAgents: concurrency,
    timeoutSeconds: 30,
    maxRetries: 3,
    heartbeatIntervalSeconds: 5,
  });
  await pool.start();
  process.send!({ type: "ready" });
  process.on("SIGTERM", () => void pool.stop(1000).then(() => nc.drain()).then(() => process.exit(0)));
  await new Promise(() => undefined);
}
const messages = extras.has("fetch") ? fetchLoop() : await consumer.consume({ max_messages: concurrency });
let fetching: { close(): Promise<void | Error> } | undefined;
async function* fetchLoop() {
  while (!nc.isClosed() && !nc.isDraining()) {
    const batch = await consumer.fetch({ max_messages: concurrency, expires: 5000 }).catch(() => undefined);
    if (!batch) return;
    fetching = batch;
    for await (const m of batch) yield m;
  }
}
const enc = new TextEncoder();
const dec = new TextDecoder();
let active = 0;
let freed: (() => void) | undefined;
process.send!({ type: "ready" });
process.on("SIGTERM", () => void ("close" in messages ? messages.close() : (fetching?.close() ?? Promise.resolve())).then(() => nc.drain()).then(() => process.exit(0)));
for await (const m of messages) {
  while (active >= concurrency) await new Promise<void>((r) => (freed = r));
  active++;
  void (async () => {
    try {
      const event = LeadAnalyzeEvent.parse(JSON.parse(dec.decode(m.data)));
      let tenant: string | undefined;
      if (extras.has("headers")) tenant = `${m.headers?.get("Gardenos-Task-Id") ?? ""}${m.headers?.get("traceparent") ?? ""}${m.headers?.get("Gardenos-Tenant") ?? ""}`;
      const keepAlive = extras.has("timers") ? setInterval(() => m.working(), 3333) : undefined;
      const ac = extras.has("timers") ? new AbortController() : undefined;
      const deadline = extras.has("timers") ? setTimeout(() => ac?.abort(), 30_000) : undefined;
      const started = Date.now();
      if (lean && extras.has("started"))
        lean.send("task.started", enc.encode(JSON.stringify({ task_id: event.task_id, started_at: new Date(started).toISOString(), tenant, lead: event.lead })), { msgID: `${event.task_id}:started` });
      const result = LeadAnalysisResult.parse(scoreLead(event.lead));
      const completed = Date.now();
      const out = {
        schema_version: EVENT_SCHEMA_VERSION,
        task_id: event.task_id,
        type: "lead_analysis",
        status: "completed",
        agent_id: "lean-0",
        model: "builtin-heuristic",
        provider: "builtin",
        degraded: false,
        usage: { prompt_tokens: 0, completion_tokens: 0 },
        cost_usd: 0,
        latency_ms: completed - started,
        attempts: m.info.deliveryCount,
        started_at: new Date(started).toISOString(),
        completed_at: new Date(completed).toISOString(),
        result,
      };
      const data = enc.encode(JSON.stringify(out));
      if (lean) await lean.publish(leadAnalysis.resultSubject, data, { msgID: `${event.task_id}:result` });
      else await js.publish(leadAnalysis.resultSubject, data, { msgID: `${event.task_id}:result` });
      clearTimeout(deadline);
      clearInterval(keepAlive);
      m.ack();
    } catch {
      m.nak(1000);
    } finally {
      active--;
      freed?.();
      freed = undefined;
    }
  })();
}

import { BANDS, agentTypes, type AgentType, type ClusterStatus, type QueuesDebug } from "@gardenos/contracts";
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import type { ResultsTracker } from "./results.js";

/** Breaker states as numbers (a Grafana state timeline maps them back). */
export const BREAKER_VALUES: Record<string, number> = { closed: 0, halfOpen: 1, half_open: 1, "half-open": 1, open: 2 };

/** Latency buckets in seconds: the built-in agents answer in ms, an LLM in seconds. */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20, 30, 60];

/**
 * The metrics service's Prometheus registry. Task counters and latency histograms follow the
 * RESULTS stream (replayed from the start of the day at start); gauges are set from the latest
 * status and queue snapshot on every scrape.
 */
export class PromMetrics {
  readonly registry = new Registry();
  private readonly tasks: Counter<"type" | "band" | "outcome">;
  private readonly latency: Histogram<"type" | "band">;
  private readonly tokens: Counter<"type" | "kind">;
  private readonly cost: Counter<"type">;
  private readonly cacheHits: Counter<"type">;
  private readonly degraded: Counter<"type">;
  private readonly queueDepth: Gauge<"type" | "band" | "state">;
  private readonly oldestAge: Gauge<"type" | "band">;
  private readonly redelivered: Gauge<"type" | "band">;
  private readonly agents: Gauge<"type" | "state">;
  private readonly desired: Gauge<"type">;
  private readonly replicas: Gauge<"type">;
  private readonly breaker: Gauge<"type" | "provider">;
  private readonly degradedMode: Gauge<"type">;
  private readonly budget: Gauge<"type">;
  private readonly deadLetters: Gauge;
  private readonly up: Gauge;

  /** `types`: the label values of the type label (default: every registered type, plugins included once loaded). */
  constructor(
    results: ResultsTracker,
    private readonly types: readonly AgentType[] = agentTypes.names(),
  ) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry, prefix: "gardenos_metrics_" });
    this.tasks = new Counter({ name: "gardenos_tasks_total", help: "Finished tasks by agent type, priority band and outcome (completed | failed)", labelNames: ["type", "band", "outcome"], registers });
    this.latency = new Histogram({ name: "gardenos_task_latency_seconds", help: "Processing time of completed tasks", labelNames: ["type", "band"], buckets: LATENCY_BUCKETS, registers });
    this.tokens = new Counter({ name: "gardenos_llm_tokens_total", help: "LLM tokens used, by agent type and kind (prompt | completion)", labelNames: ["type", "kind"], registers });
    this.cacheHits = new Counter({ name: "gardenos_llm_prompt_cache_hit_tokens_total", help: "Of the prompt tokens, those LLM providers served from their prompt cache (billed at the cache price), by agent type", labelNames: ["type"], registers });
    this.cost = new Counter({ name: "gardenos_llm_cost_usd_total", help: "LLM cost in USD by agent type", labelNames: ["type"], registers });
    this.degraded = new Counter({ name: "gardenos_tasks_degraded_total", help: "Results made by the built-in fallback instead of the LLM", labelNames: ["type"], registers });
    this.queueDepth = new Gauge({ name: "gardenos_queue_depth", help: "Tasks per band consumer: pending (waiting) and ack_pending (in flight)", labelNames: ["type", "band", "state"], registers });
    this.oldestAge = new Gauge({ name: "gardenos_queue_oldest_waiting_seconds", help: "Age of the oldest waiting task per band (0 when none waits)", labelNames: ["type", "band"], registers });
    this.redelivered = new Gauge({ name: "gardenos_queue_redelivered", help: "Tasks currently tracked as redelivered per band consumer", labelNames: ["type", "band"], registers });
    this.agents = new Gauge({ name: "gardenos_agents", help: "Agents by type and state (busy, idle, draining, failed)", labelNames: ["type", "state"], registers });
    this.desired = new Gauge({ name: "gardenos_agents_desired", help: "Desired agents per type across the cluster", labelNames: ["type"], registers });
    this.replicas = new Gauge({ name: "gardenos_replicas", help: "Live service replicas per agent type", labelNames: ["type"], registers });
    this.breaker = new Gauge({ name: "gardenos_breaker_state", help: "Circuit breaker state per provider: 0 closed, 1 half-open, 2 open", labelNames: ["type", "provider"], registers });
    this.degradedMode = new Gauge({ name: "gardenos_degraded_mode", help: "1 while an agent type runs on its built-in fallback", labelNames: ["type"], registers });
    this.budget = new Gauge({ name: "gardenos_llm_budget_left_usd", help: "LLM budget left in USD as the agents report it (0 when none)", labelNames: ["type"], registers });
    this.deadLetters = new Gauge({ name: "gardenos_dead_letters", help: "Messages in the DLQ stream", registers });
    this.up = new Gauge({ name: "gardenos_nats_connected", help: "1 while the metrics service is connected to NATS", registers });
    // Zero series for every type, band and outcome, so dashboards show lines from the start.
    for (const type of types) {
      for (const band of BANDS) for (const outcome of ["completed", "failed"]) this.tasks.inc({ type, band, outcome }, 0);
      this.cost.inc({ type }, 0);
      this.cacheHits.inc({ type }, 0);
      for (const kind of ["prompt", "completion"]) this.tokens.inc({ type, kind }, 0);
      this.degraded.inc({ type }, 0);
    }
    results.onOutcome((o) => {
      this.tasks.inc({ type: o.type, band: o.band, outcome: o.outcome });
      if (o.outcome !== "completed") return;
      if (o.latencyMs !== undefined) this.latency.observe({ type: o.type, band: o.band }, o.latencyMs / 1000);
      if (o.promptTokens) this.tokens.inc({ type: o.type, kind: "prompt" }, o.promptTokens);
      if (o.completionTokens) this.tokens.inc({ type: o.type, kind: "completion" }, o.completionTokens);
      if (o.promptCacheHitTokens) this.cacheHits.inc({ type: o.type }, o.promptCacheHitTokens);
      if (o.costUsd) this.cost.inc({ type: o.type }, o.costUsd);
      if (o.degraded) this.degraded.inc({ type: o.type });
    });
  }

  /** Sets the gauges from the latest status and queue snapshot. */
  update(status: ClusterStatus, queues: QueuesDebug | undefined): void {
    this.up.set(status.nats_connected ? 1 : 0);
    this.breaker.reset();
    for (const type of this.types) {
      const t = status.types[type];
      if (!t) continue;
      this.agents.set({ type, state: "busy" }, t.busy);
      this.agents.set({ type, state: "idle" }, t.idle);
      this.agents.set({ type, state: "draining" }, t.draining);
      this.agents.set({ type, state: "failed" }, t.failed);
      this.desired.set({ type }, t.desired);
      this.replicas.set({ type }, t.replicas);
      this.degradedMode.set({ type }, t.degraded_mode ? 1 : 0);
      this.budget.set({ type }, t.budget_left_usd);
      for (const [provider, state] of Object.entries(t.breakers)) this.breaker.set({ type, provider }, BREAKER_VALUES[state] ?? 0);
      for (const band of BANDS) {
        this.queueDepth.set({ type, band, state: "pending" }, t.queue[band].pending);
        this.queueDepth.set({ type, band, state: "ack_pending" }, t.queue[band].ack_pending);
      }
    }
    if (!queues) return;
    this.deadLetters.set(queues.dead_letters.total);
    for (const c of queues.consumers) {
      if (!c.agent_type || !c.band) continue;
      const labels = { type: c.agent_type as AgentType, band: c.band };
      this.oldestAge.set(labels, c.oldest_waiting_age_seconds ?? 0);
      this.redelivered.set(labels, c.redelivered);
    }
  }

  text(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}

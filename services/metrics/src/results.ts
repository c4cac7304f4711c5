import {
  agentTypes,
  parseTaskSubject,
  type AgentType,
  type Band,
  type FailureView,
  type LatencySummary,
  type ResultStreamEvent,
} from "@gardenos/contracts";

/** Samples kept per agent type for the 5-minute window (older ones and overflow are dropped). */
const WINDOW_MS = 5 * 60_000;
const MAX_WINDOW_SAMPLES = 20_000;
/** Latency samples kept per agent. */
const MAX_AGENT_SAMPLES = 200;
/** Task id → band entries kept (to label completions by band). */
const MAX_BANDS = 50_000;
/** Failures kept for /ai/debug/queues. */
const MAX_FAILURES = 20;

interface Sample {
  at: number;
  latencyMs: number;
  ok: boolean;
}

export interface TypeTotals {
  completed: number;
  failed: number;
  promptTokens: number;
  completionTokens: number;
  /** Of promptTokens, those providers served from their prompt cache. */
  promptCacheHitTokens: number;
  costUsd: number;
  degraded: number;
}

/** What a listener (the Prometheus exporter) hears about each finished task. */
export interface TaskOutcome {
  type: AgentType;
  band: Band | "unknown";
  outcome: "completed" | "failed";
  latencyMs?: number;
  promptTokens?: number;
  completionTokens?: number;
  promptCacheHitTokens?: number;
  costUsd?: number;
  degraded?: boolean;
  /** Counted in a previous process life (replayed at start): counters only, no "live" events. */
  at: number;
}

const newTotals = (): TypeTotals => ({ completed: 0, failed: 0, promptTokens: 0, completionTokens: 0, promptCacheHitTokens: 0, costUsd: 0, degraded: 0 });

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i] ?? 0;
}

export function summarize(latencies: readonly number[]): LatencySummary {
  if (latencies.length === 0) return { count: 0, avg_ms: 0, p50_ms: 0, p95_ms: 0, p99_ms: 0 };
  const sorted = [...latencies].sort((a, b) => a - b);
  const avg = sorted.reduce((s, x) => s + x, 0) / sorted.length;
  const r = (x: number) => Math.round(x * 100) / 100;
  return { count: sorted.length, avg_ms: r(avg), p50_ms: r(percentile(sorted, 50)), p95_ms: r(percentile(sorted, 95)), p99_ms: r(percentile(sorted, 99)) };
}

function startOfDayUtc(now: number): number {
  const d = new Date(now);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
}

/**
 * Folds the events of the RESULTS stream (read from the start of the day) into throughput,
 * latency percentiles, error rates, tokens and cost — in bounded memory.
 */
export class ResultsTracker {
  private day = startOfDayUtc(Date.now());
  private today = new Map<AgentType, TypeTotals>();
  private readonly window = new Map<AgentType, Sample[]>();
  private readonly perAgent = new Map<string, number[]>();
  private readonly bands = new Map<string, Band>();
  private readonly failures: FailureView[] = [];
  private readonly listeners: ((o: TaskOutcome) => void)[] = [];

  /** `types`: the types shown with zero figures from the start (default: every registered type). */
  constructor(private readonly types: readonly AgentType[] = agentTypes.names()) {
    for (const t of types) {
      this.today.set(t, newTotals());
      this.window.set(t, []);
    }
  }

  onOutcome(fn: (o: TaskOutcome) => void): void {
    this.listeners.push(fn);
  }

  private rollDay(at: number): void {
    const d = startOfDayUtc(at);
    if (d <= this.day) return;
    this.day = d;
    this.today = new Map(this.types.map((t) => [t, newTotals()]));
  }

  private totals(type: AgentType): TypeTotals {
    let t = this.today.get(type);
    if (!t) this.today.set(type, (t = newTotals()));
    return t;
  }

  private push(type: AgentType, s: Sample): void {
    const w = this.window.get(type) ?? [];
    w.push(s);
    if (w.length > MAX_WINDOW_SAMPLES) w.splice(0, w.length - MAX_WINDOW_SAMPLES);
    this.window.set(type, w);
  }

  /**
   * One event from RESULTS, as `parseResultEvent()` read it (the one parser of that stream);
   * `at` is the stream timestamp in ms.
   */
  ingest(ev: ResultStreamEvent, at: number): void {
    this.rollDay(Date.now());
    const fromToday = at >= this.day;
    switch (ev.kind) {
      case "started": {
        const parsed = parseTaskSubject(ev.event.subject);
        if (parsed) {
          this.bands.set(ev.event.task_id, parsed.band);
          if (this.bands.size > MAX_BANDS) {
            const oldest = this.bands.keys().next().value;
            if (oldest !== undefined) this.bands.delete(oldest);
          }
        }
        return;
      }
      case "completed": {
        const e = ev.event;
        const type = ev.def.type;
        if (fromToday) {
          const t = this.totals(type);
          t.completed++;
          t.promptTokens += e.usage.prompt_tokens;
          t.completionTokens += e.usage.completion_tokens;
          t.promptCacheHitTokens += e.usage.prompt_cache_hit_tokens ?? 0;
          t.costUsd += e.cost_usd;
          if (e.degraded) t.degraded++;
        }
        this.push(type, { at, latencyMs: e.latency_ms, ok: true });
        const a = this.perAgent.get(e.agent_id) ?? [];
        a.push(e.latency_ms);
        if (a.length > MAX_AGENT_SAMPLES) a.shift();
        this.perAgent.set(e.agent_id, a);
        const band = this.bands.get(e.task_id) ?? "unknown";
        this.bands.delete(e.task_id);
        const outcome: TaskOutcome = {
          type,
          band,
          outcome: "completed",
          latencyMs: e.latency_ms,
          promptTokens: e.usage.prompt_tokens,
          completionTokens: e.usage.completion_tokens,
          promptCacheHitTokens: e.usage.prompt_cache_hit_tokens ?? 0,
          costUsd: e.cost_usd,
          degraded: e.degraded,
          at,
        };
        for (const l of this.listeners) l(outcome);
        return;
      }
      case "failed": {
        const e = ev.event;
        const parsed = parseTaskSubject(e.subject);
        const type = e.type ?? parsed?.type;
        this.failures.push({
          task_id: e.task_id,
          ...(type ? { type } : {}),
          subject: e.subject,
          agent_id: e.agent_id,
          attempts: e.attempts,
          code: e.error.code,
          reason: e.error.message,
          failed_at: e.failed_at,
        });
        if (this.failures.length > MAX_FAILURES) this.failures.shift();
        if (!type || !agentTypes.has(type)) return;
        if (fromToday) this.totals(type).failed++;
        this.push(type, { at, latencyMs: 0, ok: false });
        this.bands.delete(e.task_id);
        for (const l of this.listeners) l({ type, band: parsed?.band ?? "unknown", outcome: "failed", at });
        return;
      }
      case "retrying":
        return;
    }
  }

  private recent(type: AgentType, sinceMs: number, now: number): Sample[] {
    const w = this.window.get(type) ?? [];
    // Drop what left the 5-minute window.
    let drop = 0;
    while (drop < w.length && (w[drop]?.at ?? 0) < now - WINDOW_MS) drop++;
    if (drop) w.splice(0, drop);
    return w.filter((s) => s.at >= now - sinceMs);
  }

  /** Throughput (completed per minute over 1 and 5 minutes), latency over 5 minutes, error rate over 5 minutes, today's totals. */
  typeFigures(type: AgentType, now = Date.now()) {
    this.rollDay(now);
    const five = this.recent(type, WINDOW_MS, now);
    const one = five.filter((s) => s.at >= now - 60_000);
    const ok5 = five.filter((s) => s.ok);
    const failed5 = five.length - ok5.length;
    return {
      throughput_per_min: { "1m": one.filter((s) => s.ok).length, "5m": Math.round((ok5.length / 5) * 100) / 100 },
      latency: summarize(ok5.map((s) => s.latencyMs)),
      error_rate_5m: five.length ? Math.round((failed5 / five.length) * 10_000) / 10_000 : 0,
      today: { ...this.totals(type) },
    };
  }

  agentLatency(agentId: string): LatencySummary {
    return summarize(this.perAgent.get(agentId) ?? []);
  }

  lastFailures(): FailureView[] {
    return [...this.failures].reverse();
  }

  /** Start of the current UTC day (where the RESULTS replay begins). */
  get dayStart(): number {
    return this.day;
  }
}

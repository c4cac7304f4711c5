import {
  AGENT_TYPES,
  Subjects,
  parseTaskSubject,
  type AgentType,
  type Band,
  type FailureView,
  type LatencySummary,
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
  costUsd?: number;
  degraded?: boolean;
  /** Counted in a previous process life (replayed at start): counters only, no "live" events. */
  at: number;
}

const newTotals = (): TypeTotals => ({ completed: 0, failed: 0, promptTokens: 0, completionTokens: 0, costUsd: 0, degraded: 0 });

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

  constructor() {
    for (const t of AGENT_TYPES) {
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
    for (const t of AGENT_TYPES) this.today.set(t, newTotals());
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

  /** One event from RESULTS; `at` is the stream timestamp in ms. */
  ingest(subject: string, data: Record<string, unknown>, at: number): void {
    this.rollDay(Date.now());
    const fromToday = at >= this.day;
    const taskId = typeof data.task_id === "string" ? data.task_id : "";
    switch (subject) {
      case Subjects.taskStarted: {
        const parsed = typeof data.subject === "string" ? parseTaskSubject(data.subject) : undefined;
        if (parsed && taskId) {
          this.bands.set(taskId, parsed.band);
          if (this.bands.size > MAX_BANDS) {
            const oldest = this.bands.keys().next().value;
            if (oldest !== undefined) this.bands.delete(oldest);
          }
        }
        return;
      }
      case Subjects.leadAnalyzed:
      case Subjects.followUpGenerated: {
        const type = data.type as AgentType;
        if (!AGENT_TYPES.includes(type)) return;
        const latency = typeof data.latency_ms === "number" ? data.latency_ms : 0;
        const usage = (data.usage ?? {}) as { prompt_tokens?: number; completion_tokens?: number };
        const cost = typeof data.cost_usd === "number" ? data.cost_usd : 0;
        const degraded = data.degraded === true;
        if (fromToday) {
          const t = this.totals(type);
          t.completed++;
          t.promptTokens += usage.prompt_tokens ?? 0;
          t.completionTokens += usage.completion_tokens ?? 0;
          t.costUsd += cost;
          if (degraded) t.degraded++;
        }
        this.push(type, { at, latencyMs: latency, ok: true });
        if (typeof data.agent_id === "string") {
          const a = this.perAgent.get(data.agent_id) ?? [];
          a.push(latency);
          if (a.length > MAX_AGENT_SAMPLES) a.shift();
          this.perAgent.set(data.agent_id, a);
        }
        const band = this.bands.get(taskId) ?? "unknown";
        this.bands.delete(taskId);
        const outcome: TaskOutcome = {
          type,
          band,
          outcome: "completed",
          latencyMs: latency,
          promptTokens: usage.prompt_tokens ?? 0,
          completionTokens: usage.completion_tokens ?? 0,
          costUsd: cost,
          degraded,
          at,
        };
        for (const l of this.listeners) l(outcome);
        return;
      }
      case Subjects.taskFailed: {
        const subj = typeof data.subject === "string" ? data.subject : "";
        const parsed = parseTaskSubject(subj);
        const type = (data.type as AgentType | undefined) ?? parsed?.type;
        const err = (data.error ?? {}) as { code?: string; message?: string };
        this.failures.push({
          task_id: taskId,
          ...(type ? { type } : {}),
          subject: subj,
          agent_id: typeof data.agent_id === "string" ? data.agent_id : "",
          attempts: typeof data.attempts === "number" ? data.attempts : 1,
          code: err.code ?? "ERR_AGENT_FAILED",
          reason: err.message ?? "",
          failed_at: typeof data.failed_at === "string" ? data.failed_at : new Date(at).toISOString(),
        });
        if (this.failures.length > MAX_FAILURES) this.failures.shift();
        if (!type || !AGENT_TYPES.includes(type)) return;
        if (fromToday) this.totals(type).failed++;
        this.push(type, { at, latencyMs: 0, ok: false });
        this.bands.delete(taskId);
        for (const l of this.listeners) l({ type, band: parsed?.band ?? "unknown", outcome: "failed", at });
        return;
      }
      default:
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

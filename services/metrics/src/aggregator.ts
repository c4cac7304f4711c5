import {
  AgentHeartbeat,
  ReplicaPresence,
  agentTypes,
  type AgentHeartbeat as Heartbeat,
  type AgentType,
  type AgentView,
  type HandlerStatus,
  type LatencySummary,
  type ReplicaPresence as Presence,
  type SystemStatus,
} from "@gardenos/contracts";

/** Heartbeats an agent may miss before it is shown as gone. */
export const MISSED_HEARTBEATS_FOR_GONE = 3;
/** Gone agents are listed this long, then forgotten (their counts stay in the totals). */
const FORGET_AFTER_MS = 60 * 60 * 1000;

export type AgentState = AgentView["state"];

interface Seen {
  hb: Heartbeat;
  lastSeen: number;
}

interface SeenReplica {
  p: Presence;
  lastSeen: number;
}

/** What the handlers of one agent type report of themselves (LLM breakers, degraded mode, budget). */
export interface HandlerSummary {
  breakers: Record<string, string>;
  degradedMode: boolean;
  budgetLeftUsd: number;
}

export interface TypeAgents {
  /** False for a registered type this deployment does not run: shown, never a failure. */
  deployed: boolean;
  desired: number;
  desiredSource: "kv" | "config";
  replicas: number;
  running: number;
  busy: number;
  idle: number;
  draining: number;
  failed: number;
  handler: HandlerSummary;
}

const EMPTY_LATENCY: LatencySummary = { count: 0, avg_ms: 0, p50_ms: 0, p95_ms: 0, p99_ms: 0 };

/**
 * Reads the LLM handler's self-report from a heartbeat (libs/llm `chain.status()`), as the
 * contracts' `HandlerStatusSchema` describes it (the heartbeat was parsed with it on arrival):
 * `{ mode: "llm" | "builtin", providers: [{ name, breaker }], budget: { limit_usd, remaining_usd } }`.
 * Degraded mode: the chain is on but every breaker is open or the daily budget is spent (or the
 * handler says `degraded: true`). Also accepted: `breakers: { <name>: state }`, `budget_left_usd`.
 */
export function readHandler(h: HandlerStatus | undefined): HandlerSummary {
  const out: HandlerSummary = { breakers: {}, degradedMode: false, budgetLeftUsd: 0 };
  if (!h) return out;
  for (const p of h.providers ?? []) if (p.breaker !== undefined) out.breakers[p.name] = p.breaker;
  const breakers = h.breakers;
  if (breakers && typeof breakers === "object") {
    for (const [name, v] of Object.entries(breakers as Record<string, unknown>)) {
      if (typeof v === "string") out.breakers[name] = v;
      else if (v && typeof v === "object" && typeof (v as { state?: unknown }).state === "string") out.breakers[name] = (v as { state: string }).state;
    }
  }
  const budget = (h.budget ?? {}) as { remaining_usd?: unknown; limit_usd?: unknown };
  const left = h.budget_left_usd ?? budget.remaining_usd;
  if (typeof left === "number" && Number.isFinite(left)) out.budgetLeftUsd = left;
  const states = Object.values(out.breakers);
  const allOpen = states.length > 0 && states.every((s) => s === "open");
  const budgetSpent = typeof budget.limit_usd === "number" && typeof budget.remaining_usd === "number" && budget.remaining_usd <= 0;
  if (h.degraded === true || (h.mode === "llm" && (allOpen || budgetSpent))) out.degradedMode = true;
  return out;
}

/** Worst-first order of breaker states when replicas disagree. */
const BREAKER_RANK: Record<string, number> = { open: 3, halfOpen: 2, half_open: 2, "half-open": 2, closed: 1 };

export interface AggregatorOptions {
  /** Types listed in the status (default: every registered type, plugins included once loaded). */
  types?: readonly AgentType[];
  /** Types this deployment runs (`AGENT_TYPES`); the others are "not deployed". Default: all of `types`. */
  deployed?: readonly AgentType[];
}

/**
 * Folds agent heartbeats and replica presence into the system view. Counts survive agent
 * restarts: when an agent id comes back with a new start time, the counts of its previous life
 * move into the retired tally.
 */
export class HeartbeatAggregator {
  readonly types: readonly AgentType[];
  private readonly deployed: ReadonlySet<AgentType>;
  private readonly agents = new Map<string, Seen>();
  private readonly replicas = new Map<string, SeenReplica>();
  private readonly desired = new Map<AgentType, number>();
  private retiredProcessed = 0;
  private retiredErrors = 0;

  constructor(o: AggregatorOptions = {}) {
    this.types = [...(o.types ?? agentTypes.names())];
    this.deployed = new Set(o.deployed ?? this.types);
  }

  /** Whether this deployment runs `type` (a registered type left out of `AGENT_TYPES` is not). */
  isDeployed(type: AgentType): boolean {
    return this.deployed.has(type);
  }

  /** Accepts a raw heartbeat; returns false (and ignores it) when it does not follow the contract. */
  ingest(raw: unknown, now = Date.now()): boolean {
    const parsed = AgentHeartbeat.safeParse(raw);
    if (!parsed.success) return false;
    const hb = parsed.data;
    const prev = this.agents.get(hb.agent_id);
    if (prev && prev.hb.started_at !== hb.started_at) {
      this.retiredProcessed += prev.hb.processed_count;
      this.retiredErrors += prev.hb.error_count;
    }
    this.agents.set(hb.agent_id, { hb, lastSeen: now });
    return true;
  }

  /** Accepts a replica presence message from a scaler. */
  ingestPresence(raw: unknown, now = Date.now()): boolean {
    const parsed = ReplicaPresence.safeParse(raw);
    if (!parsed.success) return false;
    const key = `${parsed.data.agent_type}/${parsed.data.replica_id}`;
    if (parsed.data.leaving) this.replicas.delete(key);
    else this.replicas.set(key, { p: parsed.data, lastSeen: now });
    return true;
  }

  /** The cluster-wide desired count of a type (from KV), or null when none is set. */
  setDesired(type: AgentType, n: number | null): void {
    if (n === null) this.desired.delete(type);
    else this.desired.set(type, n);
  }

  private stale(lastSeen: number, intervalSeconds: number, now: number): boolean {
    return now - lastSeen > MISSED_HEARTBEATS_FOR_GONE * intervalSeconds * 1000;
  }

  private stateOf(s: Seen, now: number): AgentState {
    const stale = this.stale(s.lastSeen, s.hb.interval_seconds, now);
    // Stopping with no task: it left cleanly. Stopping with a task: draining, unless it fell silent.
    if (s.hb.status === "stopping" && !s.hb.current_task_id) return "stopped";
    if (stale) return "gone";
    return s.hb.status === "stopping" ? "draining" : "running";
  }

  /** Live replicas of a type, ordered by slot. */
  liveReplicas(type: AgentType, now = Date.now()): Presence[] {
    const out: Presence[] = [];
    for (const [key, r] of this.replicas) {
      if (this.stale(r.lastSeen, r.p.interval_seconds, now)) {
        if (now - r.lastSeen > FORGET_AFTER_MS) this.replicas.delete(key);
        continue;
      }
      if (r.p.agent_type === type) out.push(r.p);
    }
    return out.sort((a, b) => a.slot - b.slot || a.replica_id.localeCompare(b.replica_id));
  }

  /** Every known agent with its state; cleanly stopped agents leave the list after 3 intervals. */
  agentViews(latencyOf: (agentId: string) => LatencySummary = () => EMPTY_LATENCY, now = Date.now()): AgentView[] {
    const out: AgentView[] = [];
    for (const [id, s] of this.agents) {
      const state = this.stateOf(s, now);
      const forget =
        (state === "stopped" && this.stale(s.lastSeen, s.hb.interval_seconds, now)) || (state === "gone" && now - s.lastSeen > FORGET_AFTER_MS);
      if (forget) {
        this.retiredProcessed += s.hb.processed_count;
        this.retiredErrors += s.hb.error_count;
        this.agents.delete(id);
        continue;
      }
      out.push({ ...s.hb, gone: state === "gone" || state === "stopped", state, last_seen_at: new Date(s.lastSeen).toISOString(), latency: latencyOf(id), breakers: readHandler(s.hb.handler).breakers });
    }
    return out.sort((a, b) => a.agent_id.localeCompare(b.agent_id, undefined, { numeric: true }));
  }

  /** Agent counts by type and state, desired counts and handler state. */
  byType(views: readonly AgentView[], now = Date.now()): Record<AgentType, TypeAgents> {
    const out = {} as Record<AgentType, TypeAgents>;
    for (const t of this.types) {
      const replicas = this.liveReplicas(t, now);
      const kv = this.desired.get(t);
      out[t] = {
        deployed: this.isDeployed(t),
        desired: kv ?? replicas.reduce((n, r) => n + r.agents, 0),
        desiredSource: kv === undefined ? "config" : "kv",
        replicas: replicas.length,
        running: 0,
        busy: 0,
        idle: 0,
        draining: 0,
        failed: 0,
        handler: { breakers: {}, degradedMode: false, budgetLeftUsd: 0 },
      };
    }
    const budgets = new Map<AgentType, Map<string, number>>();
    for (const a of views) {
      const t = out[a.agent_type as AgentType];
      if (!t) continue;
      if (a.state === "running") {
        t.running++;
        if (a.status === "processing") t.busy++;
        else t.idle++;
        const h = readHandler(a.handler);
        for (const [name, st] of Object.entries(h.breakers)) {
          const cur = t.handler.breakers[name];
          if (!cur || (BREAKER_RANK[st] ?? 0) > (BREAKER_RANK[cur] ?? 0)) t.handler.breakers[name] = st;
        }
        if (h.degradedMode) t.handler.degradedMode = true;
        // Budget is per replica (process): take each replica's figure once.
        const perReplica = budgets.get(a.agent_type as AgentType) ?? new Map<string, number>();
        perReplica.set(a.replica_id ?? `${a.host}:${a.pid}`, h.budgetLeftUsd);
        budgets.set(a.agent_type as AgentType, perReplica);
      } else if (a.state === "draining") t.draining++;
      else if (a.state === "gone") t.failed++;
    }
    for (const [type, perReplica] of budgets) {
      const values = [...perReplica.values()];
      const t = out[type];
      // Replicas share one budget when they report the same figure; otherwise show the smallest.
      if (t) t.handler.budgetLeftUsd = values.length ? Math.min(...values) : 0;
    }
    return out;
  }

  /** The seed's status fields (and agents), from the heartbeats. */
  status(queueSizes: SystemStatus["queue_sizes"], now = Date.now()): Omit<SystemStatus, "agents"> & { agents: AgentView[] } {
    const views = this.agentViews(undefined, now);
    let processed = this.retiredProcessed;
    let errors = this.retiredErrors;
    const byType: SystemStatus["agents_by_type"] = {};
    for (const t of this.types) byType[t] = { running: 0, busy: 0, idle: 0 };
    for (const a of views) {
      processed += a.processed_count;
      errors += a.error_count;
      if (a.state !== "running") continue;
      const t = (byType[a.agent_type] ??= { running: 0, busy: 0, idle: 0 });
      t.running++;
      if (a.status === "processing") t.busy++;
      else t.idle++;
    }
    const total = views.filter((a) => a.state === "running").length;
    // Only the deployed types count: a registered type this deployment does not run is no failure.
    const deployed = this.types.filter((t) => this.isDeployed(t));
    const typesUp = deployed.filter((t) => (byType[t]?.running ?? 0) > 0).length;
    return {
      orchestrator_status: total === 0 ? "stopped" : typesUp === deployed.length ? "running" : "degraded",
      total_agents: total,
      total_processed: processed,
      total_failed: errors,
      error_rate: processed + errors === 0 ? 0 : Math.round((errors / (processed + errors)) * 10_000) / 10_000,
      queue_sizes: queueSizes,
      agents_by_type: byType,
      agents: views,
      generated_at: new Date(now).toISOString(),
    };
  }
}

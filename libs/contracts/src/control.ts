import { z } from "zod";
import { AgentHeartbeat, AgentTypeSchema, QueueSizesSchema, SystemStatus } from "./events.js";
import type { AgentType } from "./agent-types/index.js";

/**
 * The control plane: KV buckets and keys for the desired agent counts and replica slots,
 * control subjects (restart), metrics request subjects, and the shapes they carry.
 */

export const KvBuckets = {
  /** `desired.<agent_type>` → the number of agents the whole cluster runs (plain integer text). */
  agents: "gardenos_agents",
  /** `<agent_type>.<slot>` → replica id holding that slot (refreshed every heartbeat; expires when its holder dies). */
  replicas: "gardenos_replicas",
  /**
   * `<encoded task id>` → cancellation time: tasks cancelled before an agent started them
   * (DELETE /ai/tasks/:id). Agents watch it and drop such a task when they pull it.
   */
  cancelled: "gardenos_cancelled",
  /** `active.<tenant>` → the tenant's active conversion model (JSON, ActiveModelRecord); deleted = the built-in heuristic. */
  models: "gardenos_models",
  /** `<tenant>.<task id>` → a delayed task (ScheduledTaskRecord) the gateway releases when due (reactions.ts). */
  scheduled: "gardenos_scheduled",
} as const;

/** Key of a tenant's active conversion model in `gardenos_models`. */
export function activeModelKey(tenant: string): string {
  return `active.${tenant}`;
}

/** Key of the desired count of one agent type in `gardenos_agents`. */
export function desiredKey(type: AgentType): string {
  return `desired.${type}`;
}

/**
 * Key of a cancelled task in `gardenos_cancelled`: the id itself when it is a valid KV key
 * (`analysis-<uuid>`), else `b64.` and its base64url form. `cancelledTaskId` reads it back.
 */
export function cancelledKey(taskId: string): string {
  return /^[A-Za-z0-9_-][A-Za-z0-9_=-]*$/.test(taskId) && !taskId.startsWith("b64") ? taskId : `b64.${Buffer.from(taskId, "utf8").toString("base64url")}`;
}

export function cancelledTaskId(key: string): string {
  return key.startsWith("b64.") ? Buffer.from(key.slice(4), "base64url").toString("utf8") : key;
}

/** Key of one replica slot in `gardenos_replicas`. */
export function replicaSlotKey(type: AgentType, slot: number): string {
  return `${type}.${slot}`;
}

export const ControlSubjects = {
  /** `gardenos.control.restart.<agent_type>`: every replica of the type answers with the agents it restarts. */
  restartPrefix: "gardenos.control.restart",
  /** `gardenos.replica.<agent_type>.<replica_id>`: a replica's presence (core NATS, every HEARTBEAT_INTERVAL). */
  replicaPrefix: "gardenos.replica",
  /** Request/reply to the metrics service: the agents (with latency percentiles). */
  metricsAgents: "gardenos.metrics.agents",
  /** Request/reply to the metrics service: streams, consumers, dead letters, last failures. */
  metricsQueues: "gardenos.metrics.queues",
  /** Request/reply to the metrics service: its Prometheus exposition text. */
  metricsPrometheus: "gardenos.metrics.prometheus",
} as const;

export function restartSubject(type: AgentType): string {
  return `${ControlSubjects.restartPrefix}.${type}`;
}

export function replicaSubject(type: AgentType, replicaId: string): string {
  return `${ControlSubjects.replicaPrefix}.${type}.${replicaId.replace(/[.*> ]/g, "_")}`;
}

// ---------------------------------------------------------------- HTTP bodies

/** POST /ai/scale-agents (the seed's body). The upper bound is checked against MAX_*_AGENTS. */
export const ScaleAgentsBody = z
  .strictObject({
    agent_type: AgentTypeSchema,
    target_count: z.number().int("must be a whole number").min(0, "must be at least 0"),
  })
  .describe("POST /ai/scale-agents");

/** POST /ai/restart: all agents, one type, or one agent. */
export const RestartBody = z
  .strictObject({
    agent_type: AgentTypeSchema.optional(),
    agent_id: z.string().min(1).max(200).optional(),
  })
  .describe("POST /ai/restart");

// ---------------------------------------------------------------- NATS messages

/** A replica's presence, every HEARTBEAT_INTERVAL, from its scaler. */
export const ReplicaPresence = z.object({
  replica_id: z.string(),
  agent_type: AgentTypeSchema,
  /** The claimed slot (0, 1, …): orders replicas for the split and names agent ids. */
  slot: z.number().int().min(0),
  /** Most agents this replica may run (MAX_*_AGENTS). */
  max_agents: z.number().int().min(0),
  /** Agents this replica runs now. */
  agents: z.number().int().min(0),
  /** Cluster-wide desired count, or null when none is set (each replica runs its configured count). */
  desired: z.number().int().nullable(),
  host: z.string(),
  pid: z.number().int(),
  interval_seconds: z.number().positive(),
  sent_at: z.string(),
  /** Sent once when the replica stops, so the others take over its share at once. */
  leaving: z.boolean().optional(),
});

export const RestartRequest = z.object({ agent_ids: z.array(z.string()).optional() });
export const RestartReply = z.object({ replica_id: z.string(), restarted: z.array(z.string()) });

// ---------------------------------------------------------------- metrics service answers

export const LatencySummary = z.object({
  count: z.number().int(),
  avg_ms: z.number(),
  p50_ms: z.number(),
  p95_ms: z.number(),
  p99_ms: z.number(),
});

export const BandDepth = z.object({ pending: z.number().int(), ack_pending: z.number().int() });

export const TypeStatus = z.object({
  /** False for a registered type this deployment does not run (`AGENT_TYPES`): shown, but never a failure. Absent = deployed. */
  deployed: z.boolean().optional(),
  /** Cluster-wide desired count (KV), or the sum of the replicas' configured counts when none is set. */
  desired: z.number().int(),
  desired_source: z.enum(["kv", "config"]),
  replicas: z.number().int(),
  running: z.number().int(),
  busy: z.number().int(),
  idle: z.number().int(),
  /** Agents finishing their task before leaving (scaled down or restarting). */
  draining: z.number().int(),
  /** Agents whose heartbeats stopped (3 intervals) without a clean stop. */
  failed: z.number().int(),
  queue: z.object({ high: BandDepth, normal: BandDepth, low: BandDepth }),
  throughput_per_min: z.object({ "1m": z.number(), "5m": z.number() }),
  latency: LatencySummary,
  /** Failed / (completed + failed) over the last 5 minutes. */
  error_rate_5m: z.number(),
  completed_today: z.number().int(),
  failed_today: z.number().int(),
  /** `prompt_cache_hit`: of `prompt`, the tokens providers served from their prompt cache (billed at the cache price). */
  tokens_today: z.object({ prompt: z.number().int(), completion: z.number().int(), prompt_cache_hit: z.number().int().optional() }),
  cost_usd_today: z.number(),
  degraded_today: z.number().int(),
  /** Breaker state per provider, as the agents' handlers report it (empty for the built-in agents). */
  breakers: z.record(z.string(), z.string()),
  degraded_mode: z.boolean(),
  /** Budget left in USD as the handlers report it; 0 when they report none. */
  budget_left_usd: z.number(),
});

export const AgentView = AgentHeartbeat.extend({
  gone: z.boolean(),
  last_seen_at: z.string(),
  /** running | draining | stopped | gone */
  state: z.enum(["running", "draining", "stopped", "gone"]),
  latency: LatencySummary,
  /** Breaker state per LLM provider as this agent's handler reports it (empty for the built-in agents). */
  breakers: z.record(z.string(), z.string()),
});

export const ClusterStatus = SystemStatus.extend({
  agents: z.array(AgentView),
  types: z.record(z.string(), TypeStatus),
  nats_connected: z.boolean(),
});

export const ConsumerDebug = z.object({
  stream: z.string(),
  consumer: z.string(),
  agent_type: AgentTypeSchema.optional(),
  band: z.string().optional(),
  filter_subject: z.string().optional(),
  pending: z.number().int(),
  ack_pending: z.number().int(),
  redelivered: z.number().int(),
  waiting_pulls: z.number().int(),
  /** Age in seconds of the oldest task still waiting on this consumer's subject; null when none waits. */
  oldest_waiting_age_seconds: z.number().nullable(),
  present: z.boolean(),
});

export const StreamDebug = z.object({
  stream: z.string(),
  messages: z.number().int(),
  bytes: z.number().int(),
  first_seq: z.number().int(),
  last_seq: z.number().int(),
  consumers: z.number().int(),
  present: z.boolean(),
});

export const FailureView = z.object({
  task_id: z.string(),
  type: z.string().optional(),
  subject: z.string(),
  agent_id: z.string(),
  attempts: z.number().int(),
  code: z.string(),
  reason: z.string(),
  failed_at: z.string(),
});

export const QueuesDebug = z.object({
  streams: z.array(StreamDebug),
  consumers: z.array(ConsumerDebug),
  dead_letters: z.object({ total: z.number().int(), by_subject: z.record(z.string(), z.number().int()) }),
  last_failures: z.array(FailureView),
  queue_sizes: QueueSizesSchema,
  generated_at: z.string(),
});

export type ScaleAgentsBody = z.infer<typeof ScaleAgentsBody>;
export type RestartBody = z.infer<typeof RestartBody>;
export type ReplicaPresence = z.infer<typeof ReplicaPresence>;
export type RestartRequest = z.infer<typeof RestartRequest>;
export type RestartReply = z.infer<typeof RestartReply>;
export type LatencySummary = z.infer<typeof LatencySummary>;
export type TypeStatus = z.infer<typeof TypeStatus>;
export type AgentView = z.infer<typeof AgentView>;
export type ClusterStatus = z.infer<typeof ClusterStatus>;
export type ConsumerDebug = z.infer<typeof ConsumerDebug>;
export type StreamDebug = z.infer<typeof StreamDebug>;
export type FailureView = z.infer<typeof FailureView>;
export type QueuesDebug = z.infer<typeof QueuesDebug>;

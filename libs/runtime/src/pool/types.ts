import type { JsMsg } from "@nats-io/jetstream";
import type { NatsConnection } from "@nats-io/transport-node";
import type { AgentType, Band, TaskEvent, Usage } from "@gardenos/contracts";
import type { z } from "zod";
import type { Logger } from "../logger.js";

/** What a handler gets besides the task: who runs it, which attempt, and a deadline. */
export interface AgentContext {
  readonly taskId: string;
  readonly agentId: string;
  readonly attempt: number;
  /**
   * The task's tenant: the gateway's `GardenOS-Tenant` header (HTTP and tenant-intake tasks of a
   * tenant other than `default`), else `default`. For the tenant's LLM budget and do-not-contact list.
   */
  readonly tenant: string;
  /**
   * Asks another service over NATS request/reply (JSON in, JSON out): undefined when no service
   * listens on the subject (no responders); a TransientError (the task is retried) when it listens
   * but does not answer in time.
   */
  ask(subject: string, payload: unknown, timeoutMs?: number): Promise<unknown>;
  /** Aborted when the task's timeout passes or the pool is stopped hard. */
  readonly signal: AbortSignal;
  readonly log: Logger;
  /**
   * Whether a line at `level` would be written, known without making the task's logger (`log`
   * makes a child logger the first time it is used, which costs CPU on every task that touches it).
   */
  isLogged?(level: "debug" | "info" | "warn" | "error"): boolean;
}

/** What a handler returns: the result and how it was made. */
export interface AgentOutput<R> {
  result: R;
  /** Model id, or "builtin-heuristic" / "builtin-template" for the built-in agents. */
  model: string;
  provider: string;
  degraded: boolean;
  degradedReason?: string;
  usage: Usage;
  costUsd: number;
}

/** An agent type: the contract it reads, the contract it writes, and the work in between. */
export interface AgentHandler<E extends TaskEvent, R> {
  readonly type: AgentType;
  readonly eventSchema: z.ZodType<E>;
  readonly resultSchema: z.ZodType<R>;
  process(event: E, ctx: AgentContext): Promise<AgentOutput<R>>;
  /** Optional state carried on every heartbeat as `handler` (e.g. breaker states, budget left). */
  status?(): Record<string, unknown>;
}

export interface AgentPoolOptions<E extends TaskEvent, R> {
  nc: NatsConnection;
  log: Logger;
  handler: AgentHandler<E, R>;
  /** Agents (concurrent tasks) in this process. */
  agents: number;
  /** Upper bound for `agents` (MAX_LEAD_ANALYSIS_AGENTS / MAX_FOLLOW_UP_AGENTS). */
  maxAgents: number;
  /** Seconds one task may take before it is abandoned (and retried). */
  timeoutSeconds: number;
  /** Retries after the first failed attempt. */
  maxRetries: number;
  heartbeatIntervalSeconds: number;
  /** Distinguishes replicas in agent ids: `<service>-<replica>-<n>`; empty gives `<service>-<n>`. */
  replicaId?: string;
  /** Messages each band consumer may buffer locally. Default: the agent bound, at most 64. */
  prefetch?: number;
  /** First retry delay in ms; doubles each attempt, with jitter. Default 1000. */
  retryBaseMs?: number;
  /** Tasks cancelled before they started (pool/cancellations.ts): dropped when pulled. Default none. */
  cancelled?: { has(taskId: string): boolean };
  /** Agent ids are `<agentIdPrefix>-<n>`. Default `<service>-<replicaId>` or `<service>`. */
  agentIdPrefix?: string;
  /**
   * Ack wait of the band consumers, in seconds (TASK_ACK_WAIT). Every message this process holds
   * — buffered, running, or being settled — is kept alive with working() every third of it, so it
   * bounds only how long a task whose process died waits before it is delivered again. Default 10.
   */
  ackWaitSeconds?: number;
}

/**
 * Default ack wait of the task consumers (TASK_ACK_WAIT): short, because the pool keeps every
 * message it holds alive with working(); after a crash (of an agent process or of nats-server)
 * the tasks that were out come back within this.
 */
export const DEFAULT_ACK_WAIT_SECONDS = 10;

/**
 * An ack wait long enough for one whole attempt plus publishing, derived from the task timeout:
 * what a consumer needs when nothing keeps its messages alive (tools and tests that declare the
 * consumers before any agent runs; the agents' pool sets its own, DEFAULT_ACK_WAIT_SECONDS). The
 * time a result publish may be retried for is also derived from it.
 */
export function ackWaitSeconds(timeoutSeconds: number): number {
  // A buffered task may wait about one task duration for an agent; a running one is kept alive
  // with working() every ack_wait / 3.
  return Math.ceil(timeoutSeconds * 1.5 + 5);
}

/** One agent of a pool: a slot that runs one task at a time. */
export interface AgentState {
  id: string;
  index: number;
  status: "idle" | "processing" | "stopping";
  processed: number;
  errors: number;
  currentTaskId: string | null;
  startedAt: number;
  lastActivityAt: number | null;
  latencyTotalMs: number;
  /** Set when scaled down: finish the current task, then leave. */
  retiring: boolean;
  /** Set by restart(): finish the current task, then start afresh (new start time, counters reset). */
  restartPending: boolean;
}

/** The parts of a task message the pool uses (a JetStream message; tests pass fakes). */
export type TaskMessage = Pick<JsMsg, "subject" | "seq" | "data" | "headers" | "info" | "ack" | "nak" | "term" | "working">;

/**
 * One attempt at one task, from the moment an agent takes its message until the message is
 * settled. Created once per delivery and handed from step to step instead of long parameter lists.
 */
export interface TaskAttempt<E extends TaskEvent = TaskEvent, R = unknown> {
  readonly msg: TaskMessage;
  readonly band: Band;
  readonly agent: AgentState;
  /** JetStream's delivery count: 1 on the first attempt. */
  readonly attempt: number;
  readonly startedAt: number;
  /** From the message's headers at first; the event's own `task_id` once it has been read. */
  taskId: string;
  /** Bound to task_id, agent_id, attempt and trace_id. */
  log: Logger;
  /** Set once the event has been read and validated. */
  event: E | undefined;
  priority: number;
  /** The task.started publish, settled with its error (if any) instead of rejecting. */
  startedAck: Promise<unknown> | undefined;
  /** `msg.working()` timer while the attempt runs and until its result is acked. */
  keepAlive: NodeJS.Timeout | undefined;
  /** The handler's output and its result as the result schema parsed it. */
  output: AgentOutput<R> | undefined;
  result: R | undefined;
}

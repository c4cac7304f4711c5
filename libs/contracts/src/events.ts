import { z } from "zod";
import { AgentTypeSchema, agentTypes, emailClassification, followUp, leadAnalysis, taskEventBase, type AgentTypeDefinition } from "./agent-types/index.js";
import { LeadSchema } from "./lead.js";
import { Subjects } from "./names.js";
import { EVENT_LIMITS, EventVersionSchema, MAX_INT32, TimestampSchema, boundedId, boundedString, taskStartedBase } from "./task-fields.js";

/**
 * Lifecycle events shared by every agent type, heartbeats and status. One source: these zod
 * schemas validate at the edges and are exported as JSON Schema files (`libs/contracts/schemas/`)
 * for other languages. Each type's task, request and result schemas come from its definition.
 */

// ---------------------------------------------------------------- the built-in types' schemas

export const AnalyzeLeadBody = leadAnalysis.requestBody;
export const GenerateFollowUpBody = followUp.requestBody;
/** A lead analysis task as the agent handles it: the lead resolved (the wire schema, `lead` or `lead_id`, is `leadAnalysis.taskEvent`). */
export const LeadAnalyzeEvent = z.strictObject({ ...taskEventBase, ...leadAnalysis.input, lead: LeadSchema });
/** A follow-up task as the agent handles it: the lead resolved (the wire schema is `followUp.taskEvent`). */
export const FollowUpGenerateEvent = z.strictObject({ ...taskEventBase, ...followUp.input, lead: LeadSchema });
export const LeadAnalyzedEvent = leadAnalysis.resultEvent;
export const FollowUpGeneratedEvent = followUp.resultEvent;
export const ClassifyEmailBody = emailClassification.requestBody;
export const EmailClassifyEvent = emailClassification.taskEvent;
export const EmailClassifiedEvent = emailClassification.resultEvent;

export const TaskAccepted = z.object({ task_id: z.string(), status: z.literal("queued") });

// ---------------------------------------------------------------- lifecycle (RESULTS stream)

export const ErrorIssueSchema = z.object({ path: boundedString(2000), message: boundedString(4000) }); // ISSUE_LIMITS below

export const TaskErrorSchema = z.object({
  code: boundedId(EVENT_LIMITS.errorCode).describe("Stable error code from the catalogue, e.g. ERR_EVENT_INVALID"),
  message: boundedString(EVENT_LIMITS.errorMessage),
  retryable: z.boolean(),
  issues: z.array(ErrorIssueSchema).max(1000).optional(),
});

const ISSUE_LIMITS = { path: 2000, message: 4000, count: 1000 } as const;

function clip(s: string, max: number): string {
  return s.length <= max ? s : `${s.slice(0, max - 1)}…`;
}

/**
 * A task error within TaskErrorSchema's bounds. A hostile task can make a message or an issue
 * path arbitrarily long (a 100,000-character key); an event past the bounds would be refused by
 * the recorder, and the task's failure not recorded. Clipped, with "…" where cut.
 */
export function boundedTaskError(e: TaskError): TaskError {
  return {
    code: clip(e.code, EVENT_LIMITS.errorCode),
    message: clip(e.message, EVENT_LIMITS.errorMessage),
    retryable: e.retryable,
    ...(e.issues ? { issues: e.issues.slice(0, ISSUE_LIMITS.count).map((i) => ({ path: clip(i.path, ISSUE_LIMITS.path), message: clip(i.message, ISSUE_LIMITS.message) })) } : {}),
  };
}

export const TaskFailedEvent = z
  .object({
    schema_version: EventVersionSchema,
    /** Known when the event carried one (or a Nats-Msg-Id); otherwise `evt-<stream seq>`. */
    task_id: boundedId(EVENT_LIMITS.taskId),
    type: boundedString(EVENT_LIMITS.type).optional(),
    lead_id: boundedString(EVENT_LIMITS.leadId).optional(),
    subject: boundedString(EVENT_LIMITS.subject).describe("The subject the task arrived on"),
    agent_id: boundedId(EVENT_LIMITS.agentId),
    attempts: z.number().int().min(1).max(1000),
    error: TaskErrorSchema,
    failed_at: TimestampSchema,
    /** The raw payload (first 4 KiB) when it could not be read as a task. */
    payload: boundedString(8192).optional(),
  })
  .describe("task.failed: a task that will not produce a result");

/**
 * task.started: the common fields and `lead_id`, never the task's input (no lead, no contact
 * data). Fields an older agent still sends (its `lead`) are dropped when read.
 */
export const TaskStartedEvent = z
  .object({ ...taskStartedBase, type: boundedId(EVENT_LIMITS.type) })
  .describe("task.started: an agent picked the task up (ids, priority, subject, attempt; no input, no contact data)");

export const TaskRetryingEvent = z
  .object({
    schema_version: EventVersionSchema,
    task_id: boundedId(EVENT_LIMITS.taskId),
    type: boundedId(EVENT_LIMITS.type),
    agent_id: boundedId(EVENT_LIMITS.agentId),
    attempt: z.number().int().min(1).max(1000),
    subject: boundedString(EVENT_LIMITS.subject),
    error: TaskErrorSchema,
    failed_at: TimestampSchema,
    retry_in_ms: z.number().int().min(0).max(MAX_INT32),
  })
  .describe("task.retrying: an attempt failed; the task comes back after retry_in_ms");

export const TaskCancelledEvent = z
  .object({
    schema_version: EventVersionSchema,
    task_id: boundedId(EVENT_LIMITS.taskId),
    type: boundedId(EVENT_LIMITS.type),
    lead_id: boundedString(EVENT_LIMITS.leadId).optional(),
    cancelled_at: TimestampSchema,
  })
  .describe("task.cancelled: a queued task cancelled before an agent started it (DELETE /ai/tasks/:id); agents drop it when they pull it");

/** One entry of a task's attempt log (`attempt_log` in GET /ai/tasks/:id). */
export const AttemptLogEntry = z.object({
  attempt: z.number().int(),
  agent_id: z.string(),
  at: z.string(),
  code: z.string(),
  message: z.string(),
});

export const TaskLookupReply = z.object({
  task_id: z.string(),
  status: z.enum(["unknown", "queued", "processing", "completed", "failed", "cancelled"]),
});

/** A completed task of any type: the common result fields and its `result` as the type defines it. */
export interface CompletedEvent {
  task_id: string;
  type: string;
  status: "completed";
  lead_id?: string | undefined;
  agent_id: string;
  model: string;
  provider: string;
  degraded: boolean;
  degraded_reason?: string | undefined;
  usage: { prompt_tokens: number; completion_tokens: number; prompt_cache_hit_tokens?: number | undefined };
  cost_usd: number;
  latency_ms: number;
  attempts: number;
  started_at: string;
  completed_at: string;
  result: unknown;
  schema_version: number;
}

/** An event of the RESULTS stream, read once by one function for every reader. */
export type ResultStreamEvent =
  | { kind: "started"; event: TaskStartedEvent; def: AgentTypeDefinition | undefined }
  | { kind: "completed"; event: CompletedEvent; def: AgentTypeDefinition }
  | { kind: "failed"; event: TaskFailedEvent }
  | { kind: "retrying"; event: TaskRetryingEvent };

/**
 * Reads one RESULTS message by its subject. Undefined for a subject that is not a result of a
 * registered type; throws a ZodError for an event that breaks its schema.
 */
export function parseResultEvent(subject: string, data: unknown, registry = agentTypes): ResultStreamEvent | undefined {
  switch (subject) {
    case Subjects.taskStarted: {
      const event = TaskStartedEvent.parse(data);
      return { kind: "started", event, def: registry.get(event.type) };
    }
    case Subjects.taskFailed:
      return { kind: "failed", event: TaskFailedEvent.parse(data) };
    case Subjects.taskRetrying:
      return { kind: "retrying", event: TaskRetryingEvent.parse(data) };
    default: {
      const def = registry.byResultSubject(subject);
      if (!def) return undefined;
      return { kind: "completed", event: def.resultEvent.parse(data) as CompletedEvent, def };
    }
  }
}

// ---------------------------------------------------------------- heartbeats and status

export const AgentStatusSchema = z.enum(["idle", "processing", "stopping"]);

/** What an agent's handler reports of itself on each heartbeat (LLM mode, provider chain, breakers, budget). */
export const HandlerStatusSchema = z.looseObject({
  mode: z.string().optional().describe("builtin | llm"),
  providers: z
    .array(z.looseObject({ name: z.string(), model: z.string().optional(), breaker: z.string().optional().describe("closed | open | halfOpen") }))
    .optional(),
  budget: z
    .looseObject({ spent_usd: z.number().optional(), limit_usd: z.number().nullable().optional(), remaining_usd: z.number().nullable().optional() })
    .optional()
    .describe("The day's LLM spend against LLM_DAILY_BUDGET_USD"),
});

export const AgentHeartbeat = z
  .object({
    agent_id: z.string(),
    agent_type: z.string(),
    status: AgentStatusSchema,
    processed_count: z.number().int().min(0),
    error_count: z.number().int().min(0),
    uptime_seconds: z.number().min(0),
    current_task_id: z.string().nullable(),
    started_at: z.string(),
    last_activity_at: z.string().nullable(),
    avg_latency_ms: z.number().min(0),
    host: z.string(),
    pid: z.number().int(),
    sent_at: z.string(),
    /** Seconds between heartbeats; three missed ones mean the agent is gone. */
    interval_seconds: z.number().positive(),
    /** The service process (replica) the agent runs in: REPLICA_ID, else host:pid. */
    replica_id: z.string().optional(),
    /** What the agent's handler reports of itself (LLM provider chain, breakers, budget). */
    handler: HandlerStatusSchema.optional(),
  })
  .describe("agent.heartbeat.<agent_type>.<agent_id>");

/** Tasks waiting or running per agent type (the seed's keys `lead_analysis`, `follow_up`, plus any other type). */
export const QueueSizesSchema = z.record(z.string(), z.number().int());

export const SystemStatus = z
  .object({
    orchestrator_status: z.enum(["running", "degraded", "stopped"]),
    total_agents: z.number().int(),
    total_processed: z.number().int(),
    total_failed: z.number().int(),
    error_rate: z.number(),
    queue_sizes: QueueSizesSchema,
    agents_by_type: z.record(z.string(), z.object({ running: z.number().int(), busy: z.number().int(), idle: z.number().int() })),
    agents: z.array(AgentHeartbeat.extend({ gone: z.boolean(), last_seen_at: z.string() })),
    generated_at: z.string(),
  })
  .describe("The metrics service's answer on gardenos.metrics.status");

export { AgentTypeSchema };

export type AnalyzeLeadBody = z.infer<typeof AnalyzeLeadBody>;
export type GenerateFollowUpBody = z.infer<typeof GenerateFollowUpBody>;
export type LeadAnalyzeEvent = z.infer<typeof LeadAnalyzeEvent>;
export type FollowUpGenerateEvent = z.infer<typeof FollowUpGenerateEvent>;
/** A task event of any type: the common fields and the type's input fields. */
export interface TaskEvent {
  schema_version?: number;
  task_id?: string | undefined;
  priority?: number | undefined;
  created_at?: string | undefined;
  history?: InteractionSummaryList | undefined;
  [field: string]: unknown;
}
type InteractionSummaryList = { task_id: string; type: string; at: string; lead_quality_score?: number | undefined; subject?: string | undefined }[];
export type LeadAnalyzedEvent = z.infer<typeof LeadAnalyzedEvent>;
export type FollowUpGeneratedEvent = z.infer<typeof FollowUpGeneratedEvent>;
export type ClassifyEmailBody = z.infer<typeof ClassifyEmailBody>;
export type EmailClassifyEvent = z.infer<typeof EmailClassifyEvent>;
export type EmailClassifiedEvent = z.infer<typeof EmailClassifiedEvent>;
export type ResultEvent = LeadAnalyzedEvent | FollowUpGeneratedEvent | EmailClassifiedEvent;
export type TaskFailedEvent = z.infer<typeof TaskFailedEvent>;
export type TaskStartedEvent = z.infer<typeof TaskStartedEvent>;
export type TaskRetryingEvent = z.infer<typeof TaskRetryingEvent>;
export type TaskCancelledEvent = z.infer<typeof TaskCancelledEvent>;
export type AttemptLogEntry = z.infer<typeof AttemptLogEntry>;
export type TaskLookupReply = z.infer<typeof TaskLookupReply>;
export type TaskError = z.infer<typeof TaskErrorSchema>;
export type AgentHeartbeat = z.infer<typeof AgentHeartbeat>;
export type HandlerStatus = z.infer<typeof HandlerStatusSchema>;
export type SystemStatus = z.infer<typeof SystemStatus>;

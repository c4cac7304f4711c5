import { z } from "zod";
import { LeadSchema } from "./lead.js";
import { AGENT_TYPES, PRIORITY } from "./names.js";

/**
 * Event and request schemas. One source: these zod schemas validate at the edges (gateway and
 * agents) and are exported as JSON Schema files (`libs/contracts/schemas/`) for other languages.
 */

export const AgentTypeSchema = z.enum(AGENT_TYPES as [string, ...string[]]).describe("lead_analysis | follow_up");

export const PrioritySchema = z
  .number()
  .int("must be a whole number")
  .min(PRIORITY.min, `must be between ${PRIORITY.min} and ${PRIORITY.max}`)
  .max(PRIORITY.max, `must be between ${PRIORITY.min} and ${PRIORITY.max}`)
  .describe("1 (lowest) to 10 (highest); 8–10 high band, 4–7 normal, 1–3 low");

export const TaskIdSchema = z
  .string()
  .min(1, "must not be empty")
  .max(200, "must be at most 200 characters")
  .regex(/^[A-Za-z0-9_.:-]+$/, "may hold only letters, digits and _ . : -");

const IdempotencyKeySchema = z
  .string()
  .min(1, "must not be empty")
  .max(200, "must be at most 200 characters")
  .describe("Same key → same task id, one execution");

const ContextSchema = z.string().trim().max(4000, "must be at most 4000 characters");

/** One earlier interaction with the same lead, attached by the gateway for the follow-up memory. */
export const InteractionSummarySchema = z.object({
  task_id: z.string(),
  type: AgentTypeSchema,
  at: z.string(),
  lead_quality_score: z.number().optional(),
  subject: z.string().optional(),
});

// ---------------------------------------------------------------- HTTP request bodies

export const AnalyzeLeadBody = z
  .strictObject({
    lead: LeadSchema,
    priority: PrioritySchema.default(PRIORITY.default),
    idempotency_key: IdempotencyKeySchema.optional(),
  })
  .describe("POST /ai/analyze-lead");

export const GenerateFollowUpBody = z
  .strictObject({
    lead: LeadSchema,
    context: ContextSchema.optional().describe("What happened last, e.g. \"Demo completed\""),
    priority: PrioritySchema.default(PRIORITY.default),
    idempotency_key: IdempotencyKeySchema.optional(),
  })
  .describe("POST /ai/generate-follow-up");

export const TaskAccepted = z.object({ task_id: z.string(), status: z.literal("queued") });

// ---------------------------------------------------------------- task events (TASKS stream)

const taskEventBase = {
  /** Optional for other publishers: without it the task id is the message's Nats-Msg-Id, else `evt-<stream seq>`. */
  task_id: TaskIdSchema.optional(),
  lead: LeadSchema,
  priority: PrioritySchema.optional(),
  created_at: z.string().optional().describe("When the task was accepted (ISO 8601)"),
  history: z.array(InteractionSummarySchema).max(20).optional(),
};

export const LeadAnalyzeEvent = z
  .strictObject({ ...taskEventBase })
  .describe("lead.analyze[.high|.low]: analyse a lead");

export const FollowUpGenerateEvent = z
  .strictObject({ ...taskEventBase, context: ContextSchema.optional() })
  .describe("followup.generate[.high|.low]: write a follow-up e-mail");

// ---------------------------------------------------------------- results

export const FactorSchema = z.object({
  factor: z.string().describe("Short name, e.g. \"Time on site\""),
  impact: z.number().describe("Signed contribution in points of conversion probability"),
  detail: z.string().describe("Why, in words a salesperson understands"),
});

export const LeadAnalysisResult = z
  .object({
    lead_quality_score: z.number().int().min(1).max(10),
    conversion_probability: z.number().min(0).max(100),
    recommended_action: z.string().min(1).max(500),
    follow_up_timeline: z.string().min(1).max(200),
    key_insights: z.array(z.string().min(1).max(500)).min(1).max(10),
    top_positive_factors: z.array(FactorSchema).max(5),
    top_negative_factors: z.array(FactorSchema).max(5),
  })
  .describe("What lead analysis produces (the seed's fields plus the factors behind the score)");

export const FollowUpResult = z
  .object({
    subject: z.string().min(1).max(300),
    body: z.string().min(1).max(10_000),
    full_message: z.string().min(1).max(12_000),
  })
  .describe("An e-mail ready to send");

export const UsageSchema = z.object({
  prompt_tokens: z.number().int().min(0),
  completion_tokens: z.number().int().min(0),
});

const resultEventBase = {
  task_id: z.string(),
  lead_id: z.string().optional(),
  agent_id: z.string(),
  /** "builtin-heuristic" / "builtin-template" for the built-in agents, else the LLM model id. */
  model: z.string(),
  provider: z.string(),
  degraded: z.boolean(),
  degraded_reason: z.string().optional(),
  usage: UsageSchema,
  cost_usd: z.number().min(0),
  latency_ms: z.number().min(0),
  attempts: z.number().int().min(1),
  started_at: z.string(),
  completed_at: z.string(),
};

export const LeadAnalyzedEvent = z
  .object({ ...resultEventBase, type: z.literal("lead_analysis"), status: z.literal("completed"), result: LeadAnalysisResult })
  .describe("lead.analyzed");

export const FollowUpGeneratedEvent = z
  .object({ ...resultEventBase, type: z.literal("follow_up"), status: z.literal("completed"), result: FollowUpResult })
  .describe("followup.generated");

export const ErrorIssueSchema = z.object({ path: z.string(), message: z.string() });

export const TaskErrorSchema = z.object({
  code: z.string().describe("Stable error code from the catalogue, e.g. ERR_EVENT_INVALID"),
  message: z.string(),
  retryable: z.boolean(),
  issues: z.array(ErrorIssueSchema).optional(),
});

export const TaskFailedEvent = z
  .object({
    /** Known when the event carried one (or a Nats-Msg-Id); otherwise `evt-<stream seq>`. */
    task_id: z.string(),
    type: AgentTypeSchema.optional(),
    lead_id: z.string().optional(),
    subject: z.string().describe("The subject the task arrived on"),
    agent_id: z.string(),
    attempts: z.number().int().min(1),
    error: TaskErrorSchema,
    failed_at: z.string(),
    /** The raw payload (first 4 KiB) when it could not be read as a task. */
    payload: z.string().optional(),
  })
  .describe("task.failed: a task that will not produce a result");

export const TaskStartedEvent = z
  .object({
    task_id: z.string(),
    type: AgentTypeSchema,
    agent_id: z.string(),
    attempt: z.number().int().min(1),
    started_at: z.string(),
    subject: z.string(),
    priority: PrioritySchema,
    lead: LeadSchema,
    context: z.string().optional(),
    created_at: z.string().optional(),
  })
  .describe("task.started: an agent picked the task up");

export const TaskRetryingEvent = z
  .object({
    task_id: z.string(),
    type: AgentTypeSchema,
    agent_id: z.string(),
    attempt: z.number().int().min(1),
    subject: z.string(),
    error: TaskErrorSchema,
    failed_at: z.string(),
    retry_in_ms: z.number().int().min(0),
  })
  .describe("task.retrying: an attempt failed; the task comes back after retry_in_ms");

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
  status: z.enum(["unknown", "queued", "processing", "completed", "failed"]),
});

// ---------------------------------------------------------------- heartbeats and status

export const AgentStatusSchema = z.enum(["idle", "processing", "stopping"]);

export const AgentHeartbeat = z
  .object({
    agent_id: z.string(),
    agent_type: AgentTypeSchema,
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
    handler: z.record(z.string(), z.unknown()).optional(),
  })
  .describe("agent.heartbeat.<agent_type>.<agent_id>");

export const QueueSizesSchema = z.object({ lead_analysis: z.number().int(), follow_up: z.number().int() });

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

export type AnalyzeLeadBody = z.infer<typeof AnalyzeLeadBody>;
export type GenerateFollowUpBody = z.infer<typeof GenerateFollowUpBody>;
export type LeadAnalyzeEvent = z.infer<typeof LeadAnalyzeEvent>;
export type FollowUpGenerateEvent = z.infer<typeof FollowUpGenerateEvent>;
export type TaskEvent = LeadAnalyzeEvent | FollowUpGenerateEvent;
export type LeadAnalysisResult = z.infer<typeof LeadAnalysisResult>;
export type FollowUpResult = z.infer<typeof FollowUpResult>;
export type Factor = z.infer<typeof FactorSchema>;
export type LeadAnalyzedEvent = z.infer<typeof LeadAnalyzedEvent>;
export type FollowUpGeneratedEvent = z.infer<typeof FollowUpGeneratedEvent>;
export type ResultEvent = LeadAnalyzedEvent | FollowUpGeneratedEvent;
export type TaskFailedEvent = z.infer<typeof TaskFailedEvent>;
export type TaskStartedEvent = z.infer<typeof TaskStartedEvent>;
export type TaskRetryingEvent = z.infer<typeof TaskRetryingEvent>;
export type AttemptLogEntry = z.infer<typeof AttemptLogEntry>;
export type TaskLookupReply = z.infer<typeof TaskLookupReply>;
export type TaskError = z.infer<typeof TaskErrorSchema>;
export type AgentHeartbeat = z.infer<typeof AgentHeartbeat>;
export type SystemStatus = z.infer<typeof SystemStatus>;
export type InteractionSummary = z.infer<typeof InteractionSummarySchema>;
export type Usage = z.infer<typeof UsageSchema>;

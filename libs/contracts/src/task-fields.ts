import { z } from "zod";
import { PRIORITY } from "./names.js";

/**
 * Fields every task and every event shares, whatever the agent type. The agent-type definitions
 * (agent-types/) put each type's own input and result around them.
 */

/**
 * Version of the event schemas. Within a version changes are additive and optional; anything
 * else is a new version, and agents accept both for a stated period (README, "Event versions").
 * Events we publish always carry it; events published to us may leave it out (read as 1).
 */
export const EVENT_SCHEMA_VERSION = 1 as const;
export const SUPPORTED_EVENT_VERSIONS = [1] as const;

export const EventVersionSchema = z
  .number()
  .int()
  .refine((v) => (SUPPORTED_EVENT_VERSIONS as readonly number[]).includes(v), { message: `unsupported schema version; this release reads ${SUPPORTED_EVENT_VERSIONS.join(", ")}` })
  .default(EVENT_SCHEMA_VERSION)
  .describe("Event schema version (default 1)");

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

export const IdempotencyKeySchema = z
  .string()
  .min(1, "must not be empty")
  .max(200, "must be at most 200 characters")
  .describe("Same key → same task id, one execution");

/** Earliest and latest instants an event may name (Postgres and JavaScript both hold them). */
const MIN_INSTANT = Date.UTC(1900, 0, 1);
const MAX_INSTANT = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

/**
 * An instant as every event carries it: ISO 8601 date-time with `Z` or an offset
 * (`2026-11-25T10:00:00.000Z`, `2026-11-25T11:00:00+01:00`), between the years 1900 and 9999.
 */
export const TimestampSchema = z.iso
  .datetime({ offset: true, abort: true, message: "must be an ISO 8601 date-time with a time zone, e.g. 2026-11-25T10:00:00Z" })
  .refine((s) => {
    const t = Date.parse(s);
    return Number.isFinite(t) && t >= MIN_INSTANT && t <= MAX_INSTANT;
  }, "must be a date-time between the years 1900 and 9999");

/** A string of at most `max` characters (every string an event carries has a bound). */
export const boundedString = (max: number) => z.string().max(max, `must be at most ${max} characters`);
/** A non-empty string of at most `max` characters. */
export const boundedId = (max: number) => boundedString(max).min(1, "must not be empty");

/** Bounds of the strings events carry. */
export const EVENT_LIMITS = {
  /** Task ids in events: ours are ≤ 200 (TaskIdSchema); other publishers' Nats-Msg-Id may be longer. */
  taskId: 500,
  leadId: 500,
  agentId: 500,
  type: 100,
  model: 200,
  provider: 200,
  /** NATS subjects. */
  subject: 1000,
  degradedReason: 2000,
  errorCode: 100,
  errorMessage: 20_000,
  /** An e-mail subject in the follow-up history (FollowUpResult's bound). */
  historySubject: 300,
} as const;

export const ContextSchema = z.string().trim().max(4000, "must be at most 4000 characters");

/** One earlier interaction with the same lead, attached by the gateway for the follow-up memory. */
export const InteractionSummarySchema = z.object({
  task_id: boundedId(EVENT_LIMITS.taskId),
  type: boundedId(EVENT_LIMITS.type),
  at: TimestampSchema,
  lead_quality_score: z.number().optional(),
  subject: boundedString(EVENT_LIMITS.historySubject).optional(),
  /**
   * A follow-up e-mail the CRM reported as sent (POST /ai/tasks/:task_id/sent), and when. Without
   * it the e-mail was generated, and nothing says it went out: a writer must not call it sent.
   */
  sent_at: TimestampSchema.optional(),
});

/** Largest count or duration an event may carry (a Postgres `integer`). */
export const MAX_INT32 = 2_147_483_647;

export const UsageSchema = z.object({
  prompt_tokens: z.number().int().min(0).max(MAX_INT32),
  completion_tokens: z.number().int().min(0).max(MAX_INT32),
  /** Of `prompt_tokens`, those the provider served from its prompt cache (billed at the cache price), when it reports them. */
  prompt_cache_hit_tokens: z
    .number()
    .int()
    .min(0)
    .max(MAX_INT32)
    .optional()
    .describe("Of prompt_tokens, those the provider served from its prompt cache (DeepSeek prompt_cache_hit_tokens, OpenAI cached_tokens), when it reports them"),
});

/** The fields of every result event (`<type>.result` subjects) besides `type`, `status` and `result`. */
export const resultEventBase = {
  schema_version: EventVersionSchema,
  task_id: boundedId(EVENT_LIMITS.taskId),
  lead_id: boundedString(EVENT_LIMITS.leadId).optional(),
  agent_id: boundedId(EVENT_LIMITS.agentId),
  /** "builtin-heuristic" / "builtin-template" for the built-in agents, else the LLM model id. */
  model: boundedString(EVENT_LIMITS.model),
  provider: boundedString(EVENT_LIMITS.provider),
  degraded: z.boolean(),
  degraded_reason: boundedString(EVENT_LIMITS.degradedReason).optional(),
  usage: UsageSchema,
  cost_usd: z.number().min(0),
  latency_ms: z.number().min(0).max(MAX_INT32),
  attempts: z.number().int().min(1).max(1000),
  started_at: TimestampSchema,
  completed_at: TimestampSchema,
};

/**
 * The fields of `task.started` besides `type`. It carries no input and no lead: anyone who may
 * read the RESULTS stream sees it, so it names the lead only by the CRM's id (`lead_id`).
 */
export const taskStartedBase = {
  schema_version: EventVersionSchema,
  task_id: boundedId(EVENT_LIMITS.taskId),
  agent_id: boundedId(EVENT_LIMITS.agentId),
  attempt: z.number().int().min(1).max(1000),
  started_at: TimestampSchema,
  subject: boundedString(EVENT_LIMITS.subject),
  priority: PrioritySchema,
  created_at: TimestampSchema.optional(),
  /** The CRM's id of the lead the task is about, when it has one (never its contact data). */
  lead_id: boundedId(EVENT_LIMITS.leadId).optional(),
};

export type InteractionSummary = z.infer<typeof InteractionSummarySchema>;
export type Usage = z.infer<typeof UsageSchema>;

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

export const ContextSchema = z.string().trim().max(4000, "must be at most 4000 characters");

/** One earlier interaction with the same lead, attached by the gateway for the follow-up memory. */
export const InteractionSummarySchema = z.object({
  task_id: z.string(),
  type: z.string(),
  at: z.string(),
  lead_quality_score: z.number().optional(),
  subject: z.string().optional(),
});

export const UsageSchema = z.object({
  prompt_tokens: z.number().int().min(0),
  completion_tokens: z.number().int().min(0),
});

/** The fields of every result event (`<type>.result` subjects) besides `type`, `status` and `result`. */
export const resultEventBase = {
  schema_version: EventVersionSchema,
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

/**
 * The fields of `task.started` besides `type`. It carries no input and no lead: anyone who may
 * read the RESULTS stream sees it, so it names the lead only by the CRM's id (`lead_id`).
 */
export const taskStartedBase = {
  schema_version: EventVersionSchema,
  task_id: z.string(),
  agent_id: z.string(),
  attempt: z.number().int().min(1),
  started_at: z.string(),
  subject: z.string(),
  priority: PrioritySchema,
  created_at: z.string().optional(),
  /** The CRM's id of the lead the task is about, when it has one (never its contact data). */
  lead_id: z.string().optional(),
};

export type InteractionSummary = z.infer<typeof InteractionSummarySchema>;
export type Usage = z.infer<typeof UsageSchema>;

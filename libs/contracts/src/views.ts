import { z } from "zod";
import { AttemptLogEntry, TaskErrorSchema } from "./events.js";
import { UsageSchema } from "./task-fields.js";

/**
 * What the gateway answers about tasks and dead letters, and the dead-letter headers every
 * component writes and reads. The CLI and other clients take these shapes from here.
 */

export const TaskStatusSchema = z.enum(["queued", "processing", "completed", "failed"]);

/** GET /ai/tasks/:id */
export const TaskView = z
  .object({
    task_id: z.string(),
    type: z.string(),
    status: TaskStatusSchema,
    priority: z.number().int(),
    source: z.string(),
    lead_id: z.string().nullable(),
    result: z.unknown().nullable(),
    error: TaskErrorSchema.nullable(),
    attempts: z.number().int(),
    attempt_log: z.array(AttemptLogEntry),
    agent_id: z.string().nullable(),
    model: z.string().nullable(),
    provider: z.string().nullable(),
    degraded: z.boolean().nullable(),
    degraded_reason: z.string().nullable(),
    usage: UsageSchema.nullable(),
    cost_usd: z.number().nullable(),
    latency_ms: z.number().nullable(),
    created_at: z.string(),
    started_at: z.string().nullable(),
    completed_at: z.string().nullable(),
    timings: z.object({ queued_ms: z.number().nullable(), processing_ms: z.number().nullable(), total_ms: z.number().nullable() }),
  })
  .describe("GET /ai/tasks/:id");

/** Headers on a dead letter (`dlq.<original subject>`), besides the task's own. */
export const DeadLetterHeaders = {
  errorCode: "GardenOS-Error-Code",
  error: "GardenOS-Error",
  attempts: "GardenOS-Attempts",
  originalSubject: "GardenOS-Original-Subject",
} as const;

/** A task that used up its attempts (or could never run), as kept in the DLQ stream. */
export const DeadLetterView = z
  .object({
    task_id: z.string(),
    /** Sequence in the DLQ stream. */
    seq: z.number().int(),
    type: z.string().nullable(),
    /** The subject the task was published on, where a replay sends it again. */
    original_subject: z.string(),
    error_code: z.string().nullable(),
    error: z.string().nullable(),
    attempts: z.number().int().nullable(),
    dead_at: z.string(),
    lead_id: z.string().nullable(),
    /** The task event as it was published (parsed when it is JSON, else the raw text). */
    payload: z.unknown(),
  })
  .describe("A dead letter (GET /ai/dlq)");

export type TaskStatus = z.infer<typeof TaskStatusSchema>;
export type TaskView = z.infer<typeof TaskView>;
export type DeadLetterView = z.infer<typeof DeadLetterView>;

import { z } from "zod";
import type { AgentTypeDefinition } from "./agent-types/index.js";
import { AttemptLogEntry, TaskErrorSchema } from "./events.js";
import { UsageSchema } from "./task-fields.js";

/**
 * What the gateway answers about tasks and dead letters, and the dead-letter headers every
 * component writes and reads. The CLI and other clients take these shapes from here.
 */

export const TaskStatusSchema = z.enum(["queued", "processing", "completed", "failed", "cancelled"]);

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

/** One agent type as GET /ai/types shows it (the CLI learns the types from it). */
export const AgentTypeView = z
  .object({
    type: z.string(),
    service: z.string(),
    description: z.string(),
    subject: z.string(),
    result_subject: z.string(),
    http_path: z.string(),
    input_fields: z.array(z.string()).optional(),
    /** False for a registered type this deployment does not run (`AGENT_TYPES`). */
    deployed: z.boolean(),
    agents: z.object({ default: z.number().int(), max: z.number().int() }),
    timeout_seconds: z.number().optional(),
    /** The environment variables of the type's pool. */
    env: z.object({ agents: z.string(), max_agents: z.string(), timeout: z.string() }),
  })
  .describe("An agent type (GET /ai/types)");

/** GET /ai/types */
export const AgentTypesResponse = z.object({ types: z.array(AgentTypeView) }).describe("GET /ai/types");

/** What GET /ai/types shows of one definition; `deployed`: the types this deployment runs. */
export function agentTypeView(d: AgentTypeDefinition, deployed: readonly string[]): AgentTypeView {
  return {
    type: d.type,
    service: d.service,
    description: d.description,
    subject: d.subject,
    result_subject: d.resultSubject,
    http_path: d.http.path,
    input_fields: [...d.inputKeys],
    deployed: deployed.includes(d.type),
    agents: { default: d.agents.default, max: d.agents.max },
    timeout_seconds: d.timeoutSeconds,
    env: { agents: d.env.agents, max_agents: d.env.maxAgents, timeout: d.env.timeout },
  };
}

export type AgentTypeView = z.infer<typeof AgentTypeView>;
export type AgentTypesResponse = z.infer<typeof AgentTypesResponse>;
export type TaskStatus = z.infer<typeof TaskStatusSchema>;
export type TaskView = z.infer<typeof TaskView>;
export type DeadLetterView = z.infer<typeof DeadLetterView>;

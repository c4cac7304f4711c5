import { z } from "zod";
import { Subjects } from "./names.js";
import { REACTION_SUBJECT_PREFIX } from "./reactions.js";
import { TaskStatusSchema } from "./views.js";

/**
 * The live side of the HTTP API: the task collection, the event streams (SSE and WebSocket),
 * browser sessions and webhooks. Zod first; the JSON Schemas in `schemas/` are generated from here.
 */

// ---------------------------------------------------------------- the task collection

/** GET /ai/tasks query: filters and a page. */
export const TaskListQuery = z.strictObject({
  type: z.string().min(1).max(100).optional(),
  status: TaskStatusSchema.optional(),
  lead_id: z.string().min(1).max(200).optional(),
  /** Tasks created at or after this instant (ISO 8601). */
  since: z.iso.datetime({ offset: true, message: "must be an ISO 8601 date-time, e.g. 2026-11-27T09:00:00Z" }).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  /** `next_cursor` of the previous page. */
  cursor: z.string().max(300).optional(),
});

/** One task in GET /ai/tasks: what a list shows (no input, result or attempt log; GET /ai/tasks/:id has them). */
export const TaskSummary = z.object({
  task_id: z.string(),
  type: z.string(),
  status: TaskStatusSchema,
  priority: z.number().int(),
  lead_id: z.string().nullable(),
  attempts: z.number().int(),
  agent_id: z.string().nullable(),
  error_code: z.string().nullable(),
  latency_ms: z.number().nullable(),
  cost_usd: z.number().nullable(),
  created_at: z.string(),
  started_at: z.string().nullable(),
  completed_at: z.string().nullable(),
});

export const TaskList = z
  .object({ items: z.array(TaskSummary), next_cursor: z.string().nullable() })
  .describe("GET /ai/tasks: newest first; pass next_cursor as cursor for the next page");

// ---------------------------------------------------------------- streams

/** Event names on the streams and webhooks: the lifecycle subjects, `task.completed` for every type's result. */
export const LiveEventNames = {
  state: "task.state",
  started: Subjects.taskStarted,
  retrying: Subjects.taskRetrying,
  completed: "task.completed",
  failed: Subjects.taskFailed,
  cancelled: Subjects.taskCancelled,
  /** What the gateway did about a classified reply (`email.reaction.<kind>`): webhooks only, not the live streams. */
  reaction: REACTION_SUBJECT_PREFIX,
} as const;
export type LiveEventName = (typeof LiveEventNames)[keyof typeof LiveEventNames];

/**
 * Names a webhook may subscribe to (`*` for all): the task lifecycle, and `email.reaction` (what
 * the gateway did about a classified reply: the `email.reaction.<kind>` event as `data`, with the
 * classification's task id and status `completed`).
 */
export const WebhookEventName = z.enum([
  LiveEventNames.started,
  LiveEventNames.retrying,
  LiveEventNames.completed,
  LiveEventNames.failed,
  LiveEventNames.cancelled,
  LiveEventNames.reaction,
  "*",
]);
export type WebhookEventName = z.infer<typeof WebhookEventName>;

/**
 * One event on GET /ai/stream, GET /ai/tasks/:id/events and /ai/ws (and the `data` of a webhook
 * delivery). `seq` is the RESULTS stream sequence (the SSE `id`, for Last-Event-ID); a `task.state`
 * snapshot has none.
 */
export const LiveEvent = z
  .object({
    event: z.enum(Object.values(LiveEventNames) as [LiveEventName, ...LiveEventName[]]),
    seq: z.number().int().nullable(),
    task_id: z.string(),
    type: z.string().nullable(),
    status: TaskStatusSchema,
    lead_id: z.string().nullable(),
    at: z.string(),
    trace_id: z.string().nullable(),
    /** The lifecycle event as published (result, usage, error…), without any raw task payload. */
    data: z.record(z.string(), z.unknown()),
  })
  .describe("A task event on the live streams and in webhook deliveries");

/** GET /ai/stream and /ai/ws query: which tasks' events (all the caller may see when empty). */
export const StreamQuery = z.strictObject({
  type: z.string().min(1).max(100).optional(),
  /** Comma-separated statuses of the events: processing (task.started), queued (task.retrying), completed, failed, cancelled. */
  status: z
    .string()
    .max(200)
    .optional()
    .transform((v, ctx) => {
      if (!v) return undefined;
      const parts = v.split(",").map((s) => s.trim()).filter(Boolean);
      for (const p of parts) {
        if (!TaskStatusSchema.safeParse(p).success) {
          ctx.addIssue({ code: "custom", message: `"${p}" is not a status (${TaskStatusSchema.options.join(", ")})` });
          return z.NEVER;
        }
      }
      return parts as z.infer<typeof TaskStatusSchema>[];
    }),
  lead_id: z.string().min(1).max(200).optional(),
  /** `status`: also a cluster status snapshot (GET /ai/status) every few seconds, as `event: status` (the dashboard). */
  include: z.enum(["status"]).optional(),
});

// ---------------------------------------------------------------- browser sessions

export const SessionView = z
  .object({
    role: z.enum(["admin", "client", "reviewer", "anonymous"]),
    tenant: z.string().nullable(),
    expires_at: z.string(),
    /** Send it as `X-GardenOS-CSRF` on every non-GET request made with the cookie. */
    csrf_token: z.string(),
  })
  .describe("POST /ai/session: a short-lived session cookie for browsers (the key never goes in a URL)");

// ---------------------------------------------------------------- webhooks

export const WebhookCreateBody = z.strictObject({
  url: z.url({ message: "must be an absolute URL" }).max(2000),
  events: z.array(WebhookEventName).min(1).max(10).default(["*"]),
  /** Signing secret, 16–200 characters; generated (and shown once) when left out. */
  secret: z.string().min(16, "must be at least 16 characters").max(200).optional(),
  description: z.string().max(500).optional(),
});

export const WebhookView = z
  .object({
    id: z.string(),
    tenant: z.string(),
    url: z.string(),
    events: z.array(WebhookEventName),
    description: z.string().nullable(),
    created_at: z.string(),
    /** Only in the answer to POST /ai/webhooks. */
    secret: z.string().optional(),
  })
  .describe("A webhook (POST/GET /ai/webhooks)");

export const DeliveryStatus = z.enum(["pending", "succeeded", "dead"]);

export const DeliveryView = z
  .object({
    id: z.string(),
    webhook_id: z.string(),
    event: z.string(),
    task_id: z.string(),
    seq: z.number().int(),
    status: DeliveryStatus,
    attempts: z.number().int(),
    last_status_code: z.number().int().nullable(),
    last_error: z.string().nullable(),
    last_duration_ms: z.number().int().nullable(),
    next_attempt_at: z.string().nullable(),
    created_at: z.string(),
    delivered_at: z.string().nullable(),
  })
  .describe("One delivery of one event to one webhook (GET /ai/webhooks/:id/deliveries)");

/** Headers of a webhook delivery; the signature is `v1=<hex HMAC-SHA256(secret, "<timestamp>.<body>")>`. */
export const WebhookHeaders = {
  id: "GardenOS-Webhook-Id",
  delivery: "GardenOS-Delivery-Id",
  event: "GardenOS-Event",
  timestamp: "GardenOS-Timestamp",
  signature: "GardenOS-Signature",
} as const;

export type TaskListQuery = z.infer<typeof TaskListQuery>;
export type TaskSummary = z.infer<typeof TaskSummary>;
export type LiveEvent = z.infer<typeof LiveEvent>;
export type StreamQuery = z.infer<typeof StreamQuery>;
export type WebhookCreateBody = z.infer<typeof WebhookCreateBody>;
export type WebhookView = z.infer<typeof WebhookView>;
export type DeliveryView = z.infer<typeof DeliveryView>;

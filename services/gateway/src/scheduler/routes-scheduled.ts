import { ScheduledTaskList, ScheduledTaskView, TimestampSchema, agentTypes, type ScheduledTaskRecord } from "@gardenos/contracts";
import { errorMessage, type Logger } from "@gardenos/runtime";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { readScope, tenantOf } from "../http/auth.js";
import { ErrorResponse, HttpError } from "../http/errors.js";
import { taskIdFor } from "../intake/task-intake.js";
import type { Scheduler } from "./scheduler.js";

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 503: ErrorResponse };

const ScheduleBody = z.strictObject({
  type: z.string().min(1).max(100).describe("The agent type, e.g. follow_up"),
  due_at: TimestampSchema.describe("When to release the task (ISO 8601 with a time zone)"),
  input: z.record(z.string(), z.unknown()).describe("The task's request body as its POST route takes it (lead, context …; priority and idempotency_key too)"),
  reason: z.string().max(500).optional(),
});

async function brokerCall<T>(log: Logger, f: () => Promise<T>): Promise<T> {
  try {
    return await f();
  } catch (e) {
    if (e instanceof HttpError) throw e;
    log.warn({ err: errorMessage(e) }, "scheduled tasks unavailable");
    throw new HttpError("ERR_BROKER_UNAVAILABLE", undefined, { retryAfterSeconds: 2 });
  }
}

const view = (r: ScheduledTaskRecord, status: "scheduled" | "cancelled") => {
  const { body: _b, ...rest } = r;
  return { ...rest, status };
};

/** Delayed tasks: schedule one (any agent type), list the tenant's waiting ones, cancel one. */
export function scheduledRoutes(deps: { scheduler: Scheduler; log: Logger }) {
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();

    app.get(
      "/ai/scheduled",
      { schema: { summary: "Delayed tasks waiting to be released (soonest first)", response: { 200: ScheduledTaskList, ...errors } } },
      async (req) => ({ items: (await brokerCall(deps.log, () => deps.scheduler.list(readScope(req)))).map((r) => view(r, "scheduled")) }),
    );

    app.post(
      "/ai/scheduled",
      {
        schema: {
          summary: "Schedule a task of any agent type for later: checked now, released at due_at under the returned task id",
          body: ScheduleBody,
          response: { 201: ScheduledTaskView, 200: ScheduledTaskView, ...errors },
        },
      },
      async (req, reply) => {
        const def = agentTypes.get(req.body.type);
        if (!def) throw new HttpError("ERR_VALIDATION", `type: must be one of ${agentTypes.names().join(", ")}`, { issues: [{ path: "type", message: `must be one of ${agentTypes.names().join(", ")}` }] });
        const parsed = def.requestBody.safeParse(req.body.input);
        if (!parsed.success) {
          const issues = parsed.error.issues.map((i) => ({ path: ["input", ...i.path].join("."), message: i.message }));
          throw new HttpError("ERR_VALIDATION", issues.map((i) => `${i.path}: ${i.message}`).join("; "), { issues });
        }
        const body = parsed.data as Record<string, unknown> & { priority: number; idempotency_key?: string };
        const tenant = tenantOf(req);
        const input = def.pickInput(body);
        const rec: ScheduledTaskRecord = {
          id: taskIdFor(def, body.idempotency_key, tenant),
          tenant,
          type: def.type,
          due_at: new Date(req.body.due_at).toISOString(),
          body: { ...input, ...(body.idempotency_key ? { idempotency_key: body.idempotency_key } : {}) },
          priority: body.priority,
          ...(def.leadIdOf(input) ? { lead_id: def.leadIdOf(input)! } : {}),
          ...(req.body.reason ? { reason: req.body.reason } : {}),
          created_at: new Date().toISOString(),
        };
        const created = await brokerCall(deps.log, () => deps.scheduler.schedule(rec));
        return reply.code(created ? 201 : 200).send(view(rec, "scheduled"));
      },
    );

    app.delete(
      "/ai/scheduled/:id",
      { schema: { summary: "Cancel a delayed task before it is released (404 once released: cancel the task then)", params: z.object({ id: z.string().min(1).max(200) }), response: { 200: ScheduledTaskView, ...errors } } },
      async (req) => {
        const rec = await brokerCall(deps.log, () => deps.scheduler.cancel(tenantOf(req), req.params.id));
        if (!rec) throw new HttpError("ERR_NOT_FOUND", `No scheduled task ${req.params.id} is waiting (it may have been released: DELETE /ai/tasks/${req.params.id})`);
        return view(rec, "cancelled");
      },
    );
  };
}

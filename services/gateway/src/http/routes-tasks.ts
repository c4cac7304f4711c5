import { AgentTypesResponse, TaskAccepted, agentTypeView, agentTypes } from "@gardenos/contracts";
import { errorMessage, type Logger } from "@gardenos/runtime";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { TaskRequest, TaskSubmitter } from "../intake/task-intake.js";
import { traceparentOr } from "../intake/traceparent.js";
import { taskView, type TaskReader } from "../recording/task-store.js";
import type { ResultWaiter } from "../live/result-waiter.js";
import { AuthLevels, readScope, tenantOf } from "./auth.js";
import { ErrorResponse, HttpError } from "./errors.js";
import { requireDeployed } from "./routes-admin.js";

/**
 * The task routes, one POST per registered agent type (its path, request schema and OpenAPI
 * entry come from its definition), GET /ai/tasks/:id and GET /ai/types.
 */
export function taskRoutes(deps: { intake: TaskSubmitter; tasks: TaskReader; deployed: readonly string[]; log: Logger; waiter?: ResultWaiter | undefined }) {
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    // 200: a duplicate (idempotency key seen before), or with ?wait the finished task (as GET /ai/tasks/:id).
    const accepted = { 202: TaskAccepted, 200: z.union([z.object({ task_id: z.string(), status: z.string(), duplicate: z.literal(true) }), z.looseObject({ task_id: z.string(), status: z.string() })]), 400: ErrorResponse, 413: ErrorResponse, 503: ErrorResponse };
    const waitQuery = z.object({ wait: z.coerce.number().int().min(0).max(60).optional().describe("Seconds to wait for the result: 200 with the task when it ends in time, else 202 as without") });

    for (const def of agentTypes.list()) {
      app.post(
        def.http.path,
        {
          // A type may take larger bodies than BODY_LIMIT (e-mail classification: an over-long e-mail is a 400 naming the field, not a 413).
          ...(def.http.bodyLimit ? { bodyLimit: def.http.bodyLimit } : {}),
          schema: {
            summary: def.http.summary,
            description: `Answers 202 once JetStream has stored the task (${def.subject}). The result appears at GET /ai/tasks/:id and as a ${def.resultSubject} event.`,
            body: def.requestBody,
            querystring: waitQuery,
            response: accepted,
          },
        },
        async (req, reply) => {
          requireDeployed({ deployed: deps.deployed }, def.type);
          const tenant = tenantOf(req);
          const r = await deps.intake.submit(def, req.body as TaskRequest, traceparentOr(req.headers.traceparent), tenant);
          const wait = (req.query as { wait?: number }).wait;
          if (wait && deps.waiter) {
            const done = await deps.waiter.wait(r.taskId, tenant, wait * 1000).catch(() => undefined);
            if (done) return reply.code(200).send(taskView(done));
          }
          if (r.duplicate) return reply.code(200).send({ task_id: r.taskId, status: r.status, duplicate: true });
          return reply.code(202).send({ task_id: r.taskId, status: "queued" });
        },
      );
    }

    app.get(
      "/ai/tasks/:id",
      {
        schema: {
          summary: "A task's status, result, timings and attempts",
          params: z.object({ id: z.string().min(1).max(200) }),
        },
      },
      async (req) => {
        let row;
        try {
          // Another tenant's task answers 404, as an unknown one does.
          row = await deps.tasks.get(req.params.id, readScope(req));
        } catch (e) {
          deps.log.warn({ err: errorMessage(e) }, "database unavailable");
          throw new HttpError("ERR_DATABASE_UNAVAILABLE", undefined, { retryAfterSeconds: 2 });
        }
        if (!row) throw new HttpError("ERR_TASK_NOT_FOUND", `No task with id ${req.params.id}`);
        return taskView(row);
      },
    );

    app.get(
      "/ai/types",
      {
        config: { auth: AuthLevels.client },
        schema: { summary: "The agent types this gateway knows (built-in and plugins), their routes, subjects, bounds and whether this deployment runs them", response: { 200: AgentTypesResponse } },
      },
      async () => ({ types: agentTypes.list().map((d) => agentTypeView(d, deps.deployed)) }),
    );
  };
}

import { TaskList, TaskListQuery } from "@gardenos/contracts";
import { errorMessage, type Logger } from "@gardenos/runtime";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { taskView } from "../recording/task-store.js";
import type { TaskCollection } from "../live/task-collection.js";
import { readScope } from "./auth.js";
import { ErrorResponse, HttpError, isHttpError } from "./errors.js";

/** GET /ai/tasks (filtered, paged, tenant-scoped) and DELETE /ai/tasks/:id (cancel a queued task). */
export function taskCollectionRoutes(deps: { collection: TaskCollection; log: Logger }) {
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();

    const dbDown = (e: unknown): never => {
      if (isHttpError(e)) throw e;
      deps.log.warn({ err: errorMessage(e) }, "database unavailable");
      throw new HttpError("ERR_DATABASE_UNAVAILABLE", undefined, { retryAfterSeconds: 2 });
    };

    app.get(
      "/ai/tasks",
      {
        schema: {
          summary: "Tasks, newest first, filtered by type, status, lead id and creation time; paged with next_cursor",
          description: "A tenant's key sees its tenant's tasks only (a global admin key sees all).",
          querystring: TaskListQuery,
          response: { 200: TaskList, 400: ErrorResponse },
        },
      },
      async (req) => deps.collection.list(req.query, readScope(req)).catch(dbDown),
    );

    app.get(
      "/ai/tasks/:id/detail",
      {
        schema: {
          summary: "A task with its input, tenant and trace id (the dashboard's task detail); another tenant's task answers 404",
          params: z.object({ id: z.string().min(1).max(200) }),
          response: { 200: z.looseObject({ task_id: z.string(), input: z.unknown(), trace_id: z.string().nullable(), tenant: z.string() }), 404: ErrorResponse },
        },
      },
      async (req) => {
        const row = await deps.collection.get(req.params.id, readScope(req)).catch(dbDown);
        if (!row) throw new HttpError("ERR_TASK_NOT_FOUND", `No task with id ${req.params.id}`);
        return { ...taskView(row), input: row.input ?? null, trace_id: row.traceId ?? null, tenant: row.tenant };
      },
    );

    app.delete(
      "/ai/tasks/:id",
      {
        schema: {
          summary: "Cancel a task that no agent has started: it ends as cancelled and is dropped when an agent pulls it",
          description: "409 ERR_TASK_NOT_CANCELLABLE once an agent has started it or it has ended; another tenant's task answers 404.",
          params: z.object({ id: z.string().min(1).max(200) }),
          response: { 200: z.looseObject({ task_id: z.string(), status: z.string() }), 404: ErrorResponse, 409: ErrorResponse, 503: ErrorResponse },
        },
      },
      async (req) => {
        const row = await deps.collection.cancel(req.params.id, readScope(req)).catch(dbDown);
        req.log.info({ task_id: row.taskId }, "task cancelled");
        return taskView(row);
      },
    );
  };
}

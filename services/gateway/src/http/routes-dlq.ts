import { AgentTypeSchema, ErrorCodes } from "@gardenos/contracts";
import { errorMessage, type Logger } from "@gardenos/runtime";
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { DeadLetterView as DeadLetter } from "@gardenos/contracts";
import type { DeadLetterQueue } from "../dead-letters/dead-letters.js";
import { AuthLevels, DEFAULT_TENANT, readScope } from "./auth.js";
import { HttpError } from "./errors.js";
/** What replay needs of the store of record. */
export interface ReplayStore {
  requeue(taskId: string): Promise<void>;
  /** The tenants of these tasks (dead letters carry no tenant; their task rows do). */
  tenantsOf(taskIds: readonly string[]): Promise<Map<string, string>>;
}

/**
 * Dead letters over HTTP: list them, replay one, or replay many under their own task ids.
 * Admin endpoints (`config: { auth: "admin" }`): with admin keys configured they need one.
 */
export function deadLetterRoutes(deps: { deadLetters: DeadLetterQueue; store: ReplayStore; log: Logger }) {
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();

    /** The dead letters a tenant-scoped admin may see: its tenant's tasks (a letter with no task row is the default tenant's). */
    async function visible(req: FastifyRequest, letters: DeadLetter[]): Promise<DeadLetter[]> {
      const scope = readScope(req);
      if (scope === undefined || letters.length === 0) return letters;
      const tenants = await deps.store.tenantsOf(letters.map((d) => d.task_id));
      return letters.filter((d) => (tenants.get(d.task_id) ?? DEFAULT_TENANT) === scope);
    }

    async function replayOne(d: DeadLetter): Promise<void> {
      try {
        await deps.store.requeue(d.task_id);
      } catch (e) {
        deps.log.warn({ err: errorMessage(e), task_id: d.task_id }, "database unavailable for replay");
        throw new HttpError("ERR_DATABASE_UNAVAILABLE", undefined, { retryAfterSeconds: 2 });
      }
      try {
        await deps.deadLetters.replay(d);
      } catch (e) {
        deps.log.error({ err: errorMessage(e), task_id: d.task_id }, "replay failed");
        throw new HttpError("ERR_BROKER_UNAVAILABLE", `${ErrorCodes.ERR_BROKER_UNAVAILABLE.message}: ${errorMessage(e)}`, { retryAfterSeconds: 2 });
      }
      deps.log.info({ task_id: d.task_id, dlq_seq: d.seq }, "dead letter replayed");
    }

    app.get(
      "/ai/dead-letters",
      {
        config: { auth: AuthLevels.admin },
        schema: {
          summary: "Tasks that used up their attempts, oldest first (paged by after_seq)",
          querystring: z.object({
            limit: z.coerce.number().int().min(1).max(500).default(100),
            after_seq: z.coerce.number().int().min(0).default(0),
          }),
        },
      },
      async (req) => {
        const page = await deps.deadLetters.list(req.query.limit, req.query.after_seq);
        const items = await visible(req, page.items);
        return { ...page, items, ...(items.length !== page.items.length ? { total: undefined } : {}) };
      },
    );

    app.post(
      "/ai/dead-letters/:id/replay",
      {
        config: { auth: AuthLevels.admin },
        schema: {
          summary: "Run a dead-lettered task again under the same task id",
          params: z.object({ id: z.string().min(1).max(200) }),
        },
      },
      async (req, reply) => {
        const found = await deps.deadLetters.find(req.params.id);
        const d = found ? (await visible(req, [found]))[0] : undefined;
        if (!d) throw new HttpError("ERR_NOT_FOUND", `No dead letter for task ${req.params.id}`);
        await replayOne(d);
        return reply.code(202).send({ task_id: d.task_id, status: "queued", replayed_from_seq: d.seq });
      },
    );

    app.post(
      "/ai/dead-letters/replay",
      {
        config: { auth: AuthLevels.admin },
        schema: {
          summary: "Replay several dead letters: the given task ids, or all (optionally of one type)",
          body: z
            .strictObject({
              task_ids: z.array(z.string().min(1).max(200)).min(1).max(10_000).optional(),
              all: z.boolean().optional(),
              type: AgentTypeSchema.optional(),
            })
            .refine((b) => Boolean(b.task_ids) !== Boolean(b.all), { message: "give either task_ids or all: true" }),
        },
      },
      async (req, reply) => {
        const wanted = req.body.task_ids ? new Set(req.body.task_ids) : undefined;
        const replayed: string[] = [];
        for await (const letter of deps.deadLetters.all()) {
          if (wanted && !wanted.has(letter.task_id)) continue;
          if (req.body.type && letter.type !== req.body.type) continue;
          const d = (await visible(req, [letter]))[0];
          if (!d) continue;
          await replayOne(d);
          replayed.push(d.task_id);
        }
        const missing = wanted ? [...wanted].filter((id) => !replayed.includes(id)) : [];
        return reply.code(202).send({ replayed: replayed.length, task_ids: replayed, ...(missing.length ? { not_found: missing } : {}) });
      },
    );
  };
}

import { ExperimentBody, ExperimentView } from "@gardenos/contracts";
import type { Logger } from "@gardenos/runtime";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { ExperimentConflictError, type ExperimentStore } from "../experiments/experiment-store.js";
import { AuthLevels, tenantOf } from "./auth.js";
import { ErrorResponse, HttpError } from "./errors.js";
import { dbCall } from "./routes-outcomes.js";

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse, 503: ErrorResponse };
const IdParams = z.object({ id: z.string().min(1).max(100) });

/** Follow-up A/B experiments of the caller's tenant: results (client), create and stop (admin). */
export function experimentRoutes(deps: { experiments: ExperimentStore; log: Logger }) {
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const admin = { auth: AuthLevels.admin };
    const notFound = (id: string) => new HttpError("ERR_EXPERIMENT_NOT_FOUND", `No experiment ${id}`);

    app.get("/ai/experiments", { schema: { summary: "Every experiment with sends, outcomes, rates, 95 % intervals, P(best) and the stop rule's decision", response: { 200: z.object({ experiments: z.array(ExperimentView) }), ...errors } } }, async (req) => ({
      experiments: await dbCall(deps.log, () => deps.experiments.list(tenantOf(req))),
    }));

    app.get("/ai/experiments/:id", { schema: { summary: "One experiment's results", params: IdParams, response: { 200: ExperimentView, ...errors } } }, async (req) => {
      const v = await dbCall(deps.log, () => deps.experiments.get(tenantOf(req), req.params.id));
      if (!v) throw notFound(req.params.id);
      return v;
    });

    app.post("/ai/experiments", { config: admin, schema: { summary: "Start a follow-up experiment (one runs at a time per tenant)", body: ExperimentBody, response: { 201: ExperimentView, ...errors } } }, async (req, reply) => {
      try {
        const v = await deps.experiments.create(tenantOf(req), req.body);
        return reply.code(201).send(v);
      } catch (e) {
        if (e instanceof ExperimentConflictError) throw new HttpError("ERR_EXPERIMENT_EXISTS", e.message);
        return dbCall(deps.log, () => Promise.reject(e));
      }
    });

    app.post("/ai/experiments/:id/stop", { config: admin, schema: { summary: "Stop an experiment: new follow-ups are written without a variant; its results stay", params: IdParams, body: z.object({}).strict().nullish(), response: { 200: ExperimentView, ...errors } } }, async (req) => {
      const v = await dbCall(deps.log, () => deps.experiments.stop(tenantOf(req), req.params.id));
      if (!v) throw notFound(req.params.id);
      return v;
    });
  };
}

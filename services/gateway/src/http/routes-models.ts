import { ModelView, ModelsResponse, TrainBody, TrainResponse } from "@gardenos/contracts";
import type { Logger } from "@gardenos/runtime";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { modelView, type ModelStore } from "../models/model-store.js";
import { NotEnoughOutcomesError, type ModelTrainer } from "../models/trainer.js";
import type { OutcomeStore } from "../outcomes/outcome-store.js";
import { AuthLevels, tenantOf } from "./auth.js";
import { ErrorResponse, HttpError } from "./errors.js";
import { dbCall } from "./routes-outcomes.js";

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse, 503: ErrorResponse };
const VersionParams = z.object({ version: z.coerce.number().int().min(1) });

/**
 * The conversion model's versions, per tenant (the caller's; a global admin names one with
 * X-GardenOS-Tenant, else `default`): list (client), train / activate / rollback (admin).
 */
export function modelRoutes(deps: { models: ModelStore; trainer: ModelTrainer; outcomes: Pick<OutcomeStore, "labelledLeads">; log: Logger }) {
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const admin = { auth: AuthLevels.admin };

    app.get("/ai/models", { schema: { summary: "The conversion model's versions, newest first, and whether the built-in heuristic still scores (cold start)", response: { 200: ModelsResponse, ...errors } } }, async (req) => {
      const tenant = tenantOf(req);
      const [rows, labelled] = await dbCall(deps.log, () => Promise.all([deps.models.list(tenant), deps.outcomes.labelledLeads(tenant)]));
      const active = rows.find((r) => r.active);
      return { models: rows.map(modelView), active_version: active?.version ?? null, labelled_leads: labelled, min_outcomes: deps.trainer.minOutcomes, cold_start: !active };
    });

    app.get("/ai/models/:version", { schema: { summary: "One version of the conversion model", params: VersionParams, response: { 200: ModelView, ...errors } } }, async (req) => {
      const row = await dbCall(deps.log, () => deps.models.get(tenantOf(req), req.params.version));
      if (!row) throw new HttpError("ERR_MODEL_NOT_FOUND", `No model version ${req.params.version}`);
      return modelView(row);
    });

    app.post(
      "/ai/models/train",
      {
        config: admin,
        schema: {
          summary: "Train a new version from the stored outcomes; it becomes active only when it beats the active one on the validation split",
          body: TrainBody.nullish(),
          response: { 200: TrainResponse, ...errors },
        },
      },
      async (req) => {
        const body = req.body ?? { source: "outcomes" as const };
        try {
          const r = await deps.trainer.train(tenantOf(req), body.source, { ...(body.exclude ? { exclude: body.exclude } : {}), ...(body.force ? { force: true } : {}) });
          return { model: modelView(r.row), activated: r.activated, decision: r.decision };
        } catch (e) {
          if (e instanceof NotEnoughOutcomesError) throw new HttpError("ERR_NOT_ENOUGH_OUTCOMES", e.message);
          return dbCall(deps.log, () => Promise.reject(e));
        }
      },
    );

    app.post("/ai/models/:version/activate", { config: admin, schema: { summary: "Make this version the active model (the agents pick it up without a restart)", params: VersionParams, body: z.object({}).strict().nullish(), response: { 200: ModelView, ...errors } } }, async (req) => {
      const row = await dbCall(deps.log, () => deps.models.activate(tenantOf(req), req.params.version));
      if (!row) throw new HttpError("ERR_MODEL_NOT_FOUND", `No model version ${req.params.version}`);
      return modelView(row);
    });

    app.post(
      "/ai/models/rollback",
      {
        config: admin,
        schema: {
          summary: "Go back to the version active before this one (none: the built-in heuristic)",
          body: z.object({}).strict().nullish(),
          response: { 200: z.object({ active_version: z.number().int().nullable(), model: ModelView.nullable() }), ...errors },
        },
      },
      async (req) => {
        const row = await dbCall(deps.log, () => deps.models.rollback(tenantOf(req)));
        return { active_version: row?.version ?? null, model: row ? modelView(row) : null };
      },
    );
  };
}

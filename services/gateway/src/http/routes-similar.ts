import { SimilarLeadsView } from "@gardenos/contracts";
import { errorMessage, type Logger } from "@gardenos/runtime";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { MAX_K, type SimilarLeads } from "../embeddings/similar-leads.js";
import { tenantOf } from "./auth.js";
import { ErrorResponse, HttpError } from "./errors.js";

/** `GET /ai/leads/:id/similar?k=10`: the tenant's nearest analysed leads, with their latest scores and outcomes. */
export function similarRoutes(deps: { similar: SimilarLeads; log: Logger }) {
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    app.get(
      "/ai/leads/:id/similar",
      {
        schema: {
          summary: "The most similar analysed leads (embeddings, pgvector HNSW or exact search), their latest scores and outcomes",
          description: "404 ERR_LEAD_NOT_FOUND when this tenant has no analysed lead with this id. `knn_conversion_rate`: the share of neighbours with a converted/lost outcome that converted.",
          params: z.object({ id: z.string().min(1).max(200) }),
          querystring: z.object({ k: z.coerce.number().int().min(1).max(MAX_K).default(10).describe(`Neighbours (1–${MAX_K}, default 10)`) }),
          response: { 200: SimilarLeadsView, 404: ErrorResponse, 503: ErrorResponse },
        },
      },
      async (req) => {
        let view;
        try {
          view = await deps.similar.similarTo(tenantOf(req), req.params.id, req.query.k);
        } catch (e) {
          deps.log.warn({ err: errorMessage(e) }, "similar-lead search failed");
          throw new HttpError("ERR_DATABASE_UNAVAILABLE", undefined, { retryAfterSeconds: 2 });
        }
        if (!view) throw new HttpError("ERR_LEAD_NOT_FOUND", "No analysed lead with this id (a lead gets an embedding when it is analysed)");
        return view;
      },
    );
  };
}

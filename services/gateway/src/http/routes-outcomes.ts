import { OutcomesAccepted, OutcomesBody } from "@gardenos/contracts";
import { errorMessage, type Logger } from "@gardenos/runtime";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { OutcomeStore } from "../outcomes/outcome-store.js";
import { readScope, tenantOf } from "./auth.js";
import { ErrorResponse, HttpError } from "./errors.js";

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 413: ErrorResponse, 503: ErrorResponse };

export const OutcomeRow = z.object({
  outcome_id: z.string(),
  lead_id: z.string(),
  outcome: z.string(),
  value: z.number().nullable(),
  currency: z.string().nullable(),
  at: z.string(),
  task_id: z.string().nullable(),
  experiment: z.string().nullable(),
  variant: z.string().nullable(),
  source: z.string(),
});

/** Runs a database call; a failure is 503 ERR_DATABASE_UNAVAILABLE (HttpErrors pass through). */
export async function dbCall<T>(log: Logger, f: () => Promise<T>): Promise<T> {
  try {
    return await f();
  } catch (e) {
    if (e instanceof HttpError) throw e;
    log.warn({ err: errorMessage(e) }, "database unavailable");
    throw new HttpError("ERR_DATABASE_UNAVAILABLE", undefined, { retryAfterSeconds: 2 });
  }
}

/**
 * POST /ai/outcomes: what the CRM learned about leads (sent, replied, meeting_booked, converted,
 * lost, unsubscribed, bounced), in batches, stored once per outcome_id in the caller's tenant. A
 * batch with one bad outcome is refused whole (400 naming the field) and nothing is stored.
 */
export function outcomeRoutes(deps: { outcomes: OutcomeStore; log: Logger }) {
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    app.post(
      "/ai/outcomes",
      {
        schema: {
          summary: "Record outcomes of leads (batch of up to 1000; idempotent per outcome_id)",
          description: "A `converted` or `lost` outcome labels the lead for training; `sent` is an exposure of a follow-up e-mail; replies, meetings and conversions count for the e-mail's experiment variant.",
          body: OutcomesBody,
          response: { 200: OutcomesAccepted, ...errors },
        },
      },
      async (req) => dbCall(deps.log, () => deps.outcomes.record(tenantOf(req), req.body.outcomes, "http")),
    );

    app.get(
      "/ai/outcomes",
      {
        schema: {
          summary: "A lead's outcomes, oldest first (404 when the tenant has none for it)",
          querystring: z.strictObject({ lead_id: z.string().min(1).max(200) }),
          response: { 200: z.object({ lead_id: z.string(), outcomes: z.array(OutcomeRow) }), ...errors },
        },
      },
      async (req) => {
        const rows = await dbCall(deps.log, () => deps.outcomes.ofLead(req.query.lead_id, readScope(req)));
        if (rows.length === 0) throw new HttpError("ERR_NOT_FOUND", `No outcomes for lead ${req.query.lead_id}`);
        return { lead_id: req.query.lead_id, outcomes: rows };
      },
    );
  };
}

import { SuppressionBody, SuppressionList } from "@gardenos/contracts";
import type { Logger } from "@gardenos/runtime";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { AuthLevels, readScope, tenantOf } from "../http/auth.js";
import { ErrorResponse, HttpError } from "../http/errors.js";
import { dbCall } from "../http/routes-outcomes.js";
import type { SuppressionEntry, SuppressionStore } from "./suppression-store.js";

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 503: ErrorResponse };

function decodeAfter(cursor: string | undefined): string | undefined {
  if (!cursor) return undefined;
  const v = Buffer.from(cursor, "base64url").toString("utf8");
  if (v.split("\n").length !== 3) throw new HttpError("ERR_VALIDATION", "query.cursor: is not a cursor this API returned (use next_cursor of the previous page)", { issues: [{ path: "query.cursor", message: "is not a cursor this API returned" }] });
  return v;
}

/**
 * The suppression list (admin, per tenant like the other admin routes: a tenant's admin key acts
 * on its tenant; a global admin reads every tenant's and writes the one named in X-GardenOS-Tenant).
 */
export function suppressionRoutes(deps: { suppressions: SuppressionStore; log: Logger }) {
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();

    app.get(
      "/ai/suppressions",
      {
        config: { auth: AuthLevels.admin },
        schema: {
          summary: "The tenant's suppression list: leads and addresses never e-mailed (unsubscribed, bounced, manual)",
          querystring: z.object({
            kind: z.enum(["lead", "email"]).optional(),
            reason: z.enum(["unsubscribed", "bounced", "manual"]).optional(),
            limit: z.coerce.number().int().min(1).max(1000).default(100),
            cursor: z.string().max(2000).optional(),
          }),
          response: { 200: SuppressionList, ...errors },
        },
      },
      async (req) => {
        const after = decodeAfter(req.query.cursor);
        return dbCall(deps.log, () => deps.suppressions.list(readScope(req), { kind: req.query.kind, reason: req.query.reason, limit: req.query.limit, after }));
      },
    );

    app.post(
      "/ai/suppressions",
      {
        config: { auth: AuthLevels.admin },
        schema: {
          summary: "Suppress a lead and/or an address: no follow-up is written for them (409 ERR_DO_NOT_CONTACT / task.failed)",
          body: SuppressionBody,
          response: { 201: z.object({ tenant: z.string(), added: z.array(z.object({ kind: z.string(), value: z.string(), reason: z.string() })), already_listed: z.number().int() }), ...errors },
        },
      },
      async (req, reply) => {
        const tenant = tenantOf(req);
        const b = req.body;
        const entries: SuppressionEntry[] = [
          ...(b.lead_id ? [{ kind: "lead" as const, value: b.lead_id, reason: b.reason, note: b.note }] : []),
          ...(b.email ? [{ kind: "email" as const, value: b.email, reason: b.reason, note: b.note }] : []),
        ];
        const added = await dbCall(deps.log, () => deps.suppressions.add(tenant, entries));
        return reply.code(201).send({ tenant, added, already_listed: entries.length - added.length });
      },
    );

    app.delete(
      "/ai/suppressions/:kind/:value",
      {
        config: { auth: AuthLevels.admin },
        schema: {
          summary: "Take a lead (kind lead) or an address (kind email) off the suppression list",
          params: z.object({ kind: z.enum(["lead", "email"]), value: z.string().min(1).max(320) }),
          response: { 200: z.object({ tenant: z.string(), kind: z.string(), value: z.string(), removed: z.literal(true) }), ...errors },
        },
      },
      async (req) => {
        const tenant = tenantOf(req);
        const removed = await dbCall(deps.log, () => deps.suppressions.remove(tenant, req.params.kind, req.params.value));
        if (!removed) throw new HttpError("ERR_NOT_FOUND", `No ${req.params.kind} of that value on tenant ${tenant}'s suppression list`);
        return { tenant, kind: req.params.kind, value: req.params.value, removed: true as const };
      },
    );
  };
}

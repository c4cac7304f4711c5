import { Streams, followUp, type Lead } from "@gardenos/contracts";
import { errorMessage, type Logger } from "@gardenos/runtime";
import type { FastifyInstance, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { StreamErasure } from "../dead-letters/erase.js";
import type { LeadKey, LeadStore } from "../recording/leads.js";
import { AuthLevels, readScope, tenantOf } from "./auth.js";
import { HttpError } from "./errors.js";

/** What the lead routes need (the gateway passes a LeadStore and eraseFromStream over its NATS connection). */
export interface LeadRoutesDeps {
  log: Logger;
  leads: Pick<LeadStore, "erase" | "addDoNotContact" | "isDoNotContact">;
  /** Deletes a lead's messages from a stream, one by one; undefined when the gateway has no broker (route tests). */
  eraseFromStream?: (stream: string, matches: (subject: string, body: Record<string, unknown>) => boolean) => Promise<StreamErasure>;
  /** RESULTS_MAX_AGE in seconds, shown in the answer: how long what could not be deleted lives. */
  resultsMaxAgeSeconds?: number;
}

const truthy = z.enum(["true", "false", "1", "0"]).transform((v) => v === "true" || v === "1");

/** The lead's id and e-mail in a task body, for the do-not-contact check. */
function keyOfLead(lead: Lead | undefined): LeadKey {
  return { leadId: lead?.id, email: lead?.contact?.email };
}

/**
 * True when a stored task or result event is about the lead: one of the erased tasks, or (for a
 * global admin, `anyTenant`) any event naming the lead's id or e-mail. A tenant's erasure matches
 * only its own tasks: another tenant's lead may carry the same CRM id.
 */
function aboutLead(k: { leadId: string; email?: string | undefined }, taskIds: ReadonlySet<string>, anyTenant: boolean) {
  const email = k.email?.toLowerCase();
  return (_subject: string, body: Record<string, unknown>): boolean => {
    if (typeof body.task_id === "string" && taskIds.has(body.task_id)) return true;
    if (!anyTenant) return false;
    if (body.lead_id === k.leadId) return true;
    const lead = body.lead as { id?: unknown; contact?: { email?: unknown } } | undefined;
    if (lead && typeof lead === "object") {
      if (lead.id === k.leadId) return true;
      if (email && typeof lead.contact?.email === "string" && lead.contact.email.toLowerCase() === email) return true;
    }
    return false;
  };
}

/**
 * `DELETE /ai/leads/:id` (admin): the right to erasure. Deletes the lead's rows in ai_interactions
 * (by lead id, and by e-mail when given), its dead letters and its RESULTS events (one by one by
 * sequence), and keeps a do-not-contact record when asked. Also refuses a follow-up for a lead on
 * the do-not-contact list (409 ERR_DO_NOT_CONTACT). Register before the task routes.
 */
async function leadRoutesPlugin(fastify: FastifyInstance, deps: LeadRoutesDeps) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  fastify.addHook("preHandler", async (req: FastifyRequest) => {
    if (req.method !== "POST" || req.routeOptions.url !== followUp.http.path) return;
    const body = req.body as { lead?: Lead; lead_id?: string } | undefined;
    const key = body?.lead ? keyOfLead(body.lead) : { leadId: body?.lead_id };
    if (await deps.leads.isDoNotContact(key, tenantOf(req))) throw new HttpError("ERR_DO_NOT_CONTACT");
  });

  app.delete(
    "/ai/leads/:id",
    {
      config: { auth: AuthLevels.admin },
      schema: {
        summary: "Erase a lead: its tasks and results in the database, its dead letters and RESULTS events; optionally keep it on the do-not-contact list",
        description:
          "`email` (query or body) also erases rows matched by the contact's e-mail. `do_not_contact=true` records the lead id (and e-mail) so no follow-up is written for it again (409 ERR_DO_NOT_CONTACT). Tasks still waiting in TASKS are not removed; RESULTS events older than the scan limit expire after RESULTS_MAX_AGE.",
        params: z.object({ id: z.string().min(1).max(200) }),
        querystring: z.object({ email: z.email().max(320).optional(), do_not_contact: truthy.optional() }),
        body: z.strictObject({ email: z.email().max(320).optional(), do_not_contact: z.boolean().optional() }).nullish(),
      },
    },
    async (req) => {
      const leadId = req.params.id;
      const email = req.body?.email ?? req.query.email;
      const keep = req.body?.do_not_contact ?? req.query.do_not_contact ?? false;
      // A tenant's admin erases its tenant's data; a global admin every tenant's (or, with
      // X-GardenOS-Tenant, one tenant's). The do-not-contact record goes to the tenant acted for.
      const scope = req.headers["x-gardenos-tenant"] !== undefined ? tenantOf(req) : readScope(req);
      // The do-not-contact record first: if anything later fails, the lead is at least not written to.
      if (keep) await deps.leads.addDoNotContact({ leadId, email }, tenantOf(req));
      const taskIds = await deps.leads.erase({ leadId, email }, scope);
      const match = aboutLead({ leadId, email }, new Set(taskIds), scope === undefined);
      const streams: StreamErasure[] = [];
      if (deps.eraseFromStream) {
        for (const s of [Streams.deadLetters, Streams.results]) {
          try {
            streams.push(await deps.eraseFromStream(s, match));
          } catch (e) {
            req.log.warn({ err: errorMessage(e), stream: s }, "could not erase the lead from a stream");
            streams.push({ stream: s, scanned: 0, deleted: 0, complete: false });
          }
        }
      }
      req.log.info({ lead_id: leadId, tenant: scope ?? "*", rows: taskIds.length, streams, do_not_contact: keep }, "lead erased");
      return {
        lead_id: leadId,
        tenant: scope ?? null,
        erased_rows: taskIds.length,
        streams,
        do_not_contact: keep,
        ...(deps.resultsMaxAgeSeconds ? { results_max_age_seconds: deps.resultsMaxAgeSeconds } : {}),
      };
    },
  );
}

export const leadRoutes = fp(leadRoutesPlugin, { name: "gardenos-lead-routes", fastify: "5.x" });

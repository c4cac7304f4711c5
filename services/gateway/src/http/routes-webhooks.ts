import { randomBytes } from "node:crypto";
import { DeliveryStatus, DeliveryView, WebhookCreateBody, WebhookView } from "@gardenos/contracts";
import { errorMessage, type Logger } from "@gardenos/runtime";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { TargetPolicy } from "../webhooks/ssrf.js";
import { TargetRefused } from "../webhooks/ssrf.js";
import { deliveryView, webhookView, type WebhookStore } from "../webhooks/webhook-store.js";
import { AuthLevels, readScope, tenantOf } from "./auth.js";
import { ErrorResponse, HttpError, isHttpError } from "./errors.js";

export interface WebhookRoutesDeps {
  store: WebhookStore;
  policy: TargetPolicy;
  /** Called after a webhook was added or removed (the intake re-reads them) and after a replay (the sender looks at once). */
  changed: () => void;
  replayed: () => void;
  log: Logger;
}

/**
 * Webhooks (admin): register `{ url, events, secret }`, list, delete, read a webhook's delivery log,
 * replay dead deliveries. A tenant's admin key acts on its tenant's webhooks; a global admin on the
 * tenant named in X-GardenOS-Tenant when creating, and on all when reading.
 */
export function webhookRoutes(deps: WebhookRoutesDeps) {
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const admin = { auth: AuthLevels.admin };
    const dbDown = (e: unknown): never => {
      if (isHttpError(e)) throw e;
      deps.log.warn({ err: errorMessage(e) }, "database unavailable");
      throw new HttpError("ERR_DATABASE_UNAVAILABLE", undefined, { retryAfterSeconds: 2 });
    };
    const idParams = z.object({ id: z.string().min(1).max(100) });

    async function mustGet(id: string, scope: string | undefined) {
      const h = await deps.store.get(id, scope).catch(dbDown);
      if (!h) throw new HttpError("ERR_WEBHOOK_NOT_FOUND", `No webhook with id ${id}`);
      return h;
    }

    app.post(
      "/ai/webhooks",
      {
        config: admin,
        schema: {
          summary: "Register a webhook: task events of this tenant are POSTed to the URL, signed with the secret",
          description:
            "The URL must be https and resolve to public addresses only (WEBHOOK_ALLOWED_TARGETS permits others, and http for them). Deliveries carry GardenOS-Timestamp and GardenOS-Signature: v1=<hex HMAC-SHA256(secret, timestamp + '.' + body)>. The secret is shown only in this answer (generated when left out).",
          body: WebhookCreateBody,
          response: { 201: WebhookView, 400: ErrorResponse },
        },
      },
      async (req, reply) => {
        try {
          await deps.policy.check(req.body.url);
        } catch (e) {
          if (!(e instanceof TargetRefused)) throw e;
          throw new HttpError("ERR_WEBHOOK_URL_REFUSED", `url: ${e.message}`, { issues: [{ path: "url", message: e.message }] });
        }
        const secret = req.body.secret ?? `whsec_${randomBytes(24).toString("base64url")}`;
        const h = await deps.store.create({ tenant: tenantOf(req), url: req.body.url, events: [...new Set(req.body.events)], secret, description: req.body.description }).catch(dbDown);
        deps.changed();
        req.log.info({ webhook_id: h.id, tenant: h.tenant }, "webhook registered");
        return reply.code(201).send(webhookView(h, true));
      },
    );

    app.get(
      "/ai/webhooks",
      { config: admin, schema: { summary: "The webhooks this key may see (never their secrets)", response: { 200: z.object({ items: z.array(WebhookView) }) } } },
      async (req) => ({ items: (await deps.store.list(readScope(req)).catch(dbDown)).map((h) => webhookView(h)) }),
    );

    app.delete(
      "/ai/webhooks/:id",
      { config: admin, schema: { summary: "Remove a webhook (and its delivery log)", params: idParams, response: { 200: z.object({ id: z.string(), deleted: z.boolean() }), 404: ErrorResponse } } },
      async (req) => {
        const gone = await deps.store.remove(req.params.id, readScope(req)).catch(dbDown);
        if (!gone) throw new HttpError("ERR_WEBHOOK_NOT_FOUND", `No webhook with id ${req.params.id}`);
        deps.changed();
        return { id: req.params.id, deleted: true };
      },
    );

    app.get(
      "/ai/webhooks/:id/deliveries",
      {
        config: admin,
        schema: {
          summary: "A webhook's delivery log, newest first: status (pending, succeeded, dead), attempts, last answer and error, next attempt",
          params: idParams,
          querystring: z.object({
            status: DeliveryStatus.optional(),
            limit: z.coerce.number().int().min(1).max(500).default(100),
            before_seq: z.coerce.number().int().min(1).optional(),
          }),
          response: { 200: z.object({ items: z.array(DeliveryView) }), 404: ErrorResponse },
        },
      },
      async (req) => {
        await mustGet(req.params.id, readScope(req));
        const rows = await deps.store.deliveries(req.params.id, { limit: req.query.limit, status: req.query.status, before: req.query.before_seq }).catch(dbDown);
        return { items: rows.map(deliveryView) };
      },
    );

    app.post(
      "/ai/webhooks/:id/deliveries/:delivery_id/replay",
      {
        config: admin,
        schema: { summary: "Send a dead delivery again (attempts start over)", params: idParams.extend({ delivery_id: z.string().min(1).max(100) }), response: { 202: z.object({ replayed: z.number().int(), status: z.string() }), 404: ErrorResponse } },
      },
      async (req, reply) => {
        await mustGet(req.params.id, readScope(req));
        const x = await deps.store.delivery(req.params.id, req.params.delivery_id).catch(dbDown);
        if (!x) throw new HttpError("ERR_DELIVERY_NOT_FOUND", `No delivery ${req.params.delivery_id} of webhook ${req.params.id}`);
        const n = await deps.store.replay(req.params.id, req.params.delivery_id).catch(dbDown);
        if (n) deps.replayed();
        return reply.code(202).send({ replayed: n, status: n ? "pending" : x.status });
      },
    );

    app.post(
      "/ai/webhooks/:id/replay",
      { config: admin, schema: { summary: "Send every dead delivery of a webhook again", params: idParams, response: { 202: z.object({ replayed: z.number().int() }), 404: ErrorResponse } } },
      async (req, reply) => {
        await mustGet(req.params.id, readScope(req));
        const n = await deps.store.replay(req.params.id).catch(dbDown);
        if (n) deps.replayed();
        return reply.code(202).send({ replayed: n });
      },
    );
  };
}

import { errorMessage, type Logger } from "@gardenos/runtime";
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { ReviewDecisions, actorOf, decodeCursor, encodeCursor, isReviewRefused, type ReviewRefusal, type ReviewStore } from "../reviews/review-store.js";
import { AuthLevels, keyOf, readScope, type KeyRing } from "./auth.js";
import { ErrorResponse, HttpError } from "./errors.js";

/**
 * The review queue for follow-up e-mails the output policy held back (`review_required`), and
 * "mark sent" for every follow-up, so history and outcomes know what actually went out.
 * Admin or reviewer keys (GARDENOS_REVIEWER_KEYS); open like every route when no key is configured.
 */

const TaskParams = z.object({ task_id: z.string().min(1).max(200) });
const Note = z.string().trim().max(2000).optional();
const DecisionBody = z.object({ note: Note }).strict().nullish();
const EditBody = z
  .object({
    subject: z.string().trim().min(1).max(300).refine((s) => !/[\r\n\u0000-\u001f\u2028\u2029]/.test(s), "must be one line"),
    body: z.string().trim().min(1).max(10_000),
    note: Note,
  })
  .strict();

const Email = z.object({ subject: z.string(), body: z.string(), full_message: z.string() });
const ReviewItemSchema = z.object({
  task_id: z.string(),
  lead_id: z.string().nullable(),
  state: z.enum(["pending", "approved", "rejected", "not_required"]),
  review_required: z.boolean(),
  review_reasons: z.array(z.string()),
  removed_links: z.array(z.string()),
  ready_to_send: z.boolean(),
  draft: Email,
  final: Email,
  edited: z.boolean(),
  note: z.string().nullable(),
  decided_by: z.string().nullable(),
  decided_at: z.string().nullable(),
  sent_at: z.string().nullable(),
  sent_by: z.string().nullable(),
  model: z.string().nullable(),
  provider: z.string().nullable(),
  degraded: z.boolean().nullable(),
  created_at: z.string(),
  completed_at: z.string().nullable(),
});
const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse, 503: ErrorResponse };

const REFUSALS: Record<ReviewRefusal, (id: string) => HttpError> = {
  not_found: (id) => new HttpError("ERR_TASK_NOT_FOUND", `No task with id ${id}`),
  not_follow_up: (id) => new HttpError("ERR_NOT_A_FOLLOW_UP", `Task ${id} is not a completed follow-up e-mail`),
  not_required: (id) => new HttpError("ERR_REVIEW_NOT_REQUIRED", `The e-mail of task ${id} passed the output policy and needs no review`),
  decided: (id) => new HttpError("ERR_REVIEW_DECIDED", `The e-mail of task ${id} has already been decided`),
  pending: (id) => new HttpError("ERR_REVIEW_PENDING", `The e-mail of task ${id} requires review and is not approved; approve or edit it first`),
};

export function reviewRoutes(deps: { reviews: ReviewStore; keys?: KeyRing | undefined; log: Logger; onSent?: (taskId: string) => Promise<void> }) {
  const actor = (req: FastifyRequest) => {
    const key = keyOf(req);
    return actorOf(key ? deps.keys?.roleOf(key) : undefined, key);
  };
  async function run<T>(taskId: string, f: () => Promise<T>): Promise<T> {
    try {
      return await f();
    } catch (e) {
      if (isReviewRefused(e)) throw REFUSALS[e.refusal](taskId);
      if (e instanceof HttpError) throw e;
      deps.log.warn({ err: errorMessage(e) }, "database unavailable");
      throw new HttpError("ERR_DATABASE_UNAVAILABLE", undefined, { retryAfterSeconds: 2 });
    }
  }

  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const reviewer = { auth: AuthLevels.reviewer };

    app.get(
      "/ai/reviews",
      {
        config: reviewer,
        schema: {
          summary: "Follow-up e-mails waiting for review (review_required, not yet decided), oldest first",
          querystring: z.object({ limit: z.coerce.number().int().min(1).max(200).default(50), cursor: z.string().max(500).optional() }).strict(),
          response: { 200: z.object({ items: z.array(ReviewItemSchema), next_cursor: z.string().nullable() }), ...errors },
        },
      },
      async (req) => {
        const after = req.query.cursor ? decodeCursor(req.query.cursor) : undefined;
        if (req.query.cursor && !after) throw new HttpError("ERR_VALIDATION", "query.cursor: is not a cursor from an earlier page");
        const page = await run("(queue)", () => deps.reviews.pending({ limit: req.query.limit, after, tenant: readScope(req) }));
        const last = page.items.at(-1);
        return { items: page.items, next_cursor: page.more && last ? encodeCursor(last) : null };
      },
    );

    app.get(
      "/ai/reviews/:task_id",
      { config: reviewer, schema: { summary: "A follow-up e-mail's review state: draft, reasons, decision, final text, sent", params: TaskParams, response: { 200: ReviewItemSchema, ...errors } } },
      async (req) => run(req.params.task_id, () => deps.reviews.get(req.params.task_id, readScope(req))),
    );

    app.post(
      "/ai/reviews/:task_id/approve",
      { config: reviewer, schema: { summary: "Approve a held-back follow-up e-mail as written", params: TaskParams, body: DecisionBody, response: { 200: ReviewItemSchema, ...errors } } },
      async (req) => run(req.params.task_id, () => deps.reviews.decide(req.params.task_id, ReviewDecisions.approved, actor(req), { note: req.body?.note, tenant: readScope(req) })),
    );

    app.post(
      "/ai/reviews/:task_id/edit",
      { config: reviewer, schema: { summary: "Replace a held-back e-mail's subject and body, and approve it", params: TaskParams, body: EditBody, response: { 200: ReviewItemSchema, ...errors } } },
      async (req) =>
        run(req.params.task_id, () =>
          deps.reviews.decide(req.params.task_id, ReviewDecisions.approved, actor(req), { edit: { subject: req.body.subject, body: req.body.body }, note: req.body.note, tenant: readScope(req) }),
        ),
    );

    app.post(
      "/ai/reviews/:task_id/reject",
      { config: reviewer, schema: { summary: "Reject a held-back follow-up e-mail (it may never be marked sent)", params: TaskParams, body: DecisionBody, response: { 200: ReviewItemSchema, ...errors } } },
      async (req) => run(req.params.task_id, () => deps.reviews.decide(req.params.task_id, ReviewDecisions.rejected, actor(req), { note: req.body?.note, tenant: readScope(req) })),
    );

    app.post(
      "/ai/tasks/:task_id/sent",
      {
        config: reviewer,
        schema: {
          summary: "Record that a follow-up e-mail was sent (refused while it requires review and is not approved)",
          params: TaskParams,
          body: z.object({}).strict().nullish(),
          response: { 200: ReviewItemSchema, ...errors },
        },
      },
      async (req) =>
        run(req.params.task_id, async () => {
          const item = await deps.reviews.markSent(req.params.task_id, actor(req), readScope(req));
          await deps.onSent?.(req.params.task_id);
          return item;
        }),
    );
  };
}

import { createHash } from "node:crypto";
import { and, asc, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "../db/index.js";
import { aiInteractions as t, followUpReviews as r, type AiInteraction, type FollowUpReview } from "../db/schema.js";

/** What a follow-up's result says about review (written by the follow-up service's output policy). */
interface PolicyFields {
  subject?: unknown;
  body?: unknown;
  full_message?: unknown;
  review_required?: unknown;
  review_reasons?: unknown;
  ready_to_send?: unknown;
  removed_links?: unknown;
}

export const ReviewDecisions = { approved: "approved", rejected: "rejected" } as const;
export type ReviewDecision = (typeof ReviewDecisions)[keyof typeof ReviewDecisions];

/** Where a follow-up stands: pending review, approved, rejected, or not_required (the policy passed it). */
export type ReviewState = "pending" | "approved" | "rejected" | "not_required";

/** Why a review action was refused (the routes map each to an error code). */
export type ReviewRefusal = "not_found" | "not_follow_up" | "not_required" | "decided" | "pending";

export class ReviewRefusedError extends Error {
  override name = "ReviewRefusedError";
  constructor(readonly refusal: ReviewRefusal, readonly state?: ReviewState) {
    super(`review action refused: ${refusal}`);
  }
}
export const isReviewRefused = (e: unknown): e is ReviewRefusedError => e instanceof ReviewRefusedError;

/** Who acted: role and a short digest of the key (never the key), or "anonymous" with auth off. */
export function actorOf(role: string | undefined, key: string | undefined): string {
  if (!role || !key) return "anonymous";
  return `${role}:${createHash("sha256").update(key, "utf8").digest("hex").slice(0, 12)}`;
}

export interface ReviewItem {
  task_id: string;
  lead_id: string | null;
  state: ReviewState;
  review_required: boolean;
  review_reasons: string[];
  removed_links: string[];
  ready_to_send: boolean;
  /** The e-mail as the agent wrote it (after the output policy). */
  draft: { subject: string; body: string; full_message: string };
  /** The e-mail that may go out: the reviewer's edit when there is one, else the draft. */
  final: { subject: string; body: string; full_message: string };
  edited: boolean;
  note: string | null;
  decided_by: string | null;
  decided_at: string | null;
  sent_at: string | null;
  sent_by: string | null;
  model: string | null;
  provider: string | null;
  degraded: boolean | null;
  created_at: string;
  completed_at: string | null;
}

const str = (v: unknown) => (typeof v === "string" ? v : "");
const strings = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : []);

function stateOf(required: boolean, review: FollowUpReview | null | undefined): ReviewState {
  if (review?.decision === ReviewDecisions.approved) return "approved";
  if (review?.decision === ReviewDecisions.rejected) return "rejected";
  return required ? "pending" : "not_required";
}

export function reviewItem(row: AiInteraction, review: FollowUpReview | null | undefined): ReviewItem {
  const res = (row.result ?? {}) as PolicyFields;
  const required = res.review_required === true;
  const draft = { subject: str(res.subject), body: str(res.body), full_message: str(res.full_message) };
  const edited = review?.editedSubject != null && review.editedBody != null;
  const final = edited ? { subject: review!.editedSubject!, body: review!.editedBody!, full_message: `Subject: ${review!.editedSubject!}\n\n${review!.editedBody!}` } : draft;
  const state = stateOf(required, review);
  return {
    task_id: row.taskId,
    lead_id: row.leadId,
    state,
    review_required: required,
    review_reasons: strings(res.review_reasons),
    removed_links: strings(res.removed_links),
    ready_to_send: state === "approved" || (state === "not_required" && res.ready_to_send !== false),
    draft,
    final,
    edited,
    note: review?.note ?? null,
    decided_by: review?.decidedBy ?? null,
    decided_at: review?.decidedAt?.toISOString() ?? null,
    sent_at: review?.sentAt?.toISOString() ?? null,
    sent_by: review?.sentBy ?? null,
    model: row.model,
    provider: row.provider,
    degraded: row.degraded,
    created_at: row.createdAt.toISOString(),
    completed_at: row.completedAt?.toISOString() ?? null,
  };
}

/** A page cursor: the last item's completion time and task id. */
export function encodeCursor(item: Pick<ReviewItem, "completed_at" | "task_id">): string {
  return Buffer.from(JSON.stringify([item.completed_at, item.task_id]), "utf8").toString("base64url");
}
export function decodeCursor(cursor: string): { at: string; taskId: string } | undefined {
  try {
    const v = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as unknown;
    if (Array.isArray(v) && typeof v[0] === "string" && typeof v[1] === "string" && !Number.isNaN(Date.parse(v[0]))) return { at: v[0], taskId: v[1] };
  } catch {
    // falls through
  }
  return undefined;
}

const isFollowUp = (row: AiInteraction) => row.type === "follow_up" && row.status === "completed";
const requiresReview = (row: AiInteraction) => (row.result as PolicyFields | null)?.review_required === true;

/** The `follow_up_reviews` table and the review queue over `ai_interactions`. */
export class ReviewStore {
  constructor(private readonly db: Db) {}

  /** The task and its review; another tenant's task (with `tenant`) is not found, like an unknown one. */
  private async load(taskId: string, tenant?: string): Promise<{ row: AiInteraction; review: FollowUpReview | null }> {
    const rows = await this.db
      .select({ row: t, review: r })
      .from(t)
      .leftJoin(r, eq(r.taskId, t.taskId))
      .where(tenant === undefined ? eq(t.taskId, taskId) : and(eq(t.taskId, taskId), eq(t.tenant, tenant)))
      .limit(1);
    const hit = rows[0];
    if (!hit) throw new ReviewRefusedError("not_found");
    return hit;
  }

  async get(taskId: string, tenant?: string): Promise<ReviewItem> {
    const { row, review } = await this.load(taskId, tenant);
    if (!isFollowUp(row)) throw new ReviewRefusedError("not_follow_up");
    return reviewItem(row, review);
  }

  /** Follow-ups that require review and are not decided yet, oldest first. */
  async pending(o: { limit: number; after?: { at: string; taskId: string } | undefined; tenant?: string | undefined }): Promise<{ items: ReviewItem[]; more: boolean }> {
    const rows = await this.db
      .select({ row: t, review: r })
      .from(t)
      .leftJoin(r, eq(r.taskId, t.taskId))
      .where(
        and(
          eq(t.type, "follow_up"),
          o.tenant === undefined ? undefined : eq(t.tenant, o.tenant),
          sql`(${t.result} ->> 'review_required') = 'true'`,
          eq(t.status, "completed"),
          isNull(r.decision),
          o.after ? sql`(${t.completedAt}, ${t.taskId}) > (${o.after.at}::timestamptz, ${o.after.taskId})` : undefined,
        ),
      )
      .orderBy(asc(t.completedAt), asc(t.taskId))
      .limit(o.limit + 1);
    return { items: rows.slice(0, o.limit).map((x) => reviewItem(x.row, x.review)), more: rows.length > o.limit };
  }

  /**
   * Approves (with an edit when `edit` is given) or rejects a follow-up that requires review. The
   * same decision again (without an edit) changes nothing; any other change after a decision is refused.
   */
  async decide(taskId: string, decision: ReviewDecision, by: string, o: { edit?: { subject: string; body: string }; note?: string | undefined; tenant?: string | undefined } = {}): Promise<ReviewItem> {
    const { row, review } = await this.load(taskId, o.tenant);
    if (!isFollowUp(row)) throw new ReviewRefusedError("not_follow_up");
    if (!requiresReview(row)) throw new ReviewRefusedError("not_required", "not_required");
    const values = {
      taskId,
      decision,
      editedSubject: o.edit?.subject ?? null,
      editedBody: o.edit?.body ?? null,
      note: o.note ?? null,
      decidedBy: by,
      decidedAt: new Date(),
      updatedAt: new Date(),
    };
    const written = await this.db
      .insert(r)
      .values(values)
      .onConflictDoUpdate({ target: r.taskId, set: { ...values, updatedAt: sql`now()` }, setWhere: sql`${r.decision} is null and ${r.sentAt} is null` })
      .returning();
    if (written[0]) return reviewItem(row, written[0]);
    // Already decided: the same plain decision again is a no-op, anything else is refused.
    const now = (await this.load(taskId)).review ?? review;
    if (now?.decision === decision && !o.edit) return reviewItem(row, now);
    throw new ReviewRefusedError("decided", stateOf(true, now));
  }

  /** Records that the CRM sent the e-mail; refused for one that requires review and is not approved. Sending twice keeps the first time. */
  async markSent(taskId: string, by: string, tenant?: string): Promise<ReviewItem> {
    const { row, review } = await this.load(taskId, tenant);
    if (!isFollowUp(row)) throw new ReviewRefusedError("not_follow_up");
    const state = stateOf(requiresReview(row), review);
    if (state === "pending" || state === "rejected") throw new ReviewRefusedError("pending", state);
    const written = await this.db
      .insert(r)
      .values({ taskId, sentAt: new Date(), sentBy: by })
      .onConflictDoUpdate({
        target: r.taskId,
        set: { sentAt: sql`coalesce(${r.sentAt}, excluded.sent_at)`, sentBy: sql`coalesce(${r.sentBy}, excluded.sent_by)`, updatedAt: sql`now()` },
        // A decision that changed under us (approved → nothing else is possible) is checked again here.
        setWhere: state === "approved" ? sql`${r.decision} = 'approved'` : sql`${r.decision} is null or ${r.decision} = 'approved'`,
      })
      .returning();
    if (!written[0]) throw new ReviewRefusedError("pending");
    return reviewItem(row, written[0]);
  }
}

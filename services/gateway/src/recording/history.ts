import { and, desc, eq, isNotNull, or, sql, type SQL } from "drizzle-orm";
import type { InteractionSummary, Lead } from "@gardenos/contracts";
import type { Db } from "../db/index.js";
import { aiInteractions as t, followUpReviews as r } from "../db/schema.js";

/** Earlier interactions attached to a follow-up task (the prompt uses the last few). */
export const HISTORY_LIMIT = 5;

/**
 * The follow-up memory: earlier completed interactions with the same lead (same `lead.id` or the
 * same contact e-mail) within the same tenant, newest first, with the score of lead analyses and the subject of
 * follow-up e-mails. The agents hold no database connection; the gateway attaches this to the task.
 * A follow-up a reviewer rejected never went out and is left out; an edited one carries the
 * reviewer's subject. A follow-up the CRM reported as sent (POST /ai/tasks/:task_id/sent) carries
 * `sent_at`; without it the e-mail was only generated, and the writers do not call it sent.
 */
export async function leadHistory(db: Db, lead: Lead, tenant: string, limit = HISTORY_LIMIT): Promise<InteractionSummary[]> {
  const email = lead.contact?.email?.toLowerCase();
  const same: SQL[] = [];
  if (lead.id) same.push(eq(t.leadId, lead.id));
  if (email) same.push(eq(t.leadEmail, email));
  if (same.length === 0) return [];
  const rows = await db
    .select({ taskId: t.taskId, type: t.type, completedAt: t.completedAt, result: t.result, editedSubject: r.editedSubject, sentAt: r.sentAt })
    .from(t)
    .leftJoin(r, eq(r.taskId, t.taskId))
    .where(and(eq(t.tenant, tenant), eq(t.status, "completed"), isNotNull(t.completedAt), same.length === 1 ? same[0] : or(...same), sql`${r.decision} is distinct from 'rejected'`))
    .orderBy(desc(t.completedAt))
    .limit(limit);
  // Any agent type's completed task is an interaction; a score or an e-mail subject is carried when the result has one.
  return rows.map((row): InteractionSummary => {
    const result = { ...((row.result ?? {}) as { lead_quality_score?: unknown; subject?: unknown }), ...(row.editedSubject ? { subject: row.editedSubject } : {}) };
    return {
      task_id: row.taskId,
      type: row.type,
      at: (row.completedAt as Date).toISOString(),
      ...(typeof result.lead_quality_score === "number" ? { lead_quality_score: result.lead_quality_score } : {}),
      ...(typeof result.subject === "string" ? { subject: result.subject.slice(0, 300) } : {}),
      ...(row.sentAt ? { sent_at: row.sentAt.toISOString() } : {}),
    };
  });
}

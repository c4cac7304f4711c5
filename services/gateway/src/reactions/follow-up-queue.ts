import { and, eq, or } from "drizzle-orm";
import { followUp } from "@gardenos/contracts";
import type { Db } from "../db/index.js";
import { aiInteractions as t } from "../db/schema.js";
import type { TaskCollection } from "../live/task-collection.js";

/** The follow-ups a reply concerns: the one it answers (by In-Reply-To) and a lead's queued ones. */
export class FollowUpQueue {
  constructor(
    private readonly db: Db,
    private readonly collection: Pick<TaskCollection, "cancel">,
  ) {}

  /** The tenant's follow-up task `taskId` (from the reply's In-Reply-To), if it is one. */
  async answered(tenant: string, taskId: string | undefined): Promise<{ taskId: string; leadId: string | null; leadEmail: string | null } | undefined> {
    if (!taskId) return undefined;
    const [row] = await this.db
      .select({ taskId: t.taskId, leadId: t.leadId, leadEmail: t.leadEmail })
      .from(t)
      .where(and(eq(t.taskId, taskId), eq(t.tenant, tenant), eq(t.type, followUp.type)))
      .limit(1);
    return row;
  }

  /** Cancels the lead's follow-ups no agent has started (by lead id or address); returns their ids. */
  async cancelQueued(tenant: string, k: { leadId?: string | undefined; email?: string | undefined }): Promise<string[]> {
    const who = [k.leadId ? eq(t.leadId, k.leadId) : undefined, k.email ? eq(t.leadEmail, k.email.toLowerCase()) : undefined].filter((c) => c !== undefined);
    if (who.length === 0) return [];
    const rows = await this.db
      .select({ taskId: t.taskId })
      .from(t)
      .where(and(eq(t.tenant, tenant), eq(t.type, followUp.type), eq(t.status, "queued"), or(...who)));
    const cancelled: string[] = [];
    for (const r of rows) {
      try {
        await this.collection.cancel(r.taskId, tenant);
        cancelled.push(r.taskId);
      } catch {
        // Started meanwhile: the agent's contact check refuses it (the lead is suppressed by now).
      }
    }
    return cancelled;
  }
}

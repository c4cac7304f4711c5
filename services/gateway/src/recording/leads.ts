import { and, eq, inArray, lt, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "../db/index.js";
import { aiInteractions as t, doNotContact as dnc, experimentAssignments as ea, leadOutcomes as lo, leadProfiles as lp } from "../db/schema.js";

/** Who a lead is, as erasure and the do-not-contact list know it: the CRM's id and/or the e-mail. */
export interface LeadKey {
  leadId?: string | undefined;
  email?: string | undefined;
}

const norm = (k: LeadKey) => ({ leadId: k.leadId || undefined, email: k.email?.trim().toLowerCase() || undefined });

function sameLead(k: LeadKey, cols: { leadId: typeof t.leadId; leadEmail: typeof t.leadEmail }): SQL | undefined {
  const { leadId, email } = norm(k);
  const parts: SQL[] = [];
  if (leadId) parts.push(eq(cols.leadId, leadId));
  if (email) parts.push(eq(cols.leadEmail, email));
  return parts.length === 0 ? undefined : parts.length === 1 ? parts[0] : or(...parts);
}

/**
 * A lead's data in the gateway's database: erasure (right to erasure), the do-not-contact list,
 * and the retention sweep of `ai_interactions`.
 */
export class LeadStore {
  constructor(private readonly db: Db) {}

  /** Deletes every row about the lead (by lead id, and by e-mail when given); returns their task ids. */
  async erase(k: LeadKey): Promise<string[]> {
    const where = sameLead(k, { leadId: t.leadId, leadEmail: t.leadEmail });
    if (!where) return [];
    // The learning loop's copies: outcomes, the kept lead, the experiment assignment (by id, or `email:<address>`).
    const { leadId, email } = norm(k);
    const keys = [leadId, email ? `email:${email}` : undefined].filter((x): x is string => !!x);
    await this.db.delete(lo).where(inArray(lo.leadId, keys));
    await this.db.delete(lp).where(inArray(lp.leadId, keys));
    await this.db.delete(ea).where(inArray(ea.leadKey, keys));
    const rows = await this.db.delete(t).where(where).returning({ taskId: t.taskId });
    return rows.map((r) => r.taskId);
  }

  /** Records that the lead asked not to be contacted (idempotent). */
  async addDoNotContact(k: LeadKey): Promise<void> {
    const { leadId, email } = norm(k);
    if (!leadId && !email) return;
    await this.db.insert(dnc).values({ leadId: leadId ?? null, leadEmail: email ?? null }).onConflictDoNothing();
  }

  /** True when the lead (by id or e-mail) is on the do-not-contact list. */
  async isDoNotContact(k: LeadKey): Promise<boolean> {
    const where = sameLead(k, { leadId: dnc.leadId as unknown as typeof t.leadId, leadEmail: dnc.leadEmail as unknown as typeof t.leadEmail });
    if (!where) return false;
    const rows = await this.db.select({ one: sql<number>`1` }).from(dnc).where(where).limit(1);
    return rows.length > 0;
  }

  /**
   * Deletes finished rows created before `cutoff`, at most `batch` per statement, and the kept
   * leads not updated and outcomes not recorded since then; returns how many task rows.
   */
  async deleteOlderThan(cutoff: Date, batch = 5000): Promise<number> {
    await this.db.delete(lp).where(lt(lp.updatedAt, cutoff));
    await this.db.delete(lo).where(lt(lo.createdAt, cutoff));
    let total = 0;
    for (;;) {
      const ids = this.db
        .select({ taskId: t.taskId })
        .from(t)
        .where(and(lt(t.createdAt, cutoff), inArray(t.status, ["completed", "failed"])))
        .limit(batch);
      const deleted = await this.db.delete(t).where(inArray(t.taskId, ids)).returning({ taskId: t.taskId });
      total += deleted.length;
      if (deleted.length < batch) return total;
    }
  }
}

/**
 * Deletes `ai_interactions` rows older than `days` (RETENTION_DAYS) now and then every
 * `intervalMs`. Returns a stop function (safe to call twice).
 */
export function startRetention(o: { store: Pick<LeadStore, "deleteOlderThan">; days: number; intervalMs: number; onSweep?: (deleted: number) => void; onError?: (e: unknown) => void }): () => void {
  let stopped = false;
  const sweep = async () => {
    if (stopped) return;
    try {
      const deleted = await o.store.deleteOlderThan(new Date(Date.now() - o.days * 86_400_000));
      o.onSweep?.(deleted);
    } catch (e) {
      o.onError?.(e);
    }
  };
  const first = setTimeout(() => void sweep(), 1000);
  const timer = setInterval(() => void sweep(), o.intervalMs);
  first.unref();
  timer.unref();
  return () => {
    stopped = true;
    clearTimeout(first);
    clearInterval(timer);
  };
}

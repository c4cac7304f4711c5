import { and, eq, inArray, lt, notInArray, or, sql, type SQL } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import type { Db } from "../db/index.js";
import { aiInteractions as t, doNotContact as dnc, experimentAssignments as ea, leadOutcomes as lo, leadProfiles as lp, webhookDeliveries } from "../db/schema.js";

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

  /**
   * Deletes every row about the lead (by lead id, and by e-mail when given) in `tenant`, or in
   * every tenant when `tenant` is undefined (a global admin); returns their task ids.
   */
  async erase(k: LeadKey, tenant: string | undefined): Promise<string[]> {
    const lead = sameLead(k, { leadId: t.leadId, leadEmail: t.leadEmail });
    if (!lead) return [];
    // The learning loop's copies: outcomes, the kept lead, the experiment assignment (by id, or `email:<address>`).
    const { leadId, email } = norm(k);
    const keys = [leadId, email ? `email:${email}` : undefined].filter((x): x is string => !!x);
    await this.db.delete(lo).where(and(inArray(lo.leadId, keys), tenant === undefined ? undefined : eq(lo.tenant, tenant)));
    await this.db.delete(lp).where(and(inArray(lp.leadId, keys), tenant === undefined ? undefined : eq(lp.tenant, tenant)));
    await this.db.delete(ea).where(and(inArray(ea.leadKey, keys), tenant === undefined ? undefined : eq(ea.tenant, tenant)));
    const rows = await this.db
      .delete(t)
      .where(tenant === undefined ? lead : and(eq(t.tenant, tenant), lead))
      .returning({ taskId: t.taskId });
    const ids = rows.map((r) => r.taskId);
    // Their events in the webhook delivery log (sent or still pending) go too.
    if (ids.length) await this.db.delete(webhookDeliveries).where(inArray(webhookDeliveries.taskId, ids));
    return ids;
  }

  /** Records that the tenant's lead asked not to be contacted (idempotent). */
  async addDoNotContact(k: LeadKey, tenant: string): Promise<void> {
    const { leadId, email } = norm(k);
    if (!leadId && !email) return;
    await this.db.insert(dnc).values({ tenant, leadId: leadId ?? null, leadEmail: email ?? null }).onConflictDoNothing();
  }

  /** True when the lead (by id or e-mail) is on the tenant's do-not-contact list. */
  async isDoNotContact(k: LeadKey, tenant: string): Promise<boolean> {
    const lead = sameLead(k, { leadId: dnc.leadId as unknown as typeof t.leadId, leadEmail: dnc.leadEmail as unknown as typeof t.leadEmail });
    if (!lead) return false;
    const rows = await this.db
      .select({ one: sql<number>`1` })
      .from(dnc)
      .where(and(eq(dnc.tenant, tenant), lead))
      .limit(1);
    return rows.length > 0;
  }

  /**
   * Deletes finished rows created before `cutoff`, at most `batch` per statement, and the kept
   * leads not updated and outcomes not recorded since then; returns how many task rows.
   * `scope`: only this tenant's rows, or every tenant's but these (their own retention).
   */
  async deleteOlderThan(cutoff: Date, batch = 5000, scope: { tenant?: string; exceptTenants?: readonly string[] } = {}): Promise<number> {
    let total = 0;
    const tenantCond =
      scope.tenant !== undefined ? eq(t.tenant, scope.tenant) : scope.exceptTenants && scope.exceptTenants.length > 0 ? notInArray(t.tenant, [...scope.exceptTenants]) : undefined;
    const scoped = (col: PgColumn) =>
      scope.tenant !== undefined ? eq(col, scope.tenant) : scope.exceptTenants && scope.exceptTenants.length > 0 ? notInArray(col, [...scope.exceptTenants]) : undefined;
    await this.db.delete(lp).where(and(lt(lp.updatedAt, cutoff), scoped(lp.tenant)));
    await this.db.delete(lo).where(and(lt(lo.createdAt, cutoff), scoped(lo.tenant)));
    for (;;) {
      const ids = this.db
        .select({ taskId: t.taskId })
        .from(t)
        .where(and(lt(t.createdAt, cutoff), inArray(t.status, ["completed", "failed", "cancelled"]), tenantCond))
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
export function startRetention(o: {
  store: Pick<LeadStore, "deleteOlderThan">;
  /** Days for every tenant without its own setting (0 = keep forever). */
  days: number;
  /** Tenants with their own days (TENANT_RETENTION_DAYS; 0 = keep that tenant's forever). */
  tenantDays?: Readonly<Record<string, number>>;
  intervalMs: number;
  onSweep?: (deleted: number) => void;
  onError?: (e: unknown) => void;
}): () => void {
  let stopped = false;
  const own = Object.entries(o.tenantDays ?? {});
  const cutoff = (days: number) => new Date(Date.now() - days * 86_400_000);
  const sweep = async () => {
    if (stopped) return;
    try {
      let deleted = o.days > 0 ? await o.store.deleteOlderThan(cutoff(o.days), undefined, { exceptTenants: own.map(([t]) => t) }) : 0;
      for (const [tenant, days] of own) if (days > 0) deleted += await o.store.deleteOlderThan(cutoff(days), undefined, { tenant });
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

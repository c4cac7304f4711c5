import { and, asc, eq, or, sql } from "drizzle-orm";
import type { SuppressionReason } from "@gardenos/contracts";
import type { Db } from "../db/index.js";
import { emailSuppressions as s, type EmailSuppression } from "../db/schema.js";

export type SuppressionKind = "lead" | "email";

export interface SuppressionEntry {
  kind: SuppressionKind;
  value: string;
  reason: SuppressionReason;
  note?: string | undefined;
  taskId?: string | undefined;
}

/** A lead id as stored (trimmed) and an address as stored (trimmed, lower case). */
export function suppressionValue(kind: SuppressionKind, value: string): string {
  return kind === "email" ? value.trim().toLowerCase() : value.trim();
}

export function suppressionView(r: EmailSuppression) {
  return { tenant: r.tenant, kind: r.kind as SuppressionKind, value: r.value, reason: r.reason, note: r.note, task_id: r.taskId, created_at: r.createdAt.toISOString() };
}

/**
 * The per-tenant suppression list (`email_suppressions`): leads and addresses never to be e-mailed.
 * Adding is idempotent (the first reason stays); the contact check asks `isSuppressed`.
 */
export class SuppressionStore {
  constructor(private readonly db: Db) {}

  /** Adds entries (those already there keep their reason); returns those added now. */
  async add(tenant: string, entries: readonly SuppressionEntry[]): Promise<SuppressionEntry[]> {
    const rows = entries
      .map((e) => ({ tenant, kind: e.kind, value: suppressionValue(e.kind, e.value), reason: e.reason, note: e.note ?? null, taskId: e.taskId ?? null }))
      .filter((r) => r.value.length > 0);
    if (rows.length === 0) return [];
    const added = await this.db.insert(s).values(rows).onConflictDoNothing().returning();
    return added.map((r) => ({ kind: r.kind as SuppressionKind, value: r.value, reason: r.reason as SuppressionReason }));
  }

  /** Removes one entry; true when it was there. */
  async remove(tenant: string, kind: SuppressionKind, value: string): Promise<boolean> {
    const rows = await this.db
      .delete(s)
      .where(and(eq(s.tenant, tenant), eq(s.kind, kind), eq(s.value, suppressionValue(kind, value))))
      .returning({ value: s.value });
    return rows.length > 0;
  }

  /** True when the lead id or the address is on the tenant's list. */
  async isSuppressed(k: { leadId?: string | undefined; email?: string | undefined }, tenant: string): Promise<boolean> {
    const leadId = k.leadId?.trim();
    const email = k.email?.trim().toLowerCase();
    const conds = [leadId ? and(eq(s.kind, "lead"), eq(s.value, leadId)) : undefined, email ? and(eq(s.kind, "email"), eq(s.value, email)) : undefined].filter((c) => c !== undefined);
    if (conds.length === 0) return false;
    const rows = await this.db
      .select({ one: sql<number>`1` })
      .from(s)
      .where(and(eq(s.tenant, tenant), or(...conds)))
      .limit(1);
    return rows.length > 0;
  }

  /** The tenant's list (every tenant's for a global admin), oldest first, paged by `after` (kind:value). */
  async list(tenant: string | undefined, q: { kind?: SuppressionKind | undefined; reason?: string | undefined; limit: number; after?: string | undefined }) {
    const conds = [
      tenant !== undefined ? eq(s.tenant, tenant) : undefined,
      q.kind ? eq(s.kind, q.kind) : undefined,
      q.reason ? eq(s.reason, q.reason) : undefined,
      q.after ? sql`(${s.tenant} || '\n' || ${s.kind} || '\n' || ${s.value}) > ${q.after}` : undefined,
    ];
    const rows = await this.db
      .select()
      .from(s)
      .where(and(...conds))
      .orderBy(asc(sql`(${s.tenant} || '\n' || ${s.kind} || '\n' || ${s.value})`))
      .limit(q.limit + 1);
    const page = rows.slice(0, q.limit);
    const last = page.at(-1);
    return { items: page.map(suppressionView), next_cursor: rows.length > q.limit && last ? Buffer.from(`${last.tenant}\n${last.kind}\n${last.value}`).toString("base64url") : null };
  }
}

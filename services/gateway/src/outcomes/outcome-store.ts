import { createHash } from "node:crypto";
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Lead, OutcomeInput } from "@gardenos/contracts";
import type { Example } from "@gardenos/conversion-model";
import type { Db } from "../db/index.js";
import { aiInteractions as t, experimentAssignments, leadOutcomes as o, leadProfiles as p } from "../db/schema.js";
import { storable } from "../recording/task-store.js";

/** Where an outcome came from: POST /ai/outcomes, a lead.outcome event, or the review queue's mark sent. */
export type OutcomeSource = "http" | "event" | "review";

export interface RecordOutcomesResult {
  stored: number;
  duplicates: number;
  leads_updated: number;
  outcome_ids: string[];
}

/** The default idempotency key of an outcome: the same lead, outcome, instant and task are one outcome. */
export function outcomeIdOf(x: Pick<OutcomeInput, "lead_id" | "outcome" | "at" | "task_id">): string {
  const at = new Date(x.at).toISOString();
  return `out-${createHash("sha256").update(`${x.lead_id}\n${x.outcome}\n${at}\n${x.task_id ?? ""}`).digest("hex").slice(0, 32)}`;
}

/**
 * `lead_outcomes` and `lead_profiles`: outcomes stored once per id (per tenant), the latest
 * version of each lead, and the labelled leads the conversion model trains on.
 */
export class OutcomeStore {
  constructor(
    private readonly db: Db,
    /** Called (not awaited) with the leads that came with stored outcomes, e.g. to embed them for similar-lead search. */
    private readonly onLeads?: (tenant: string, leads: Lead[]) => void,
  ) {}

  /** Keeps the lead's latest version (by `lead.id`) for training. Leads without an id are not kept. */
  async upsertLeads(tenant: string, leads: readonly Lead[], source: "analysis" | "outcome"): Promise<number> {
    const byId = new Map<string, Lead>();
    for (const l of leads) if (l.id) byId.set(l.id, l);
    if (byId.size === 0) return 0;
    const rows = [...byId].map(([leadId, lead]) => storable({ tenant, leadId, lead: lead as unknown, source }));
    await this.db
      .insert(p)
      .values(rows)
      .onConflictDoUpdate({ target: [p.tenant, p.leadId], set: { lead: sql`excluded.lead`, source: sql`excluded.source`, updatedAt: sql`now()` } });
    return byId.size;
  }

  /**
   * Stores a batch of (already validated) outcomes. An outcome naming a follow-up task takes its
   * experiment and variant from the task's result when it does not say them itself.
   */
  async record(tenant: string, items: readonly OutcomeInput[], source: OutcomeSource): Promise<RecordOutcomesResult> {
    const taskIds = [...new Set(items.map((i) => i.task_id).filter((x): x is string => !!x))];
    const tasks = new Map<string, { experiment?: string; variant?: string }>();
    if (taskIds.length) {
      const rows = await this.db
        .select({ taskId: t.taskId, experiment: sql<string | null>`${t.result} ->> 'experiment'`, variant: sql<string | null>`${t.result} ->> 'variant'` })
        .from(t)
        .where(and(eq(t.tenant, tenant), inArray(t.taskId, taskIds)));
      for (const r of rows) tasks.set(r.taskId, { ...(r.experiment ? { experiment: r.experiment } : {}), ...(r.variant ? { variant: r.variant } : {}) });
    }
    const values = items.map((i) => {
      const fromTask = i.task_id ? tasks.get(i.task_id) : undefined;
      return storable({
        outcomeId: i.outcome_id ?? outcomeIdOf(i),
        tenant,
        leadId: i.lead_id,
        outcome: i.outcome,
        value: i.value ?? null,
        currency: i.currency ?? null,
        at: new Date(i.at),
        taskId: i.task_id ?? null,
        experiment: i.experiment ?? fromTask?.experiment ?? null,
        variant: i.variant ?? fromTask?.variant ?? null,
        source,
      });
    });
    const leads = items.filter((i) => i.lead).map((i) => ({ ...i.lead!, id: i.lead_id }));
    const result = await this.db.transaction(async (tx) => {
      const inserted = values.length ? await tx.insert(o).values(values).onConflictDoNothing().returning({ id: o.outcomeId }) : [];
      const leadsUpdated = leads.length ? await new OutcomeStore(tx as unknown as Db).upsertLeads(tenant, leads, "outcome") : 0;
      return { stored: inserted.length, duplicates: values.length - inserted.length, leads_updated: leadsUpdated, outcome_ids: values.map((v) => v.outcomeId) };
    });
    if (leads.length) this.onLeads?.(tenant, leads);
    return result;
  }

  /** Leads with a label (a `converted` or `lost` outcome) and a stored version, for training: converted wins over lost. */
  async trainingExamples(tenant: string): Promise<Example[]> {
    const rows = (await this.db.execute(sql`
      select p.lead_id, p.lead, l.converted
      from (select lead_id, bool_or(outcome = 'converted') as converted from lead_outcomes
            where tenant = ${tenant} and outcome in ('converted', 'lost') group by lead_id) l
      join lead_profiles p on p.tenant = ${tenant} and p.lead_id = l.lead_id
      order by p.lead_id`)) as unknown as { rows: { lead_id: string; lead: Lead; converted: boolean }[] };
    return rows.rows.map((r) => ({ id: r.lead_id, lead: r.lead, label: r.converted ? 1 : 0 }));
  }

  /** How many leads have a label (converted or lost) and a stored version. */
  async labelledLeads(tenant: string): Promise<number> {
    const rows = (await this.db.execute(sql`
      select count(distinct o.lead_id)::int as n from lead_outcomes o
      join lead_profiles p on p.tenant = o.tenant and p.lead_id = o.lead_id
      where o.tenant = ${tenant} and o.outcome in ('converted', 'lost')`)) as unknown as { rows: { n: number }[] };
    return rows.rows[0]?.n ?? 0;
  }

  /** Tenants with labelled outcomes (the scheduled retrain looks at each). */
  async tenantsWithLabels(): Promise<string[]> {
    const rows = await this.db.selectDistinct({ tenant: o.tenant }).from(o).where(inArray(o.outcome, ["converted", "lost"]));
    return rows.map((r) => r.tenant);
  }

  /** A lead's outcomes, oldest first (`tenant` undefined: every tenant's, for a global admin). */
  async ofLead(leadId: string, tenant: string | undefined) {
    const rows = await this.db
      .select()
      .from(o)
      .where(and(eq(o.leadId, leadId), tenant === undefined ? undefined : eq(o.tenant, tenant)))
      .orderBy(asc(o.at), asc(o.outcomeId));
    return rows.map((r) => ({
      outcome_id: r.outcomeId,
      lead_id: r.leadId,
      outcome: r.outcome,
      value: r.value,
      currency: r.currency,
      at: r.at.toISOString(),
      task_id: r.taskId,
      experiment: r.experiment,
      variant: r.variant,
      source: r.source,
    }));
  }

  /** Records that a follow-up e-mail was sent (the review queue's mark sent): a `sent` outcome of its lead, in its tenant. */
  async recordSent(taskId: string, at = new Date()): Promise<void> {
    const row = (await this.db.select({ tenant: t.tenant, leadId: t.leadId, leadEmail: t.leadEmail }).from(t).where(eq(t.taskId, taskId)).limit(1))[0];
    const leadId = row?.leadId ?? (row?.leadEmail ? `email:${row.leadEmail}` : undefined);
    if (!row || !leadId) return;
    await this.record(row.tenant, [{ lead_id: leadId, outcome: "sent", at: at.toISOString(), task_id: taskId, outcome_id: `sent-${taskId}` }], "review");
  }

  /** Erasure: the lead's outcomes, stored version and experiment assignment (in every tenant, or in one). */
  async eraseLead(leadId: string, tenant?: string): Promise<number> {
    const a = await this.db.delete(o).where(and(eq(o.leadId, leadId), tenant === undefined ? undefined : eq(o.tenant, tenant))).returning({ id: o.outcomeId });
    const b = await this.db.delete(p).where(and(eq(p.leadId, leadId), tenant === undefined ? undefined : eq(p.tenant, tenant))).returning({ id: p.leadId });
    const ea = experimentAssignments;
    const c = await this.db.delete(ea).where(and(eq(ea.leadKey, leadId), tenant === undefined ? undefined : eq(ea.tenant, tenant))).returning({ id: ea.leadKey });
    return a.length + b.length + c.length;
  }
}

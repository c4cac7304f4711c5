import type { Lead } from "@gardenos/contracts";
import { errorMessage, type Logger } from "@gardenos/runtime";
import type { OutcomeStore } from "./outcome-store.js";

/**
 * Keeps analysed leads (their latest version per tenant and id) without slowing the intake down:
 * leads are queued and written in batches, one upsert per tenant and flush, after the request has
 * been answered. Best effort: a failed write is logged, and the next analysis of the lead writes it again.
 */
export class LeadKeeper {
  private queue = new Map<string, { tenant: string; lead: Lead }>();
  private flushing: Promise<void> | undefined;

  constructor(
    private readonly store: Pick<OutcomeStore, "upsertLeads">,
    private readonly log: Logger,
    /** Runs after each tenant's batch is kept (the leads' embeddings); its failures are its own to log. */
    private readonly after?: (tenant: string, leads: Lead[]) => Promise<void>,
  ) {}

  keep(tenant: string, lead: Lead): void {
    if (!lead.id) return;
    this.queue.set(`${tenant}\n${lead.id}`, { tenant, lead });
    this.flushing ??= new Promise<void>((r) => setImmediate(r)).then(() => this.flush());
  }

  private async flush(): Promise<void> {
    try {
      while (this.queue.size > 0) {
        const batch = [...this.queue.values()].slice(0, 1000);
        for (const b of batch) this.queue.delete(`${b.tenant}\n${b.lead.id}`);
        const byTenant = new Map<string, Lead[]>();
        for (const b of batch) byTenant.set(b.tenant, [...(byTenant.get(b.tenant) ?? []), b.lead]);
        for (const [tenant, leads] of byTenant) {
          await this.store.upsertLeads(tenant, leads, "analysis").catch((e: unknown) => this.log.warn({ err: errorMessage(e), leads: leads.length }, "could not keep analysed leads; the next analysis keeps them"));
          await this.after?.(tenant, leads).catch(() => undefined);
        }
      }
    } finally {
      this.flushing = undefined;
    }
  }

  /** Writes what is queued (at shutdown). */
  async drain(): Promise<void> {
    await this.flushing;
    if (this.queue.size) await (this.flushing = this.flush());
  }
}

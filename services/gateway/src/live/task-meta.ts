import { sql } from "drizzle-orm";
import { DEFAULT_TENANT } from "@gardenos/contracts";
import type { Db } from "../db/index.js";

/** What the live streams need to know of a task to route its events: its tenant, lead and type. */
export interface TaskMeta {
  tenant: string;
  leadId: string | null;
  type: string | null;
}

/**
 * Tenant and lead of tasks, for routing RESULTS events to the streams a tenant may see (the events
 * carry no tenant; the row the gateway wrote does, as for the tenants' NATS copies). Tasks this
 * gateway accepted are remembered at intake; others are read from the database in one query per
 * batch. Bounded: the oldest entries are forgotten past `max`.
 */
export class TaskMetaCache {
  private readonly entries = new Map<string, TaskMeta>();

  constructor(
    private readonly db: Pick<Db, "execute"> | undefined,
    private readonly max = 50_000,
  ) {}

  remember(taskId: string, meta: TaskMeta): void {
    this.entries.delete(taskId);
    this.entries.set(taskId, meta);
    if (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value as string);
  }

  get(taskId: string): TaskMeta | undefined {
    return this.entries.get(taskId);
  }

  /** Fills in the tasks not known yet (one query); a task without a row is the default tenant's. */
  async resolve(taskIds: Iterable<string>): Promise<void> {
    const missing = [...new Set(taskIds)].filter((id) => !this.entries.has(id));
    if (missing.length === 0) return;
    const found = new Map<string, TaskMeta>();
    if (this.db) {
      const res = (await this.db.execute(
        sql`select task_id, tenant, lead_id, type from ai_interactions where task_id in (select jsonb_array_elements_text(${JSON.stringify(missing)}::jsonb))`,
      )) as unknown as { rows: { task_id: string; tenant: string; lead_id: string | null; type: string | null }[] };
      for (const r of res.rows) found.set(r.task_id, { tenant: r.tenant, leadId: r.lead_id, type: r.type });
    }
    // No row (yet): a task published straight to NATS, which belongs to the default tenant; not
    // cached, so a row written later is read next time.
    for (const id of missing) {
      const m = found.get(id);
      if (m) this.remember(id, m);
    }
  }

  /** The tenant of a task after resolve(): its row's, else the default tenant. */
  tenantOf(taskId: string): string {
    return this.entries.get(taskId)?.tenant ?? DEFAULT_TENANT;
  }
}

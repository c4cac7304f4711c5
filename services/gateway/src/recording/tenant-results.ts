import type { NatsConnection } from "@nats-io/transport-node";
import { DEFAULT_TENANT, tenantSubject } from "@gardenos/contracts";
import { errorMessage, type Logger } from "@gardenos/runtime";
import type { TaskReader } from "./task-store.js";

/** A result the recorder has stored: its subject, its bytes as published, its task. */
export interface StoredResult {
  subject: string;
  data: Uint8Array;
  taskId: string;
}

/**
 * A tenant's live copy of its results: once the recorder has stored a batch, each result and
 * task.failed of a task whose row belongs to a tenant other than `default` is published again on
 * `tenant.<tenant>.<subject>` (core NATS), where only that tenant's CRM user may listen. The tenant
 * comes from the row the gateway wrote when it took the task in, never from the event. A copy is
 * live only (a CRM that was not listening reads the task with GET /ai/tasks/:id).
 */
export class TenantResults {
  forwarded = 0;

  constructor(
    private readonly nc: NatsConnection,
    private readonly tasks: Pick<TaskReader, "tenantsOf">,
    private readonly log: Logger,
  ) {}

  async forward(results: readonly StoredResult[]): Promise<void> {
    if (results.length === 0) return;
    try {
      const tenants = await this.tasks.tenantsOf([...new Set(results.map((r) => r.taskId))]);
      for (const r of results) {
        const tenant = tenants.get(r.taskId);
        if (!tenant || tenant === DEFAULT_TENANT) continue;
        this.nc.publish(tenantSubject(tenant, r.subject), r.data);
        this.forwarded++;
      }
    } catch (e) {
      this.log.warn({ err: errorMessage(e), results: results.length }, "could not forward results to their tenants (they are stored; GET /ai/tasks/:id reads them)");
    }
  }
}

import { DEFAULT_TENANT, LeadLookupRequest, Subjects, TENANT_ID, type LeadLookupReply } from "@gardenos/contracts";
import { serveRequests, type Logger } from "@gardenos/runtime";
import type { NatsConnection, Subscription } from "@nats-io/transport-node";
import type { LeadSource } from "./lead-source.js";

/**
 * Answers `gardenos.leads.lookup` for agents holding a task with only `lead_id`: the lead from the
 * lead source, read with the tenant the task came with. Every gateway replica answers in one queue
 * group. A malformed request gets no answer (the agent's task is retried, then dead-lettered).
 */
export function serveLeadLookup(nc: NatsConnection, source: LeadSource, log: Logger): Subscription {
  return serveRequests(nc, { subject: Subjects.leadLookup, queue: "gateway", what: "lead lookup", log }, async (request): Promise<LeadLookupReply | undefined> => {
    const q = LeadLookupRequest.safeParse(request);
    if (!q.success) return undefined;
    const tenant = TENANT_ID.test(q.data.tenant) ? q.data.tenant : DEFAULT_TENANT;
    const r = await source.get(tenant, q.data.lead_id);
    if (r.status === "invalid") return { status: "invalid", message: "The lead source's row is not a valid lead", issues: r.issues.slice(0, 100) };
    return r.status === "unavailable" ? { status: "unavailable" } : r;
  });
}

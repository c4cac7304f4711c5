import { DEFAULT_TENANT, LeadNeighboursRequest, Subjects, TENANT_ID, type LeadNeighboursReply } from "@gardenos/contracts";
import { serveRequests, type Logger } from "@gardenos/runtime";
import type { NatsConnection, Subscription } from "@nats-io/transport-node";
import type { SimilarLeads } from "./similar-leads.js";

/** Neighbours a lead-analysis agent's k-NN estimate is based on, unless it asks for another k. */
export const DEFAULT_KNN_K = 10;

/**
 * Answers `gardenos.leads.similar` for the lead-analysis agents: of the tenant's k leads most
 * similar to the task's lead, how many have an outcome and how many converted. Unanswered on any
 * error: the agent waits briefly and analyses without it.
 */
export function serveLeadNeighbours(nc: NatsConnection, similar: SimilarLeads, log: Logger): Subscription {
  return serveRequests(nc, { subject: Subjects.leadNeighbours, queue: "gateway", what: "similar-leads request", log }, async (request): Promise<LeadNeighboursReply | undefined> => {
    const q = LeadNeighboursRequest.safeParse(request);
    if (!q.success) return undefined;
    const tenant = TENANT_ID.test(q.data.tenant) ? q.data.tenant : DEFAULT_TENANT;
    return similar.neighbours(tenant, q.data.lead, q.data.k ?? DEFAULT_KNN_K);
  });
}

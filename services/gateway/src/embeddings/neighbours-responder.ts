import { DEFAULT_TENANT, LeadNeighboursRequest, Subjects, TENANT_ID, type LeadNeighboursReply } from "@gardenos/contracts";
import { errorMessage, type Logger } from "@gardenos/runtime";
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
  return nc.subscribe(Subjects.leadNeighbours, {
    queue: "gateway",
    callback: (err, msg) => {
      if (err) return;
      void (async () => {
        try {
          const q = LeadNeighboursRequest.safeParse(msg.json());
          if (!q.success) return;
          const tenant = TENANT_ID.test(q.data.tenant) ? q.data.tenant : DEFAULT_TENANT;
          const reply: LeadNeighboursReply = await similar.neighbours(tenant, q.data.lead, q.data.k ?? DEFAULT_KNN_K);
          msg.respond(JSON.stringify(reply));
        } catch (e) {
          log.debug({ err: errorMessage(e) }, "similar-leads request unanswered");
        }
      })();
    },
  });
}

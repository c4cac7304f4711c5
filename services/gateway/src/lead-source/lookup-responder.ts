import { DEFAULT_TENANT, LeadLookupRequest, Subjects, TENANT_ID, type LeadLookupReply } from "@gardenos/contracts";
import { errorMessage, type Logger } from "@gardenos/runtime";
import type { NatsConnection, Subscription } from "@nats-io/transport-node";
import type { LeadSource } from "./lead-source.js";

/**
 * Answers `gardenos.leads.lookup` for agents holding a task with only `lead_id`: the lead from the
 * lead source, read with the tenant the task came with. Every gateway replica answers in one queue
 * group. A malformed request gets no answer (the agent's task is retried, then dead-lettered).
 */
export function serveLeadLookup(nc: NatsConnection, source: LeadSource, log: Logger): Subscription {
  return nc.subscribe(Subjects.leadLookup, {
    queue: "gateway",
    callback: (err, msg) => {
      if (err) return;
      void (async () => {
        try {
          const q = LeadLookupRequest.safeParse(msg.json());
          if (!q.success) return;
          const tenant = TENANT_ID.test(q.data.tenant) ? q.data.tenant : DEFAULT_TENANT;
          const r = await source.get(tenant, q.data.lead_id);
          const reply: LeadLookupReply =
            r.status === "invalid" ? { status: "invalid", message: "The lead source's row is not a valid lead", issues: r.issues.slice(0, 100) } : r.status === "unavailable" ? { status: "unavailable" } : r;
          msg.respond(JSON.stringify(reply));
        } catch (e) {
          log.debug({ err: errorMessage(e) }, "lead lookup unanswered");
        }
      })();
    },
  });
}

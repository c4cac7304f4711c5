import { DEFAULT_TENANT, Subjects, TENANT_ID } from "@gardenos/contracts";
import { serveRequests, type Logger } from "@gardenos/runtime";
import type { NatsConnection, Subscription } from "@nats-io/transport-node";
import type { LeadStore } from "./leads.js";

/**
 * Answers `gardenos.leads.contact_check` for the follow-up agents (which hold no database
 * connection): is this lead on its tenant's do-not-contact list? Every follow-up is checked this
 * way, whether it came over HTTP (already checked at intake; the list may have grown since) or
 * straight over NATS. With the database down nobody answers and the agent retries the task later.
 */
export function serveContactCheck(nc: NatsConnection, leads: Pick<LeadStore, "isDoNotContact">, log: Logger): Subscription {
  return serveRequests(nc, { subject: Subjects.contactCheck, queue: "gateway", what: "contact check", log }, async (request) => {
    const q = (request ?? {}) as { tenant?: unknown; lead_id?: unknown; email?: unknown };
    const tenant = typeof q.tenant === "string" && TENANT_ID.test(q.tenant) ? q.tenant : DEFAULT_TENANT;
    const leadId = typeof q.lead_id === "string" ? q.lead_id.slice(0, 200) : undefined;
    const email = typeof q.email === "string" ? q.email.slice(0, 320) : undefined;
    return { do_not_contact: await leads.isDoNotContact({ leadId, email }, tenant) };
  });
}

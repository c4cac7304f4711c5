import type { TaskSubmitter } from "../intake/task-intake.js";
import { HttpError } from "../http/errors.js";
import type { LeadLookup, LeadSource } from "./lead-source.js";

/** A lookup that did not find a valid lead, as the HTTP error the caller gets (nothing is published). */
export function lookupError(r: Exclude<LeadLookup, { status: "found" }>, leadId: string): HttpError {
  switch (r.status) {
    case "not_found":
      return new HttpError("ERR_LEAD_NOT_FOUND", `No lead with id ${JSON.stringify(leadId.slice(0, 200))} in the lead source`);
    case "invalid":
      return new HttpError("ERR_LEAD_INVALID", `The lead source's row for this id is not a valid lead: ${r.issues.map((i) => `${i.path}: ${i.message}`).join("; ")}`, { issues: r.issues });
    case "unavailable":
      return new HttpError("ERR_LEAD_SOURCE_UNAVAILABLE", undefined, { retryAfterSeconds: 5 });
  }
}

/**
 * Tasks that name their lead by `lead_id` (HTTP and the tenants' NATS intake): the gateway reads
 * the lead from the lead source before anything is recorded or published, and the task goes out
 * with the lead itself. Unknown id → 404, invalid row → 400, source down → 503 with Retry-After.
 */
export function leadResolvingIntake(inner: TaskSubmitter, source: LeadSource): TaskSubmitter {
  return {
    async submit(def, body, traceparent, tenant, o) {
      if (!def.leadRef || body.lead !== undefined || typeof body.lead_id !== "string") return inner.submit(def, body, traceparent, tenant, o);
      const leadId = body.lead_id;
      const r = await source.get(tenant, leadId);
      if (r.status !== "found") throw lookupError(r, leadId);
      const { lead_id: _, ...rest } = body;
      return inner.submit(def, { ...rest, lead: { ...r.lead, id: r.lead.id ?? leadId } }, traceparent, tenant, o);
    },
  };
}

import { LeadLookupReply, Subjects, agentTypes, issuesMessage, type TaskEvent } from "@gardenos/contracts";
import { TransientError, UnrecoverableError } from "../errors.js";
import type { AgentContext, AgentHandler } from "./types.js";

/** How long an agent waits for the gateway's lead lookup before retrying the task later. */
const LOOKUP_TIMEOUT_MS = 5000;

/**
 * Resolves a task that carries only `lead_id` (agents hold no database connection): asks the
 * gateway over `gardenos.leads.lookup` with the task's tenant. Not found or an invalid row fails
 * the task for good; the source down (or no gateway answering) retries it with back-off.
 */
export async function lookUpLead(leadId: string, ctx: Pick<AgentContext, "ask" | "tenant">): Promise<unknown> {
  const raw = await ctx.ask(Subjects.leadLookup, { tenant: ctx.tenant, lead_id: leadId }, LOOKUP_TIMEOUT_MS);
  if (raw === undefined) throw new TransientError("No gateway answered the lead lookup; retrying later", 5000);
  const reply = LeadLookupReply.safeParse(raw);
  if (!reply.success) throw new TransientError("The lead lookup's answer did not follow the contract; retrying later");
  const r = reply.data;
  switch (r.status) {
    case "found":
      return r.lead;
    case "not_found":
      throw new UnrecoverableError("No lead with this lead_id in the lead source", "ERR_LEAD_NOT_FOUND");
    case "invalid":
      throw new UnrecoverableError(r.issues?.length ? `The lead source's row is not a valid lead: ${issuesMessage(r.issues)}` : r.message, "ERR_LEAD_INVALID", r.issues ? { issues: r.issues } : undefined);
    case "unavailable":
      throw new TransientError("The lead source is unavailable; retrying later", 5000);
  }
}

/**
 * Wraps a lead-based type's handler (its definition's `leadRef`): the wrapper reads the wire event
 * (`lead` or `lead_id`), looks the lead up when only the id came, and hands the handler the event
 * with its lead — so handlers always see `event.lead`.
 */
export function withLeadLookup<E extends TaskEvent, R>(handler: AgentHandler<E, R>): AgentHandler<E, R> {
  const def = agentTypes.get(handler.type);
  if (!def?.leadRef) return handler;
  return {
    ...handler,
    eventSchema: def.taskEvent as unknown as AgentHandler<E, R>["eventSchema"],
    async process(event, ctx) {
      if (event.lead !== undefined || typeof event.lead_id !== "string") return handler.process(event, ctx);
      const { lead_id: leadId, ...rest } = event;
      const lead = (await lookUpLead(leadId, ctx)) as { id?: string };
      return handler.process({ ...rest, lead: { ...lead, id: lead.id ?? leadId } } as unknown as E, ctx);
    },
  };
}

import { Subjects, type FollowUpGenerateEvent as Event, type FollowUpResult as Result } from "@gardenos/contracts";
import { UnrecoverableError, type AgentHandler } from "@gardenos/runtime";

/**
 * A follow-up agent that asks the gateway before writing whether the lead is on its tenant's
 * do-not-contact list (`DELETE /ai/leads/:id?do_not_contact=true`): if so the task fails with
 * ERR_DO_NOT_CONTACT and no e-mail is written, however the task arrived (HTTP, tenant intake,
 * or straight on `followup.generate`). No gateway listening (an agent-only set-up) means no list;
 * a gateway that does not answer in time makes the attempt retry later.
 */
export function withContactCheck(handler: AgentHandler<Event, Result>): AgentHandler<Event, Result> {
  return {
    ...handler,
    async process(event, ctx) {
      const leadId = event.lead.id;
      const email = event.lead.contact?.email;
      if (leadId || email) {
        const reply = (await ctx.ask(Subjects.contactCheck, { tenant: ctx.tenant, ...(leadId ? { lead_id: leadId } : {}), ...(email ? { email } : {}) })) as { do_not_contact?: unknown } | undefined;
        if (reply?.do_not_contact === true) {
          throw new UnrecoverableError("The lead asked not to be contacted again (do-not-contact list): no e-mail written", "ERR_DO_NOT_CONTACT");
        }
      }
      return handler.process(event, ctx);
    },
  };
}

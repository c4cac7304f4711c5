import { followUp, leadAnalysis } from "@gardenos/contracts";
import type { ExperimentStore } from "../experiments/experiment-store.js";
import type { IntakeHook } from "../intake/task-intake.js";
import type { LeadKeeper } from "./lead-keeper.js";

/**
 * What the intake does for the learning loop: a lead sent for analysis is kept as its latest
 * version (so outcomes can be joined to its features), and a follow-up for a lead in the
 * tenant's running experiment gets the lead's sticky variant.
 */
export function learningIntakeHook(o: { leads: Pick<LeadKeeper, "keep">; experiments: Pick<ExperimentStore, "assign"> }): IntakeHook {
  return async (def, _input, tenant, lead) => {
    if (!lead) return undefined;
    if (def.type === leadAnalysis.type) {
      // Written in batches after the answer: the intake does not wait for it.
      o.leads.keep(tenant, lead);
      return undefined;
    }
    if (def.type === followUp.type) {
      const key = lead.id ?? (lead.contact?.email ? `email:${lead.contact.email.toLowerCase()}` : undefined);
      if (!key) return undefined;
      const variant = await o.experiments.assign(tenant, key);
      return variant ? { variant } : undefined;
    }
    return undefined;
  };
}

import { followUp, leadAnalysis } from "@gardenos/contracts";
import type { Logger } from "@gardenos/runtime";
import type { ExperimentStore } from "../experiments/experiment-store.js";
import type { IntakeHook } from "../intake/task-intake.js";
import type { OutcomeStore } from "./outcome-store.js";

/**
 * What the intake does for the learning loop: a lead sent for analysis is kept as its latest
 * version (so outcomes can be joined to its features), and a follow-up for a lead in the
 * tenant's running experiment gets the lead's sticky variant.
 */
export function learningIntakeHook(o: { outcomes: Pick<OutcomeStore, "upsertLeads">; experiments: Pick<ExperimentStore, "assign">; log: Logger }): IntakeHook {
  return async (def, input, tenant) => {
    const lead = def.leadOf(input);
    if (!lead) return undefined;
    if (def.type === leadAnalysis.type) {
      if (lead.id) await o.outcomes.upsertLeads(tenant, [lead], "analysis");
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

import { FactorsSources, LeadAnalysisAnswer, type FactorsSource, type Lead, type LeadAnalysisResult } from "@gardenos/contracts";
import { scoreLead } from "./heuristic.js";

/** Built once: zod compiles a parser per schema object, so a schema made per task is compiled per task. */
const WITHOUT_PROBABILITY = LeadAnalysisAnswer.partial({ conversion_probability: true });

/**
 * What the model must answer for one task: the seed's five fields (the factor arrays optional);
 * without `conversion_probability` when one is already known for the lead.
 */
export function leadAnalysisAnswerSchema(o: { probabilityKnown: boolean } = { probabilityKnown: false }) {
  return o.probabilityKnown ? WITHOUT_PROBABILITY : LeadAnalysisAnswer;
}

type Answer = Omit<LeadAnalysisAnswer, "conversion_probability"> & { conversion_probability?: number | undefined };

/**
 * The result from a valid answer: the model's fields as they are; a known conversion probability
 * wins over the model's; a missing factor array is the built-in scorer's, and `factors_source`
 * says whose they are (model, scorer, or mixed when the model gave one array). `scored`: the
 * scorer's result for this lead when the caller already has it.
 */
export function completeAnalysis(answer: Answer, lead: Lead, o: { conversionProbability?: number | undefined; now?: Date; scored?: LeadAnalysisResult | undefined } = {}): LeadAnalysisResult {
  const probability = o.conversionProbability ?? answer.conversion_probability;
  if (probability === undefined) throw new TypeError("completeAnalysis: the answer has no conversion_probability and none is known");
  const own = [answer.top_positive_factors, answer.top_negative_factors].filter((a) => a !== undefined).length;
  const scored = own < 2 ? (o.scored ?? scoreLead(lead, o.now)) : undefined;
  const source: FactorsSource = own === 2 ? FactorsSources.model : own === 0 ? FactorsSources.scorer : FactorsSources.mixed;
  return {
    lead_quality_score: answer.lead_quality_score,
    conversion_probability: probability,
    recommended_action: answer.recommended_action,
    follow_up_timeline: answer.follow_up_timeline,
    key_insights: answer.key_insights,
    top_positive_factors: answer.top_positive_factors ?? scored!.top_positive_factors,
    top_negative_factors: answer.top_negative_factors ?? scored!.top_negative_factors,
    factors_source: source,
  };
}

/** The built-in scorer's result, marked as such. */
export function builtinAnalysis(lead: Lead, now?: Date): LeadAnalysisResult {
  return { ...scoreLead(lead, now), factors_source: FactorsSources.scorer };
}

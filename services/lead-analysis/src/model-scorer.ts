import { FactorsSources, type Factor, type Lead, type LeadAnalysisResult } from "@gardenos/contracts";
import { scoreWithModel, type ModelScore } from "@gardenos/conversion-model";
import type { ActiveModel } from "./active-models.js";
import { builtinAnalysis } from "./answer.js";
import { scoreLead } from "./heuristic.js";
import { recommend } from "./recommend.js";

/** `model_version` of results scored by the built-in heuristic (no learned model active: cold start). */
export const HEURISTIC_VERSION = "heuristic";
export const COLD_START_INSIGHT = "Scored by the built-in heuristic: no learned conversion model is active yet for this tenant (cold start; it needs stored outcomes, see GET /ai/models).";

const round1 = (x: number) => Math.round(x * 10) / 10;
const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

export const modelVersionOf = (m: ActiveModel) => `model-${m.version}`;

/** Probability, quality score and factors as the learned model gives them. */
export interface ModelNumbers {
  conversion_probability: number;
  lead_quality_score: number;
  top_positive_factors: Factor[];
  top_negative_factors: Factor[];
  model_version: string;
}

export function modelNumbers(active: ActiveModel, lead: Lead, score: ModelScore = scoreWithModel(active.model, lead)): ModelNumbers {
  const p = score.probability;
  const factor = (c: ModelScore["contributions"][number]): Factor => ({ factor: c.label, impact: c.impact, detail: `${c.label}: ${c.value}` });
  return {
    conversion_probability: clamp(round1(p * 100), 0, 100),
    lead_quality_score: clamp(Math.floor(p * 10) + 1, 1, 10),
    top_positive_factors: score.contributions.filter((c) => c.impact > 0).slice(0, 3).map(factor),
    top_negative_factors: score.contributions.filter((c) => c.impact < 0).slice(0, 3).map(factor),
    model_version: modelVersionOf(active),
  };
}

/**
 * The built-in analysis: the tenant's learned model when one is active (probability, score and
 * the model's own factors, with the heuristic's next-step rules), else the heuristic (cold start).
 */
export function analyzeLead(lead: Lead, active: ActiveModel | undefined, now: Date = new Date()): LeadAnalysisResult {
  if (!active) {
    const r = builtinAnalysis(lead, now);
    return { ...r, key_insights: [...r.key_insights, COLD_START_INSIGHT].slice(0, 10), model_version: HEURISTIC_VERSION };
  }
  const n = modelNumbers(active, lead);
  const band = recommend(n.lead_quality_score, lead, /bounc/i.test(lead.behavior?.last_activity ?? ""));
  const insights = [`${band.name} lead: ${n.conversion_probability}% estimated chance to convert (quality ${n.lead_quality_score}/10, learned model version ${active.version}).`];
  const best = n.top_positive_factors[0];
  if (best) insights.push(`Strongest signal: ${best.detail} (+${best.impact} points).`);
  const worst = n.top_negative_factors[0];
  if (worst) insights.push(`Main concern: ${worst.detail} (${worst.impact} points).`);
  const c = lead.contact;
  if (c?.do_not_call || c?.do_not_email) {
    const which = [c.do_not_call ? "phone calls" : "", c.do_not_email ? "e-mail" : ""].filter(Boolean).join(" and ");
    insights.push(`Respect the opt-out: the contact does not want ${which}.`);
  }
  return {
    lead_quality_score: n.lead_quality_score,
    conversion_probability: n.conversion_probability,
    recommended_action: band.action,
    follow_up_timeline: band.timeline,
    key_insights: insights.map((s) => (s.length > 500 ? `${s.slice(0, 499)}…` : s)),
    top_positive_factors: n.top_positive_factors,
    top_negative_factors: n.top_negative_factors,
    // The built-in agent's factors: with a learned model active, the model's own terms.
    factors_source: FactorsSources.scorer,
    model_version: n.model_version,
  };
}

/**
 * An LLM's analysis, completed with the known probability (completeAnalysis), stamped with the
 * conversion model behind it; with a learned model active, the factors are the model's own terms.
 */
export function withModelNumbers(llm: LeadAnalysisResult, lead: Lead, active: ActiveModel | undefined): LeadAnalysisResult {
  return active ? stampModelNumbers(llm, modelNumbers(active, lead)) : { ...llm, model_version: HEURISTIC_VERSION };
}

/** withModelNumbers with the learned model's numbers for the lead already worked out. */
export function stampModelNumbers(llm: LeadAnalysisResult, n: ModelNumbers): LeadAnalysisResult {
  return {
    ...llm,
    conversion_probability: n.conversion_probability,
    top_positive_factors: n.top_positive_factors,
    top_negative_factors: n.top_negative_factors,
    factors_source: FactorsSources.scorer,
    model_version: n.model_version,
  };
}

/**
 * The conversion model's probability for a lead and (for a learned model) its factors: what the
 * LLM is given and must keep. Also what they came from: the heuristic's whole result (`scored`)
 * or the learned model's numbers (`numbers`), so a task works them out once.
 */
export function knownNumbers(lead: Lead, active: ActiveModel | undefined, now: Date = new Date()): { conversion_probability: number; factors?: Factor[]; scored?: LeadAnalysisResult; numbers?: ModelNumbers } {
  if (!active) {
    const scored = scoreLead(lead, now);
    return { conversion_probability: scored.conversion_probability, scored };
  }
  const n = modelNumbers(active, lead);
  return { conversion_probability: n.conversion_probability, factors: [...n.top_positive_factors, ...n.top_negative_factors], numbers: n };
}

import {
  LeadAnalysisResult,
  LeadAnalyzeEvent,
  type LeadAnalysisResult as Result,
  type LeadAnalyzeEvent as Event,
} from "@gardenos/contracts";
import { createLlmHandler, startAgentServiceWithLlm, type LlmChain } from "@gardenos/llm";
import type { AgentHandler, AgentService, Logger } from "@gardenos/runtime";
import { builtinAnalysis, completeAnalysis, leadAnalysisAnswerSchema } from "./answer.js";
import { scoreLead } from "./heuristic.js";
import { leadAnalysisPrompt } from "./prompt.js";

export { scoreLead, builtinAnalysis, completeAnalysis, leadAnalysisAnswerSchema };
export { leadAnalysisPrompt, leadForAnalysis, LEAD_ANALYSIS_SYSTEM_PROMPT, type LeadAnalysisPromptOptions } from "./prompt.js";

export const BUILTIN_MODEL = "builtin-heuristic";

/** The built-in lead-analysis agent: the multi-factor heuristic scorer, no network needed. */
export const builtinLeadAnalysis: AgentHandler<Event, Result> = {
  type: "lead_analysis",
  eventSchema: LeadAnalyzeEvent,
  resultSchema: LeadAnalysisResult,
  async process(event) {
    return {
      result: builtinAnalysis(event.lead),
      model: BUILTIN_MODEL,
      provider: "builtin",
      degraded: false,
      usage: { prompt_tokens: 0, completion_tokens: 0 },
      costUsd: 0,
    };
  },
  status: () => ({ mode: "builtin", providers: [] }),
};

export interface LlmLeadAnalysisOptions {
  timeoutSeconds: number;
  maxAttempts: number;
  includeCustomFields: boolean;
  sendContact?: boolean;
  fallback?: "builtin" | "none";
  /**
   * A conversion probability (0–100) already known for a task's lead, e.g. from a model trained on
   * outcomes; undefined: the LLM estimates it. When known, the model is not asked for it and the
   * result keeps it. Default: never known.
   */
  conversionProbability?: (event: Event) => number | undefined;
}

/**
 * The LLM lead-analysis agent: the provider chain, then the heuristic scorer (degraded). The model
 * is asked for the seed's five fields only; the factor arrays are the scorer's (`factors_source`).
 */
export function llmLeadAnalysis(chain: LlmChain, o: LlmLeadAnalysisOptions): AgentHandler<Event, Result> {
  const known = (event: Event) => o.conversionProbability?.(event);
  return createLlmHandler({
    type: "lead_analysis",
    eventSchema: LeadAnalyzeEvent,
    resultSchema: LeadAnalysisResult,
    chain,
    prompt: (event: Event) => {
      const p = known(event);
      return leadAnalysisPrompt(event, { includeCustomFields: o.includeCustomFields, sendContact: o.sendContact ?? false, ...(p !== undefined ? { conversionProbability: p } : {}) });
    },
    answerSchema: (event: Event) => leadAnalysisAnswerSchema({ probabilityKnown: known(event) !== undefined }),
    complete: (answer, event: Event) => completeAnalysis(answer, event.lead, { conversionProbability: known(event) }),
    builtin: (event: Event): Result => builtinAnalysis(event.lead),
    builtinModel: BUILTIN_MODEL,
    timeoutSeconds: o.timeoutSeconds,
    maxAttempts: o.maxAttempts,
    ...(o.fallback ? { fallback: o.fallback } : {}),
  });
}

/**
 * Starts the lead-analysis service (config from `env`): LLM agents when a provider is configured
 * (DEEPINFRA_API_KEY, LLM_BASE_URL or LLM_PROVIDERS), else the built-in scorer.
 */
export function startLeadAnalysis(env: NodeJS.ProcessEnv = process.env, logger?: Logger): Promise<AgentService<Event, Result>> {
  return startAgentServiceWithLlm({ builtin: builtinLeadAnalysis, llm: llmLeadAnalysis }, env, logger);
}

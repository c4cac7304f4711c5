import {
  LeadAnalysisResult,
  LeadAnalyzeEvent,
  type LeadAnalysisResult as Result,
  type LeadAnalyzeEvent as Event,
} from "@gardenos/contracts";
import { createLlmHandler, startAgentServiceWithLlm, type LlmChain } from "@gardenos/llm";
import type { AgentHandler, AgentService, Logger } from "@gardenos/runtime";
import { scoreLead } from "./heuristic.js";
import { leadAnalysisPrompt } from "./prompt.js";

export { scoreLead };
export { leadAnalysisPrompt, LEAD_ANALYSIS_SYSTEM_PROMPT } from "./prompt.js";

export const BUILTIN_MODEL = "builtin-heuristic";

/** The built-in lead-analysis agent: the multi-factor heuristic scorer, no network needed. */
export const builtinLeadAnalysis: AgentHandler<Event, Result> = {
  type: "lead_analysis",
  eventSchema: LeadAnalyzeEvent,
  resultSchema: LeadAnalysisResult,
  async process(event) {
    return {
      result: scoreLead(event.lead),
      model: BUILTIN_MODEL,
      provider: "builtin",
      degraded: false,
      usage: { prompt_tokens: 0, completion_tokens: 0 },
      costUsd: 0,
    };
  },
  status: () => ({ mode: "builtin", providers: [] }),
};

/** The LLM lead-analysis agent: the provider chain, then the heuristic scorer (degraded). */
export function llmLeadAnalysis(chain: LlmChain, o: { timeoutSeconds: number; maxAttempts: number; includeCustomFields: boolean; sendContact?: boolean; fallback?: "builtin" | "none" }): AgentHandler<Event, Result> {
  return createLlmHandler<Event, Result>({
    type: "lead_analysis",
    eventSchema: LeadAnalyzeEvent,
    resultSchema: LeadAnalysisResult,
    chain,
    prompt: (event) => leadAnalysisPrompt(event, { includeCustomFields: o.includeCustomFields, sendContact: o.sendContact ?? false }),
    builtin: (event) => scoreLead(event.lead),
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

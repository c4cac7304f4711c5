import {
  LeadAnalysisResult,
  LeadAnalyzeEvent,
  type LeadAnalysisResult as Result,
  type LeadAnalyzeEvent as Event,
} from "@gardenos/contracts";
import { createLlmHandler, startLlm, type LlmChain } from "@gardenos/llm";
import {
  agentConfigSchema,
  agentSettings,
  baseConfigShape,
  createLogger,
  loadConfig,
  startAgentService,
  type AgentHandler,
  type AgentService,
  type Logger,
} from "@gardenos/runtime";
import { z } from "zod";
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
export function llmLeadAnalysis(chain: LlmChain, o: { timeoutSeconds: number; maxAttempts: number; includeCustomFields: boolean; fallback?: "builtin" | "none" }): AgentHandler<Event, Result> {
  return createLlmHandler<Event, Result>({
    type: "lead_analysis",
    eventSchema: LeadAnalyzeEvent,
    resultSchema: LeadAnalysisResult,
    chain,
    prompt: (event) => leadAnalysisPrompt(event, { includeCustomFields: o.includeCustomFields }),
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
export async function startLeadAnalysis(env: NodeJS.ProcessEnv = process.env, logger?: Logger): Promise<AgentService<Event, Result>> {
  const cfg = loadConfig(agentConfigSchema("lead_analysis"), env) as unknown as Record<string, unknown> & z.infer<z.ZodObject<typeof baseConfigShape>>;
  const log = logger ?? createLogger({ name: "lead-analysis", level: cfg.LOG_LEVEL, format: cfg.LOG_FORMAT });
  const llm = await startLlm(env, { natsUrl: cfg.NATS_URL, name: "gardenos-lead-analysis", log, streamReplicas: cfg.STREAM_REPLICAS });
  if (!llm) return startAgentService(builtinLeadAnalysis, env, log);
  const handler = llmLeadAnalysis(llm.chain, {
    timeoutSeconds: agentSettings("lead_analysis", cfg).timeoutSeconds,
    maxAttempts: cfg.TASK_MAX_RETRIES + 1,
    includeCustomFields: llm.config.includeCustomFields,
    fallback: llm.config.fallback,
  });
  let service: AgentService<Event, Result>;
  try {
    service = await startAgentService(handler, env, log);
  } catch (e) {
    await llm.close();
    throw e;
  }
  return {
    ...service,
    async stop() {
      await service.stop();
      await llm.close();
    },
  };
}

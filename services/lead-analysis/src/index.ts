import {
  LeadAnalysisResult,
  LeadAnalyzeEvent,
  agentTypes,
  leadAnalysis,
  type LeadAnalysisResult as Result,
  type LeadAnalyzeEvent as Event,
} from "@gardenos/contracts";
import { createLlmHandler, startAgentServiceWithLlm, type LlmChain } from "@gardenos/llm";
import { agentConfigSchema, connectNats, createLogger, loadConfig, openModelsKv, type AgentHandler, type AgentService, type BaseConfig, type Logger } from "@gardenos/runtime";
import { ActiveModels } from "./active-models.js";
import { scoreLead } from "./heuristic.js";
import { analyzeLead, modelBrief, withModelNumbers } from "./model-scorer.js";
import { leadAnalysisPrompt } from "./prompt.js";

export { scoreLead };
export { leadAnalysisPrompt, LEAD_ANALYSIS_SYSTEM_PROMPT } from "./prompt.js";
export { ActiveModels, type ActiveModel } from "./active-models.js";
export { analyzeLead, withModelNumbers, modelBrief, HEURISTIC_VERSION, COLD_START_INSIGHT } from "./model-scorer.js";

export const BUILTIN_MODEL = "builtin-heuristic";

/**
 * The built-in lead-analysis agent, no network needed: the tenant's learned conversion model when
 * one is active, else the multi-factor heuristic scorer (cold start).
 */
export function modelLeadAnalysis(models: ActiveModels): AgentHandler<Event, Result> {
  return {
    type: "lead_analysis",
    eventSchema: LeadAnalyzeEvent,
    resultSchema: LeadAnalysisResult,
    async process(event) {
      return {
        result: analyzeLead(event.lead, models.get(event.tenant)),
        model: BUILTIN_MODEL,
        provider: "builtin",
        degraded: false,
        usage: { prompt_tokens: 0, completion_tokens: 0 },
        costUsd: 0,
      };
    },
    status: () => ({ mode: "builtin", providers: [], conversion_models: models.versions() }),
  };
}

/** The built-in agent without learned models (always the heuristic). */
export const builtinLeadAnalysis: AgentHandler<Event, Result> = modelLeadAnalysis(new ActiveModels());

/**
 * The LLM lead-analysis agent: the provider chain writes the action, timeline and insights; the
 * conversion probability, quality score and factors are the conversion model's (given to the LLM
 * in the prompt, and kept whatever it answers). The built-in agent is the degraded fallback.
 */
export function llmLeadAnalysis(
  chain: LlmChain,
  o: { timeoutSeconds: number; maxAttempts: number; includeCustomFields: boolean; sendContact?: boolean; fallback?: "builtin" | "none" },
  models: ActiveModels = new ActiveModels(),
): AgentHandler<Event, Result> {
  const inner = createLlmHandler<Event, Result>({
    type: "lead_analysis",
    eventSchema: LeadAnalyzeEvent,
    resultSchema: LeadAnalysisResult,
    chain,
    prompt: (event) => leadAnalysisPrompt(event, { includeCustomFields: o.includeCustomFields, sendContact: o.sendContact ?? false, model: modelBrief(event.lead, models.get(event.tenant)) }),
    builtin: (event) => analyzeLead(event.lead, models.get(event.tenant)),
    builtinModel: BUILTIN_MODEL,
    timeoutSeconds: o.timeoutSeconds,
    maxAttempts: o.maxAttempts,
    ...(o.fallback ? { fallback: o.fallback } : {}),
  });
  return {
    ...inner,
    async process(event, ctx) {
      const out = await inner.process(event, ctx);
      if (out.provider === "builtin") return out;
      return { ...out, result: withModelNumbers(out.result, event.lead, models.get(event.tenant)) };
    },
    status: () => ({ ...(inner.status?.() ?? {}), conversion_models: models.versions() }),
  };
}

/**
 * Starts the lead-analysis service (config from `env`): LLM agents when a provider is configured
 * (DEEPINFRA_API_KEY, LLM_BASE_URL or LLM_PROVIDERS), else the built-in scorer; both score with the
 * tenant's active conversion model, followed in the KV bucket `gardenos_models` on a connection of its own.
 */
export async function startLeadAnalysis(env: NodeJS.ProcessEnv = process.env, logger?: Logger): Promise<AgentService<Event, Result>> {
  const cfg = loadConfig(agentConfigSchema(leadAnalysis.type), env) as unknown as BaseConfig;
  const log = logger ?? createLogger({ name: agentTypes.require(leadAnalysis.type).service, level: cfg.LOG_LEVEL, format: cfg.LOG_FORMAT });
  const models = new ActiveModels();
  const nc = await connectNats(cfg.NATS_URL, "gardenos-lead-analysis-models", log, cfg);
  let service: AgentService<Event, Result>;
  try {
    await models.watch(await openModelsKv(nc, cfg.STREAM_REPLICAS), log);
    service = await startAgentServiceWithLlm({ builtin: modelLeadAnalysis(models), llm: (chain, s) => llmLeadAnalysis(chain, s, models) }, env, log);
  } catch (e) {
    models.stop();
    await nc.drain().catch(() => undefined);
    throw e;
  }
  return {
    ...service,
    async stop() {
      await service.stop();
      models.stop();
      await nc.drain().catch(() => undefined);
    },
  };
}

import {
  LeadAnalysisResult,
  LeadAnalyzeEvent,
  agentTypes,
  leadAnalysis,
  type Factor,
  type LeadAnalysisResult as Result,
  type LeadAnalyzeEvent as Event,
} from "@gardenos/contracts";
import { builtinOutput, createLlmHandler, startAgentServiceWithLlm, type LlmChain } from "@gardenos/llm";
import { agentConfigSchema, connectNats, createLogger, loadConfig, openModelsKv, type AgentHandler, type AgentService, type BaseConfig, type Logger } from "@gardenos/runtime";
import { ActiveModels, type ActiveModel } from "./active-models.js";
import { builtinAnalysis, completeAnalysis, leadAnalysisAnswerSchema } from "./answer.js";
import { scoreLead } from "./heuristic.js";
import { analyzeLead, knownNumbers, stampModelNumbers, withModelNumbers, type ModelNumbers } from "./model-scorer.js";
import { leadAnalysisPrompt } from "./prompt.js";
import { withNeighbours } from "./neighbours.js";

export { scoreLead, builtinAnalysis, completeAnalysis, leadAnalysisAnswerSchema };
export { leadAnalysisPrompt, leadForAnalysis, LEAD_ANALYSIS_SYSTEM_PROMPT, type LeadAnalysisPromptOptions } from "./prompt.js";
export { ActiveModels, type ActiveModel } from "./active-models.js";
export { withNeighbours, neighboursInsight } from "./neighbours.js";
export { analyzeLead, withModelNumbers, knownNumbers, HEURISTIC_VERSION, COLD_START_INSIGHT } from "./model-scorer.js";

export const BUILTIN_MODEL = "builtin-heuristic";

/** What the conversion model says about one task's lead (undefined probability: the LLM estimates it). */
interface Known {
  active: ActiveModel | undefined;
  conversion_probability: number | undefined;
  factors?: Factor[] | undefined;
  /** The heuristic's result for the lead (no learned model active). */
  scored?: Result | undefined;
  /** The learned model's numbers for the lead. */
  numbers?: ModelNumbers | undefined;
}

/**
 * The built-in lead-analysis agent, no network needed: the tenant's learned conversion model when
 * one is active, else the multi-factor heuristic scorer (cold start).
 */
export function modelLeadAnalysis(models: ActiveModels): AgentHandler<Event, Result> {
  return {
    type: "lead_analysis",
    eventSchema: LeadAnalyzeEvent,
    resultSchema: LeadAnalysisResult,
    async process(event, ctx) {
      return builtinOutput(analyzeLead(event.lead, models.get(ctx.tenant)), BUILTIN_MODEL);
    },
    status: () => ({ mode: "builtin", providers: [], conversion_models: models.versions() }),
  };
}

/** The built-in agent without learned models (always the heuristic). */
export const builtinLeadAnalysis: AgentHandler<Event, Result> = modelLeadAnalysis(new ActiveModels());

export interface LlmLeadAnalysisOptions {
  timeoutSeconds: number;
  maxAttempts: number;
  includeCustomFields: boolean;
  sendContact?: boolean;
  fallback?: "builtin" | "none";
  /**
   * A conversion probability (0–100) already known for a task's lead; undefined: the LLM estimates
   * it. When known, the model is not asked for it and the result keeps it. With `models` it is the
   * conversion model's (the tenant's learned model, else the heuristic).
   */
  conversionProbability?: (event: Event) => number | undefined;
}

/**
 * The LLM lead-analysis agent: the provider chain, then the built-in agent (degraded). With
 * `models`, the conversion probability is the conversion model's, given to the LLM and kept; with a
 * learned model active its factors are the model's own too. The LLM writes the action, timeline,
 * insights and a quality score that agrees with the probability.
 */
export function llmLeadAnalysis(chain: LlmChain, o: LlmLeadAnalysisOptions, models?: ActiveModels): AgentHandler<Event, Result> {
  // The callbacks below get the event only: the task's tenant (AgentContext) is kept beside it,
  // and what the conversion model says about the lead is worked out once per task (the prompt,
  // the answer's schema, the result and the model's stamp all need it).
  const tenants = new WeakMap<Event, string>();
  const knownByEvent = new WeakMap<Event, Known>();
  const known = (event: Event): Known => {
    let k = knownByEvent.get(event);
    if (!k) {
      if (models) {
        const active = models.get(tenants.get(event));
        k = { active, ...knownNumbers(event.lead, active) };
      } else {
        k = { active: undefined, conversion_probability: o.conversionProbability?.(event) };
      }
      knownByEvent.set(event, k);
    }
    return k;
  };
  const inner = createLlmHandler({
    type: "lead_analysis",
    eventSchema: LeadAnalyzeEvent,
    resultSchema: LeadAnalysisResult,
    chain,
    prompt: (event: Event) => {
      const { conversion_probability: p, factors } = known(event);
      return leadAnalysisPrompt(event, { includeCustomFields: o.includeCustomFields, sendContact: o.sendContact ?? false, ...(p !== undefined ? { conversionProbability: p } : {}), ...(factors ? { factors } : {}) });
    },
    answerSchema: (event: Event) => leadAnalysisAnswerSchema({ probabilityKnown: known(event).conversion_probability !== undefined }),
    complete: (answer, event: Event) => {
      const k = known(event);
      return completeAnalysis(answer, event.lead, { conversionProbability: k.conversion_probability, scored: k.scored });
    },
    builtin: (event: Event): Result => (models ? analyzeLead(event.lead, models.get(tenants.get(event))) : builtinAnalysis(event.lead)),
    builtinModel: BUILTIN_MODEL,
    timeoutSeconds: o.timeoutSeconds,
    maxAttempts: o.maxAttempts,
    ...(o.fallback ? { fallback: o.fallback } : {}),
  });
  if (!models) return inner;
  return {
    ...inner,
    async process(event, ctx) {
      tenants.set(event, ctx.tenant);
      const out = await inner.process(event, ctx);
      if (out.provider === "builtin") return out;
      // The numbers the LLM was given, unless the tenant's model changed during the call.
      const active = models.get(ctx.tenant);
      const k = knownByEvent.get(event);
      const result = k?.numbers && k.active === active ? stampModelNumbers(out.result, k.numbers) : withModelNumbers(out.result, event.lead, active);
      return { ...out, result };
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
  const log = logger ?? createLogger({ name: agentTypes.require(leadAnalysis.type).service, level: cfg.LOG_LEVEL, format: cfg.LOG_FORMAT, ...(cfg.LOG_FILE ? { file: cfg.LOG_FILE } : {}) });
  const models = new ActiveModels();
  const nc = await connectNats(cfg.NATS_URL, "gardenos-lead-analysis-models", log, cfg);
  let service: AgentService<Event, Result>;
  try {
    await models.watch(await openModelsKv(nc, cfg.STREAM_REPLICAS), log);
    // Both agents add the k-NN view of the tenant's similar leads when the gateway has one
    // (neighbours.ts); LEAD_ANALYSIS_KNN=false leaves it out (no request per task).
    const knn = !/^(false|0|no|off)$/i.test(env.LEAD_ANALYSIS_KNN ?? "");
    const add = (h: AgentHandler<Event, Result>) => (knn ? withNeighbours(h) : h);
    service = await startAgentServiceWithLlm({ builtin: add(modelLeadAnalysis(models)), llm: (chain, s) => add(llmLeadAnalysis(chain, s, models)) }, env, log);
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

import { agentTypes, type TaskEvent } from "@gardenos/contracts";
import {
  agentConfigSchema,
  agentSettings,
  connectNats,
  createLogger,
  loadAgentTypePlugins,
  loadConfig,
  startAgentService,
  type AgentHandler,
  type AgentService,
  type BaseConfig,
  type Logger,
  type NatsAuthSettings,
} from "@gardenos/runtime";
import type { NatsConnection } from "@nats-io/transport-node";
import { KvSpendStore, MemorySpendStore } from "./budget.js";
import { LlmChain } from "./chain.js";
import { loadLlmConfig, type LlmConfig } from "./config.js";

export interface LlmRuntime {
  config: LlmConfig;
  chain: LlmChain;
  close(): Promise<void>;
}

/**
 * The LLM chain of an agent service, from `env`; undefined when no provider is configured (the
 * built-in agents work alone). The day's spend lives in a NATS KV bucket shared by every replica,
 * on a connection of its own (closed by `close()`).
 */
export async function startLlm(env: NodeJS.ProcessEnv, o: { natsUrl: string; name: string; log: Logger; streamReplicas?: number; natsAuth?: NatsAuthSettings }): Promise<LlmRuntime | undefined> {
  const config = loadLlmConfig(env);
  if (config.providers.length === 0) return undefined;
  let nc: NatsConnection | undefined;
  let store;
  try {
    nc = await connectNats(o.natsUrl, `${o.name}-llm-budget`, o.log, o.natsAuth);
    store = await KvSpendStore.open(nc, config.budgetBucket, o.streamReplicas ?? 1);
  } catch (e) {
    if (config.dailyBudgetUsd > 0) throw e;
    o.log.warn({ err: e instanceof Error ? e.message : String(e) }, "budget store unavailable; counting spend in this process only");
    store = new MemorySpendStore();
  }
  const chain = new LlmChain(config, store);
  o.log.info({ providers: config.providers.map((p) => ({ name: p.name, model: p.model, base_url: p.baseURL })), daily_budget_usd: config.dailyBudgetUsd || null }, "LLM provider chain ready");
  return {
    config,
    chain,
    async close() {
      chain.close();
      await nc?.drain().catch(() => undefined);
    },
  };
}

/**
 * Lead data as a fenced block of compact JSON (one line: indentation would cost about a third of
 * the data's tokens). Backticks are written as \u0060 (still valid JSON), so no text inside a lead
 * can close the fence and speak outside the data.
 */
export function fenceData(label: string, data: unknown): string {
  const json = JSON.stringify(data).replace(/`/g, "\\u0060");
  return `\`\`\`json ${label}\n${json}\n\`\`\``;
}

/** What an agent type's LLM handler needs from the service's configuration. */
export interface LlmHandlerSettings {
  timeoutSeconds: number;
  maxAttempts: number;
  includeCustomFields: boolean;
  /** LLM_SEND_CONTACT: send the contact's e-mail, phone and full name to the provider. */
  sendContact: boolean;
  fallback: "builtin" | "none";
}

/**
 * Starts an agent service of one type with LLM agents when a provider is configured
 * (DEEPINFRA_API_KEY, LLM_BASE_URL or LLM_PROVIDERS), else with its built-in agent. Shared by
 * lead-analysis and follow-up; a new agent type passes its own two handlers.
 */
export async function startAgentServiceWithLlm<E extends TaskEvent, R>(
  o: { builtin: AgentHandler<E, R>; llm: (chain: LlmChain, settings: LlmHandlerSettings) => AgentHandler<E, R> },
  env: NodeJS.ProcessEnv,
  logger?: Logger,
): Promise<AgentService<E, R>> {
  await loadAgentTypePlugins(env.AGENT_TYPE_PLUGINS);
  const type = o.builtin.type;
  const service = agentTypes.require(type).service;
  const cfg = loadConfig(agentConfigSchema(type), env) as unknown as Record<string, unknown> & BaseConfig;
  const log = logger ?? createLogger({ name: service, level: cfg.LOG_LEVEL, format: cfg.LOG_FORMAT, ...(cfg.LOG_FILE ? { file: cfg.LOG_FILE } : {}) });
  const llm = await startLlm(env, { natsUrl: cfg.NATS_URL, name: `gardenos-${service}`, log, streamReplicas: cfg.STREAM_REPLICAS, natsAuth: cfg });
  if (!llm) return startAgentService(o.builtin, env, log);
  const handler = o.llm(llm.chain, {
    timeoutSeconds: agentSettings(type, cfg).timeoutSeconds,
    maxAttempts: cfg.TASK_MAX_RETRIES + 1,
    includeCustomFields: llm.config.includeCustomFields,
    sendContact: llm.config.sendContact,
    fallback: llm.config.fallback,
  });
  let started: AgentService<E, R>;
  try {
    started = await startAgentService(handler, env, log);
  } catch (e) {
    await llm.close();
    throw e;
  }
  return {
    ...started,
    async stop() {
      await started.stop();
      await llm.close();
    },
  };
}

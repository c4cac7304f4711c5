import { readFileSync } from "node:fs";
import { z } from "zod";
import { ConfigError, envBool, envInt, envNumber, loadConfig } from "@gardenos/runtime";
import { DEFAULT_PRICES, type Price } from "./prices.js";

/** LLM_DAILY_BUDGET_USD when unset: 25 USD per UTC day across all replicas. */
export const DEFAULT_DAILY_BUDGET_USD = 25;

/** DeepInfra's OpenAI-compatible endpoint and the default model (the design's default provider). */
export const DEEPINFRA = {
  name: "deepinfra",
  baseURL: "https://api.deepinfra.com/v1/openai",
  model: "deepseek-ai/DeepSeek-V3-0324",
  keyEnv: "DEEPINFRA_API_KEY",
} as const;

const PriceSchema = z.strictObject({
  input: z.number().min(0, "must be at least 0"),
  output: z.number().min(0, "must be at least 0"),
  /** USD per 1M prompt tokens served from the provider's prompt cache; default the input price. */
  cachedInput: z.number().min(0, "must be at least 0").optional(),
});

/** One link of the chain, as written in `LLM_PROVIDERS` / `LLM_PROVIDERS_FILE`. */
export const ProviderEntrySchema = z.strictObject({
  /** Shown in status, results and logs; letters, digits, _ and -. */
  name: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, "may hold only letters, digits, _ and - (1–40)"),
  /** OpenAI-compatible base URL, e.g. https://api.deepinfra.com/v1/openai or http://localhost:11434/v1. */
  baseURL: z.url("must be a URL"),
  /** Name of the environment variable that holds the key; omit for keyless local servers. */
  apiKeyEnv: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "must be an environment variable name").optional(),
  model: z.string().min(1),
  /** USD per 1M tokens ({ input, output, cachedInput? }); default from the price table. */
  prices: PriceSchema.optional(),
  /** Seconds one call may take; default: what is left of the task's timeout. */
  timeoutSeconds: z.number().positive().max(3600).optional(),
  /** Calls in flight to this provider from one process; halves on 429 and grows back. Default 8. */
  maxConcurrency: z.number().int().min(1).max(1000).default(8),
  /** Daily cap in USD for this provider; default none (the global budget still applies). */
  dailyBudgetUsd: z.number().positive().optional(),
  /** Send `response_format: { type: "json_object" }`. Default true (DeepInfra, OpenAI, vLLM, Ollama support it). */
  jsonMode: z.boolean().default(true),
});
export type ProviderEntry = z.infer<typeof ProviderEntrySchema>;

const jsonEnv = <T extends z.ZodType>(schema: T) =>
  z
    .string()
    .transform((s, ctx) => {
      try {
        return JSON.parse(s) as unknown;
      } catch {
        ctx.addIssue({ code: "custom", message: "must be valid JSON" });
        return z.NEVER;
      }
    })
    .pipe(schema);

/** Environment variables of the LLM layer. Each documents its default. */
export const LlmEnvSchema = z.object({
  /** DeepInfra key: DeepSeek-V3-0324 through DeepInfra. Default none. */
  DEEPINFRA_API_KEY: z.string().optional(),
  /** One OpenAI-compatible server (OpenAI, vLLM, Ollama…); takes precedence over DEEPINFRA_API_KEY. Default none. */
  LLM_BASE_URL: z.url("must be a URL").optional(),
  /** Key for LLM_BASE_URL. Default none (keyless local servers). */
  LLM_API_KEY: z.string().optional(),
  /** Model for LLM_BASE_URL or DeepInfra. Default deepseek-ai/DeepSeek-V3-0324. */
  LLM_MODEL: z.string().min(1).optional(),
  /** Provider name for LLM_BASE_URL. Default "llm". */
  LLM_PROVIDER_NAME: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, "may hold only letters, digits, _ and -").default("llm"),
  /** An ordered chain as JSON: [{ name, baseURL, apiKeyEnv, model, prices, timeoutSeconds, maxConcurrency, dailyBudgetUsd, jsonMode }]. Takes precedence over everything else. Default none. */
  LLM_PROVIDERS: jsonEnv(z.array(ProviderEntrySchema).min(1, "must list at least one provider").max(10)).optional(),
  /** The same chain in a JSON file. Default none. */
  LLM_PROVIDERS_FILE: z.string().min(1).optional(),
  /**
   * Price overrides by model id, JSON: { "model": { "input": 0.28, "output": 0.88, "cachedInput": 0.07 } }
   * in USD per 1M tokens; `cachedInput` prices prompt tokens the provider reports as cache hits
   * (default: the input price). Default none.
   */
  LLM_PRICES: jsonEnv(z.record(z.string(), PriceSchema)).optional(),
  /**
   * Spend per UTC day in USD across all replicas; reaching it switches new tasks to the built-in
   * agents. 0 = no limit. Default 25 (a leaked key or a task flood costs at most that a day).
   */
  LLM_DAILY_BUDGET_USD: envNumber(DEFAULT_DAILY_BUDGET_USD, 0, 1_000_000),
  /**
   * Spend per UTC day in USD for each tenant other than `default` (the task's tenant, from the
   * gateway); 0 = no tenant limit. Default 0. The global LLM_DAILY_BUDGET_USD still applies.
   */
  LLM_TENANT_DAILY_BUDGET_USD: envNumber(0, 0, 1_000_000),
  /** Per-tenant overrides, `acme=5,globex=0.5` (USD per day; `default=…` limits the default tenant). Default none. */
  LLM_TENANT_BUDGETS: z
    .string()
    .default("")
    .transform((v, ctx) => {
      const out: Record<string, number> = {};
      for (const part of v.split(",").map((x) => x.trim()).filter(Boolean)) {
        const m = /^([a-z0-9][a-z0-9_-]{0,39})=(\d+(?:\.\d+)?)$/.exec(part);
        if (!m) {
          ctx.addIssue({ code: "custom", message: `"${part}" is not <tenant>=<USD per day>` });
          return z.NEVER;
        }
        out[m[1]!] = Number(m[2]);
      }
      return out;
    }),
  /** NATS KV bucket that holds the day's spend. Default gardenos_llm_budget. */
  LLM_BUDGET_BUCKET: z.string().regex(/^[A-Za-z0-9_-]+$/, "may hold only letters, digits, _ and -").default("gardenos_llm_budget"),
  /** Completion tokens one call may produce. Default 1200. */
  LLM_MAX_TOKENS: envInt(1200, 16, 32_000),
  /** Sampling temperature. Default 0.2. */
  LLM_TEMPERATURE: envNumber(0.2, 0, 2),
  /** Milliseconds an open breaker waits before letting one trial call through (half-open). Default 30000. */
  LLM_BREAKER_RESET_MS: envInt(30_000, 10, 3_600_000),
  /** Failure percentage (within the window) that opens a breaker. Default 50. */
  LLM_BREAKER_ERROR_PERCENT: envInt(50, 1, 100),
  /** Calls in the window before a breaker may open. Default 4. */
  LLM_BREAKER_VOLUME: envInt(4, 1, 1000),
  /** Rolling window of the breaker statistics, in ms. Default 60000. */
  LLM_BREAKER_WINDOW_MS: envInt(60_000, 100, 3_600_000),
  /** Send lead.custom_fields to the model. Default false: free CRM columns may hold outcomes (e.g. "Tags"). */
  LLM_INCLUDE_CUSTOM_FIELDS: envBool(false),
  /**
   * Send the contact's e-mail address, phone number and full name to the provider. Default false:
   * the provider gets the first name, title, opt-outs, the e-mail's domain and whether a phone is
   * known, which is all scoring and writing use; the rest would only widen what leaves for a third party.
   */
  LLM_SEND_CONTACT: envBool(false),
  /**
   * What answers when the whole chain fails: "builtin" (the built-in agent, `degraded: true`) or
   * "none" (the attempt fails and is retried; after the last retry the task is dead-lettered, for
   * replay once the provider is back). Default builtin.
   */
  LLM_FALLBACK: z.enum(["builtin", "none"], { message: "must be builtin or none" }).default("builtin"),
});
export type LlmEnv = z.infer<typeof LlmEnvSchema>;

/** A provider ready to use: key resolved, price known (or not). */
export interface ProviderConfig {
  name: string;
  baseURL: string;
  apiKey: string | undefined;
  /** The variable the key came from (for messages; never the key). */
  apiKeyEnv: string | undefined;
  model: string;
  price: Price | undefined;
  timeoutSeconds: number | undefined;
  maxConcurrency: number;
  dailyBudgetUsd: number | undefined;
  jsonMode: boolean;
}

export interface BreakerSettings {
  resetTimeoutMs: number;
  errorThresholdPercentage: number;
  volumeThreshold: number;
  rollingCountTimeoutMs: number;
}

export interface LlmConfig {
  /** Empty: no LLM configured; the built-in agents work alone. */
  providers: ProviderConfig[];
  dailyBudgetUsd: number;
  /** A tenant's USD per day (undefined or 0: no tenant limit). */
  tenantDailyBudgetUsd: (tenant: string) => number | undefined;
  budgetBucket: string;
  maxTokens: number;
  temperature: number;
  breaker: BreakerSettings;
  includeCustomFields: boolean;
  sendContact: boolean;
  fallback: "builtin" | "none";
}

/**
 * Reads the LLM configuration from `env` (never from process.env directly): the chain from
 * LLM_PROVIDERS / LLM_PROVIDERS_FILE, else LLM_BASE_URL, else DEEPINFRA_API_KEY, else none.
 * Bad values throw a ConfigError naming the variable.
 */
export function loadLlmConfig(env: NodeJS.ProcessEnv): LlmConfig {
  const c = loadConfig(LlmEnvSchema, env);
  const prices = { ...DEFAULT_PRICES, ...(c.LLM_PRICES ?? {}) };
  let entries: ProviderEntry[] = [];
  if (c.LLM_PROVIDERS) entries = c.LLM_PROVIDERS;
  else if (c.LLM_PROVIDERS_FILE) entries = readProvidersFile(c.LLM_PROVIDERS_FILE);
  else if (c.LLM_BASE_URL) {
    entries = [{ name: c.LLM_PROVIDER_NAME, baseURL: c.LLM_BASE_URL, model: c.LLM_MODEL ?? DEEPINFRA.model, maxConcurrency: 8, jsonMode: true, ...(c.LLM_API_KEY ? { apiKeyEnv: "LLM_API_KEY" } : {}) }];
  } else if (c.DEEPINFRA_API_KEY) {
    entries = [{ name: DEEPINFRA.name, baseURL: DEEPINFRA.baseURL, apiKeyEnv: DEEPINFRA.keyEnv, model: c.LLM_MODEL ?? DEEPINFRA.model, maxConcurrency: 8, jsonMode: true }];
  }
  const names = new Set<string>();
  const providers = entries.map((p, i): ProviderConfig => {
    if (names.has(p.name)) throw new ConfigError(`Invalid configuration: LLM_PROVIDERS.${i}.name: "${p.name}" is used twice`);
    names.add(p.name);
    let apiKey: string | undefined;
    if (p.apiKeyEnv) {
      apiKey = env[p.apiKeyEnv] || undefined;
      if (!apiKey) throw new ConfigError(`Invalid configuration: ${p.apiKeyEnv}: is not set (provider "${p.name}" reads its key from it)`);
    }
    return {
      name: p.name,
      baseURL: p.baseURL.replace(/\/+$/, ""),
      apiKey,
      apiKeyEnv: p.apiKeyEnv,
      model: p.model,
      price: p.prices ?? prices[p.model],
      timeoutSeconds: p.timeoutSeconds,
      maxConcurrency: p.maxConcurrency,
      dailyBudgetUsd: p.dailyBudgetUsd,
      jsonMode: p.jsonMode,
    };
  });
  return {
    providers,
    dailyBudgetUsd: c.LLM_DAILY_BUDGET_USD,
    tenantDailyBudgetUsd: (tenant) => c.LLM_TENANT_BUDGETS[tenant] ?? (tenant === "default" ? undefined : c.LLM_TENANT_DAILY_BUDGET_USD || undefined),
    budgetBucket: c.LLM_BUDGET_BUCKET,
    maxTokens: c.LLM_MAX_TOKENS,
    temperature: c.LLM_TEMPERATURE,
    breaker: {
      resetTimeoutMs: c.LLM_BREAKER_RESET_MS,
      errorThresholdPercentage: c.LLM_BREAKER_ERROR_PERCENT,
      volumeThreshold: c.LLM_BREAKER_VOLUME,
      rollingCountTimeoutMs: c.LLM_BREAKER_WINDOW_MS,
    },
    includeCustomFields: c.LLM_INCLUDE_CUSTOM_FIELDS,
    sendContact: c.LLM_SEND_CONTACT,
    fallback: c.LLM_FALLBACK,
  };
}

function readProvidersFile(path: string): ProviderEntry[] {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, "utf8"));
  } catch (e) {
    throw new ConfigError(`Invalid configuration: LLM_PROVIDERS_FILE: cannot read ${path} as JSON (${e instanceof Error ? e.message : String(e)})`);
  }
  const list = Array.isArray(raw) ? raw : (raw as { providers?: unknown } | null)?.providers;
  const parsed = z.array(ProviderEntrySchema).min(1).max(10).safeParse(list);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `LLM_PROVIDERS_FILE (${path}) ${i.path.join(".") || "providers"}: ${i.message}`);
    throw new ConfigError(`Invalid configuration: ${problems.join("; ")}`);
  }
  return parsed.data;
}

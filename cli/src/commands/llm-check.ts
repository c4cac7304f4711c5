import { loadLlmConfig, Provider, ProviderCallError, type ProviderConfig } from "@gardenos/llm";

/** What `gardenos llm check` found for one provider of the chain. */
export interface LlmCheckRow {
  provider: string;
  model: string;
  base_url: string;
  ok: boolean;
  latency_ms?: number;
  prompt_tokens?: number;
  completion_tokens?: number;
  /** Of prompt_tokens, those the provider served from its prompt cache (when it reported any). */
  prompt_cache_hit_tokens?: number;
  cost_usd?: number;
  /** bad_key, unknown_model, unreachable, timeout, rate_limited, provider_error, refused, not_json */
  problem?: string;
  diagnosis?: string;
}

export interface LlmCheckReport {
  configured: boolean;
  rows: LlmCheckRow[];
}

const PROBLEM = {
  auth: "bad_key",
  not_found: "unknown_model",
  unreachable: "unreachable",
  timeout: "timeout",
  rate_limited: "rate_limited",
  server: "provider_error",
  bad_request: "refused",
  breaker_open: "provider_error",
  invalid_answer: "not_json",
  provider_budget: "refused",
} as const;

async function modelsOffered(p: Provider, timeoutMs: number): Promise<string[] | undefined> {
  try {
    const list = await p.client.models.list({ signal: AbortSignal.timeout(timeoutMs), maxRetries: 0 });
    return list.data.map((m) => m.id);
  } catch {
    return undefined;
  }
}

function diagnose(e: ProviderCallError, cfg: ProviderConfig, timeoutSeconds: number, offered: string[] | undefined): string {
  const text = diagnosis(e, cfg, timeoutSeconds, offered);
  // The operator's own check: the provider's words (secrets redacted) help, and go nowhere else.
  return e.detail && !text.includes(e.detail) ? `${text} — the provider says: ${e.detail}` : text;
}

function diagnosis(e: ProviderCallError, cfg: ProviderConfig, timeoutSeconds: number, offered: string[] | undefined): string {
  const host = new URL(cfg.baseURL).host;
  switch (e.kind) {
    case "auth":
      return `bad key: ${host} refused the key${cfg.apiKeyEnv ? ` in ${cfg.apiKeyEnv}` : " (none set)"} ${e.message.replace(/^the API key was refused /, "")}`;
    case "not_found":
      if (offered && !offered.includes(cfg.model)) {
        const some = offered.slice(0, 8).join(", ");
        return `unknown model "${cfg.model}" at ${host}${offered.length ? `; it offers: ${some}${offered.length > 8 ? ", …" : ""}` : ""}`;
      }
      return `not found at ${cfg.baseURL}: check the model name "${cfg.model}" and that the base URL is an OpenAI-compatible API (usually ending in /v1)`;
    case "unreachable":
      return `unreachable host ${host}: ${e.message.replace(/^cannot reach the provider /, "")}`;
    case "timeout":
      return `timeout: no answer from ${host} within ${timeoutSeconds} s`;
    case "rate_limited":
      return `rate limited by ${host}: the key works but is over its limit right now${e.retryAfterMs !== undefined ? ` (retry after ${Math.ceil(e.retryAfterMs / 1000)} s)` : ""}`;
    case "server":
      return `the provider failed: ${e.message}`;
    default:
      return e.message;
  }
}

/**
 * One small real call to every provider of the configured chain (from `env`): provider, model,
 * latency, tokens and cost, or a diagnosis in plain words.
 */
export async function llmCheck(env: NodeJS.ProcessEnv, o: { timeoutSeconds: number }): Promise<LlmCheckReport> {
  const config = loadLlmConfig(env);
  if (config.providers.length === 0) return { configured: false, rows: [] };
  const rows: LlmCheckRow[] = [];
  for (const cfg of config.providers) {
    const p = new Provider(cfg, { ...config.breaker, volumeThreshold: 1000 });
    const base = { provider: cfg.name, model: cfg.model, base_url: cfg.baseURL };
    try {
      const a = await p.chat(
        [
          { role: "system", content: 'You are a health check. Answer with the JSON object {"ok": true} and nothing else.' },
          { role: "user", content: "Are you there?" },
        ],
        { maxTokens: 20, temperature: 0, timeoutMs: o.timeoutSeconds * 1000, signal: new AbortController().signal },
      );
      let json = false;
      try {
        json = typeof JSON.parse(a.content.trim().replace(/^```\w*\s*|```$/g, "")) === "object";
      } catch {
        json = false;
      }
      rows.push({
        ...base,
        ok: true,
        latency_ms: a.latencyMs,
        prompt_tokens: a.promptTokens,
        completion_tokens: a.completionTokens,
        ...(a.cachedPromptTokens > 0 ? { prompt_cache_hit_tokens: a.cachedPromptTokens } : {}),
        cost_usd: a.costUsd,
        ...(json ? {} : { problem: PROBLEM.invalid_answer, diagnosis: "answered, but not with the JSON asked for; results will often need a repair call" }),
        ...(cfg.price ? {} : { diagnosis: `no price known for "${cfg.model}": cost counts as 0 (set LLM_PRICES)` }),
      });
    } catch (e) {
      if (!(e instanceof ProviderCallError)) throw e;
      const offered = e.kind === "not_found" ? await modelsOffered(p, o.timeoutSeconds * 1000) : undefined;
      rows.push({ ...base, ok: false, problem: PROBLEM[e.kind], diagnosis: diagnose(e, cfg, o.timeoutSeconds, offered) });
    } finally {
      p.close();
    }
  }
  return { configured: true, rows };
}

/** One line per provider: what a person reads (and a script can grep). */
export function llmCheckText(report: LlmCheckReport): string {
  return report.rows
    .map((r) => {
      const who = `${r.provider} (${r.model} at ${r.base_url})`;
      if (!r.ok) return `✗ ${who}: ${r.diagnosis ?? "failed"}`;
      const cached = r.prompt_cache_hit_tokens ? ` (${r.prompt_cache_hit_tokens} from the prompt cache)` : "";
      const tokens = `${r.prompt_tokens} prompt${cached} + ${r.completion_tokens} completion tokens`;
      return `✓ ${who}: ok in ${r.latency_ms} ms, ${tokens}, $${(r.cost_usd ?? 0).toFixed(6)}${r.diagnosis ? ` (${r.diagnosis})` : ""}`;
    })
    .join("\n");
}

export const NOT_CONFIGURED =
  "No LLM provider is configured: the built-in agents do the work. Set DEEPINFRA_API_KEY (DeepSeek-V3 on DeepInfra), or LLM_BASE_URL, LLM_MODEL and LLM_API_KEY for any OpenAI-compatible server, or LLM_PROVIDERS / LLM_PROVIDERS_FILE for a chain.";

import OpenAI from "openai";
import CircuitBreaker from "opossum";
import type { BreakerSettings, ProviderConfig } from "./config.js";
import { CallAbortedError, ProviderCallError, classify } from "./errors.js";
import { createHttpFetch } from "./http-fetch.js";
import { AdaptiveLimiter } from "./limiter.js";
import { costUsd } from "./prices.js";

export type BreakerState = "closed" | "open" | "half_open";

export interface ChatMessage {
  role: "system" | "user" | "assistant";
  content: string;
}

/** One answer from a provider, with what it cost. */
export interface ProviderAnswer {
  content: string;
  finishReason: string | null;
  promptTokens: number;
  completionTokens: number;
  /** Of `promptTokens`, those the provider served from its prompt cache (0 when it does not say). */
  cachedPromptTokens: number;
  /** True when the provider sent no `usage` and tokens were estimated from characters. */
  usageEstimated: boolean;
  costUsd: number;
  latencyMs: number;
}

export interface ProviderStatus {
  name: string;
  model: string;
  base_url: string;
  breaker: BreakerState;
  /** Failed calls in the breaker's rolling window (429s are not failures). */
  failures: number;
  /** The last failure's generic message (kind and HTTP status; never the provider's text). */
  last_error: string | null;
  last_error_at: string | null;
  concurrency_limit: number;
  max_concurrency: number;
  in_flight: number;
  rate_limited: number;
  /** Milliseconds left of a 429 pause. */
  paused_ms: number;
  priced: boolean;
}

/** Characters per token for estimates (English text with JSON runs at about 3.5–4). */
export const CHARS_PER_TOKEN = 3;

/**
 * Prompt tokens the provider served from its prompt cache, as it reports them: DeepSeek's
 * `usage.prompt_cache_hit_tokens`, or OpenAI's (and most compatible servers')
 * `usage.prompt_tokens_details.cached_tokens`; 0 when neither is there. Never more than the prompt.
 */
export function cacheHits(usage: unknown, promptTokens: number): number {
  const u = usage as { prompt_cache_hit_tokens?: unknown; prompt_tokens_details?: { cached_tokens?: unknown } | null } | null | undefined;
  const raw = u?.prompt_cache_hit_tokens ?? u?.prompt_tokens_details?.cached_tokens;
  const n = typeof raw === "number" && Number.isFinite(raw) ? Math.floor(raw) : 0;
  return Math.min(Math.max(0, n), promptTokens);
}

/**
 * One link of the chain: an openai client (its own retries off: retries are ours, through
 * redelivery; its requests over node:http keep-alive connections, see createHttpFetch), an
 * opossum breaker, and an adaptive concurrency limit.
 */
export class Provider {
  readonly client: OpenAI;
  readonly limiter: AdaptiveLimiter;
  private readonly breaker: CircuitBreaker<[() => Promise<ProviderAnswer>], ProviderAnswer>;
  private lastError: { message: string; at: number } | undefined;
  /** The SDK's fetch: node:http keep-alive agents (see createHttpFetch). */
  private readonly http = createHttpFetch();

  constructor(
    readonly config: ProviderConfig,
    breaker: BreakerSettings,
  ) {
    this.client = new OpenAI({
      baseURL: config.baseURL,
      // The SDK insists on a key; keyless local servers (Ollama, vLLM) ignore it.
      apiKey: config.apiKey ?? "none",
      maxRetries: 0,
      timeout: (config.timeoutSeconds ?? 600) * 1000,
      fetch: this.http.fetch,
    });
    this.limiter = new AdaptiveLimiter(config.maxConcurrency);
    this.breaker = new CircuitBreaker((call: () => Promise<ProviderAnswer>) => call(), {
      name: config.name,
      timeout: false, // deadlines are ours (AbortSignal per call)
      resetTimeout: breaker.resetTimeoutMs,
      errorThresholdPercentage: breaker.errorThresholdPercentage,
      volumeThreshold: breaker.volumeThreshold,
      rollingCountTimeout: breaker.rollingCountTimeoutMs,
      rollingCountBuckets: 10,
      // Not outages: rate limits (the limiter handles them) and calls our own caller cancelled.
      errorFilter: (e: unknown) => (e instanceof ProviderCallError && e.kind === "rate_limited") || e instanceof CallAbortedError,
    });
  }

  get name(): string {
    return this.config.name;
  }

  get breakerState(): BreakerState {
    if (this.breaker.halfOpen) return "half_open";
    if (this.breaker.opened) return "open";
    return "closed";
  }

  /** True when a call would be refused at once (open, not yet half-open). */
  get isOpen(): boolean {
    return this.breakerState === "open";
  }

  /**
   * One chat completion through the breaker. `signal` is the caller's (task deadline or
   * shutdown); `timeoutMs` is this call's own limit. Throws ProviderCallError or CallAbortedError.
   */
  async chat(messages: ChatMessage[], o: { maxTokens: number; temperature: number; timeoutMs: number; signal: AbortSignal }): Promise<ProviderAnswer> {
    const timeout = AbortSignal.timeout(Math.max(1, o.timeoutMs));
    const signal = AbortSignal.any([o.signal, timeout]);
    const call = async (): Promise<ProviderAnswer> => {
      const started = Date.now();
      try {
        const r = await this.client.chat.completions.create(
          {
            model: this.config.model,
            messages,
            max_tokens: o.maxTokens,
            temperature: o.temperature,
            ...(this.config.jsonMode ? { response_format: { type: "json_object" as const } } : {}),
          },
          { signal, maxRetries: 0, timeout: Math.max(1, o.timeoutMs) },
        );
        const choice = r.choices?.[0];
        const content = choice?.message?.content ?? "";
        const estimated = !r.usage;
        const promptTokens = r.usage?.prompt_tokens ?? Math.ceil(messages.reduce((n, m) => n + m.content.length, 0) / CHARS_PER_TOKEN);
        const completionTokens = r.usage?.completion_tokens ?? Math.ceil(content.length / CHARS_PER_TOKEN);
        const cachedPromptTokens = cacheHits(r.usage, promptTokens);
        return {
          content,
          finishReason: choice?.finish_reason ?? null,
          promptTokens,
          completionTokens,
          cachedPromptTokens,
          usageEstimated: estimated,
          costUsd: costUsd(this.config.price, promptTokens, completionTokens, cachedPromptTokens),
          latencyMs: Date.now() - started,
        };
      } catch (e) {
        if (o.signal.aborted && !timeout.aborted) throw new CallAbortedError("the task was cancelled", { cause: e });
        throw classify(e, this.name, timeout.aborted, [this.config.apiKey]);
      }
    };
    try {
      return await this.breaker.fire(call);
    } catch (e) {
      if (e instanceof ProviderCallError || e instanceof CallAbortedError) {
        if (e instanceof ProviderCallError && e.kind !== "rate_limited") this.lastError = { message: e.message, at: Date.now() };
        throw e;
      }
      if (e instanceof Error && (e as { code?: string }).code === "EOPENBREAKER") {
        throw new ProviderCallError("breaker_open", "breaker open (provider failing; skipped)", this.name, { cause: e });
      }
      throw classify(e, this.name, false, [this.config.apiKey]);
    }
  }

  status(): ProviderStatus {
    return {
      name: this.name,
      model: this.config.model,
      base_url: this.config.baseURL,
      breaker: this.breakerState,
      failures: this.breaker.stats.failures,
      last_error: this.lastError?.message ?? null,
      last_error_at: this.lastError ? new Date(this.lastError.at).toISOString() : null,
      concurrency_limit: this.limiter.limit,
      max_concurrency: this.limiter.max,
      in_flight: this.limiter.inFlight,
      rate_limited: this.limiter.rateLimited,
      paused_ms: this.limiter.pauseLeftMs(),
      priced: this.config.price !== undefined,
    };
  }

  close(): void {
    this.breaker.shutdown();
    this.limiter.close();
    this.http.close();
  }
}

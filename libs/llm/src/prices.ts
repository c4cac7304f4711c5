/**
 * Prices in US dollars per million tokens, by model id.
 *
 * Source and date: the providers' public price pages as last checked by the maintainers
 * (DeepInfra model pages, DeepSeek's "Models & Pricing", OpenAI's API pricing), 2025. Prices
 * change: override them per model with `LLM_PRICES` or per provider in `LLM_PROVIDERS`
 * (`prices: { input, output, cachedInput }`). A model with no known price costs 0 and is flagged
 * `priced: false` in the status, so spend is never silently under-counted without a trace.
 */
export interface Price {
  /** USD per 1M prompt tokens (cache misses). */
  input: number;
  /** USD per 1M completion tokens. */
  output: number;
  /**
   * USD per 1M prompt tokens the provider served from its prompt cache (DeepSeek
   * `prompt_cache_hit_tokens`, OpenAI `prompt_tokens_details.cached_tokens`). Absent: cache hits
   * are priced at `input` (never under-counted).
   */
  cachedInput?: number;
}

export const PRICE_TABLE_SOURCE = "provider price pages (DeepInfra, DeepSeek, OpenAI), 2025; override with LLM_PRICES";

export const DEFAULT_PRICES: Readonly<Record<string, Price>> = Object.freeze({
  // DeepInfra, deepseek-ai/DeepSeek-V3-0324 model page (2025).
  "deepseek-ai/DeepSeek-V3-0324": { input: 0.28, output: 0.88 },
  // DeepInfra, deepseek-ai/DeepSeek-V3 model page.
  "deepseek-ai/DeepSeek-V3": { input: 0.85, output: 0.9 },
  // DeepSeek's own API (deepseek-chat: cache miss, output, cache hit), api-docs.deepseek.com pricing page (2025).
  "deepseek-chat": { input: 0.56, output: 1.68, cachedInput: 0.07 },
  // OpenAI API pricing page (2025; "cached input").
  "gpt-4o-mini": { input: 0.15, output: 0.6, cachedInput: 0.075 },
  "gpt-4o": { input: 2.5, output: 10, cachedInput: 1.25 },
  "gpt-4.1-mini": { input: 0.4, output: 1.6, cachedInput: 0.1 },
});

/**
 * Cost in USD of one call. `cachedPromptTokens` (of `promptTokens`) are priced at the cache price
 * when the model has one, else at the input price.
 */
export function costUsd(price: Price | undefined, promptTokens: number, completionTokens: number, cachedPromptTokens = 0): number {
  if (!price) return 0;
  const cached = Math.min(Math.max(0, cachedPromptTokens), promptTokens);
  return ((promptTokens - cached) * price.input + cached * (price.cachedInput ?? price.input) + completionTokens * price.output) / 1_000_000;
}

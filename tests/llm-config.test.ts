import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { AdaptiveLimiter, Budget, DEFAULT_PRICES, MemorySpendStore, cacheHits, costUsd, loadLlmConfig, parseAnswer, isInvalidAnswer } from "@gardenos/llm";
import { LeadAnalysisResult } from "@gardenos/contracts";
import { isConfigError } from "@gardenos/runtime";

function configError(env: NodeJS.ProcessEnv): string {
  try {
    loadLlmConfig(env);
  } catch (e) {
    if (isConfigError(e)) return e.message;
    throw e;
  }
  throw new Error("expected a configuration error");
}

describe("LLM configuration from the environment", () => {
  it("with no key at all: no providers (the built-in agents work alone)", () => {
    expect(loadLlmConfig({}).providers).toEqual([]);
  });

  it("DEEPINFRA_API_KEY alone: DeepSeek-V3-0324 on DeepInfra, priced from the table", () => {
    const c = loadLlmConfig({ DEEPINFRA_API_KEY: "k" });
    expect(c.providers).toEqual([
      expect.objectContaining({ name: "deepinfra", baseURL: "https://api.deepinfra.com/v1/openai", model: "deepseek-ai/DeepSeek-V3-0324", apiKey: "k", price: DEFAULT_PRICES["deepseek-ai/DeepSeek-V3-0324"] }),
    ]);
  });

  it("LLM_BASE_URL, LLM_API_KEY, LLM_MODEL: any OpenAI-compatible server; prices overridable", () => {
    const c = loadLlmConfig({ LLM_BASE_URL: "http://localhost:11434/v1/", LLM_MODEL: "llama3.1", LLM_PRICES: '{"llama3.1":{"input":0,"output":0}}', DEEPINFRA_API_KEY: "ignored" });
    expect(c.providers).toEqual([expect.objectContaining({ name: "llm", baseURL: "http://localhost:11434/v1", model: "llama3.1", apiKey: undefined, price: { input: 0, output: 0 } })]);
  });

  it("prices prompt cache hits at the model's cache price (LLM_PRICES cachedInput), else at the input price", () => {
    const c = loadLlmConfig({ LLM_BASE_URL: "http://localhost:8000/v1", LLM_MODEL: "m", LLM_PRICES: '{"m":{"input":0.28,"output":0.42,"cachedInput":0.028}}' });
    const price = c.providers[0]!.price;
    expect(price).toEqual({ input: 0.28, output: 0.42, cachedInput: 0.028 });
    // 1,000 prompt tokens of which 800 cache hits, 100 completion tokens.
    expect(costUsd(price, 1000, 100, 800)).toBeCloseTo((200 * 0.28 + 800 * 0.028 + 100 * 0.42) / 1e6, 12);
    expect(costUsd({ input: 0.28, output: 0.42 }, 1000, 100, 800)).toBeCloseTo((1000 * 0.28 + 100 * 0.42) / 1e6, 12);
    expect(DEFAULT_PRICES["deepseek-chat"]!.cachedInput).toBeLessThan(DEFAULT_PRICES["deepseek-chat"]!.input);
    // What providers report: DeepSeek's field, OpenAI's, neither; never more than the prompt.
    expect(cacheHits({ prompt_tokens: 1000, prompt_cache_hit_tokens: 640, prompt_cache_miss_tokens: 360 }, 1000)).toBe(640);
    expect(cacheHits({ prompt_tokens: 1000, prompt_tokens_details: { cached_tokens: 512 } }, 1000)).toBe(512);
    expect(cacheHits({ prompt_tokens: 1000 }, 1000)).toBe(0);
    expect(cacheHits({ prompt_cache_hit_tokens: 5000 }, 1000)).toBe(1000);
    expect(configError({ LLM_PRICES: '{"m":{"input":1,"output":1,"cachedInput":-1}}' })).toMatch(/LLM_PRICES\.m\.cachedInput: must be at least 0/);
  });

  it("LLM_PROVIDERS / LLM_PROVIDERS_FILE: an ordered chain with keys from named variables", () => {
    const chain = [
      { name: "deepinfra", baseURL: "https://api.deepinfra.com/v1/openai", apiKeyEnv: "DI_KEY", model: "deepseek-ai/DeepSeek-V3-0324", maxConcurrency: 20, dailyBudgetUsd: 5 },
      { name: "openai", baseURL: "https://api.openai.com/v1", apiKeyEnv: "OA_KEY", model: "gpt-4o-mini", timeoutSeconds: 10 },
    ];
    const env = { DI_KEY: "a", OA_KEY: "b", LLM_DAILY_BUDGET_USD: "25" };
    const c = loadLlmConfig({ ...env, LLM_PROVIDERS: JSON.stringify(chain) });
    expect(c.providers.map((p) => [p.name, p.apiKey, p.maxConcurrency, p.timeoutSeconds, p.dailyBudgetUsd, p.price])).toEqual([
      ["deepinfra", "a", 20, undefined, 5, DEFAULT_PRICES["deepseek-ai/DeepSeek-V3-0324"]],
      ["openai", "b", 8, 10, undefined, DEFAULT_PRICES["gpt-4o-mini"]],
    ]);
    expect(c.dailyBudgetUsd).toBe(25);
    const dir = mkdtempSync(join(tmpdir(), "gardenos-llm-"));
    try {
      const file = join(dir, "providers.json");
      writeFileSync(file, JSON.stringify({ providers: chain }));
      expect(loadLlmConfig({ ...env, LLM_PROVIDERS_FILE: file }).providers.map((p) => p.name)).toEqual(["deepinfra", "openai"]);
      writeFileSync(file, JSON.stringify({ providers: [{ name: "x", baseURL: "not a url", model: "m" }] }));
      expect(configError({ LLM_PROVIDERS_FILE: file })).toMatch(/LLM_PROVIDERS_FILE \(.*providers\.json\) 0\.baseURL: must be a URL/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("refuses bad values, naming the variable", () => {
    expect(configError({ LLM_PROVIDERS: "[{" })).toMatch(/LLM_PROVIDERS: must be valid JSON/);
    expect(configError({ LLM_PROVIDERS: '[{"name":"a b","baseURL":"http://x","model":"m"}]' })).toMatch(/LLM_PROVIDERS\.0\.name: may hold only/);
    expect(configError({ LLM_PROVIDERS: '[{"name":"a","baseURL":"http://x","model":"m","apiKeyEnv":"MISSING_KEY"}]' })).toMatch(/MISSING_KEY: is not set/);
    expect(configError({ LLM_DAILY_BUDGET_USD: "lots" })).toMatch(/LLM_DAILY_BUDGET_USD: must be a number/);
    expect(configError({ LLM_BASE_URL: "localhost" })).toMatch(/LLM_BASE_URL: must be a URL/);
    expect(configError({ LLM_PRICES: '{"m":{"input":-1,"output":1}}' })).toMatch(/LLM_PRICES\.m\.input: must be at least 0/);
  });
});

describe("building blocks", () => {
  it("the limiter halves on 429, waits out Retry-After, and grows back with successes", async () => {
    const l = new AdaptiveLimiter(4);
    l.onRateLimited(300);
    expect(l.limit).toBe(2);
    const t0 = Date.now();
    expect(await l.acquire(Date.now() + 5000)).toBe(true);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(250);
    expect(await l.acquire(Date.now() + 5000)).toBe(true);
    expect(await l.acquire(Date.now() + 100)).toBe(false); // limit 2 reached: gives up at the deadline
    l.release();
    l.release();
    for (let i = 0; i < 2; i++) l.onSuccess();
    expect(l.limit).toBe(3);
    for (let i = 0; i < 3; i++) l.onSuccess();
    expect(l.limit).toBe(4);
    l.close();
  });

  it("the budget reserves the worst case of calls in flight, so concurrent calls cannot pass the limit", async () => {
    const b = new Budget(new MemorySpendStore(), { dailyUsd: 1, providerCaps: new Map() });
    const r1 = await b.reserve("p", 0.4);
    const r2 = await b.reserve("p", 0.4);
    const r3 = await b.reserve("p", 0.4);
    expect([r1.ok, r2.ok, r3.ok]).toEqual([true, true, false]);
    if (r1.ok) await b.commit(r1.reservation, 0.1);
    expect((await b.reserve("p", 0.4)).ok).toBe(true); // 0.1 spent + 0.4 + 0.4 in flight
    expect(b.status()).toMatchObject({ spent_usd: 0.1, limit_usd: 1, remaining_usd: 0.9 });
  });

  it("answers: bare or fenced JSON passes the schema; anything else is refused with every problem listed", () => {
    const good = { lead_quality_score: 7, conversion_probability: 55, recommended_action: "Call", follow_up_timeline: "This week", key_insights: ["x"], top_positive_factors: [], top_negative_factors: [] };
    expect(parseAnswer("```json\n" + JSON.stringify(good) + "\n```", "stop", LeadAnalysisResult)).toEqual(good);
    const bad = (() => {
      try {
        parseAnswer(JSON.stringify({ ...good, lead_quality_score: 7.5, conversion_probability: -3 }), "stop", LeadAnalysisResult);
      } catch (e) {
        return e;
      }
    })();
    expect(isInvalidAnswer(bad) && bad.problems.length).toBe(2);
  });
});

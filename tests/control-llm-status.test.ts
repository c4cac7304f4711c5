import { afterAll, beforeAll, describe, expect, it } from "vitest";
// @ts-expect-error -- the package ships no types
import parsePrometheusTextFormat from "parse-prometheus-text-format";
import { api, until } from "./helpers/control.js";
import { providersEnv, startFakeLlm, type FakeLlm } from "./helpers/fake-llm.js";
import { sampleLead, startStack, waitForTask, type TestStack } from "./helpers/stack.js";

const sample = (text: string, name: string, labels: Record<string, string>): number => {
  const fam = (parsePrometheusTextFormat(text) as { name: string; metrics: { labels?: Record<string, string>; value?: string }[] }[]).find((f) => f.name === name);
  return Number(fam?.metrics.find((m) => Object.entries(labels).every(([k, v]) => m.labels?.[k] === v))?.value ?? NaN);
};

/** Status, agents and Prometheus with the real LLM agents against a fake OpenAI-compatible server. */
describe("LLM figures in status, agents and /metrics: tokens, cost, budget, breakers, degraded mode", () => {
  let provider: FakeLlm;
  let stack: TestStack;

  beforeAll(async () => {
    provider = await startFakeLlm();
    stack = await startStack({
      env: {
        LLM_PROVIDERS: providersEnv([{ name: "only", fake: provider, prices: { input: 1000, output: 1000 } }]),
        LLM_DAILY_BUDGET_USD: "100",
        LLM_MAX_TOKENS: "200",
        LEAD_ANALYSIS_AGENTS: "1",
        LEAD_ANALYSIS_TIMEOUT: "3",
        LLM_BREAKER_VOLUME: "2",
        LLM_BREAKER_ERROR_PERCENT: "50",
        LLM_BREAKER_RESET_MS: "60000",
      },
    });
    await until(() => api(stack.url, "GET", "/ai/health"), (r) => r.status === 200, 20_000, "healthy stack");
  });
  afterAll(async () => {
    await stack?.stop();
    await provider?.close();
  });

  async function analyze(id: string) {
    const r = await api(stack.url, "POST", "/ai/analyze-lead", { lead: { ...sampleLead, id } });
    expect(r.status).toBe(202);
    return waitForTask(stack.url, r.json.task_id, 30_000);
  }

  it("counts tokens and cost today, shows the budget left and closed breakers", async () => {
    // The second call's prompt prefix is a cache hit at the provider (DeepSeek's usage field).
    provider.queue({ kind: "ok" }, { kind: "ok", usage: { prompt_tokens: 1000, completion_tokens: 200, prompt_cache_hit_tokens: 300 } });
    for (const id of ["llm-1", "llm-2"]) expect(await analyze(id)).toMatchObject({ status: "completed", degraded: false });
    const s = await until(
      () => api(stack.url, "GET", "/ai/status"),
      // The budget comes with the next heartbeat, the cost with the result events: wait for both.
      (r) => r.json?.types?.lead_analysis?.completed_today >= 2 && Math.abs(r.json.types.lead_analysis.budget_left_usd - (100 - r.json.types.lead_analysis.cost_usd_today)) < 1e-4,
      10_000,
      "LLM figures in status",
    );
    const t = s.json.types.lead_analysis;
    expect(t.tokens_today.prompt).toBeGreaterThan(0);
    expect(t.tokens_today.completion).toBeGreaterThan(0);
    expect(t.tokens_today.prompt_cache_hit).toBe(300);
    expect(t.cost_usd_today).toBeGreaterThan(0);
    expect(t.budget_left_usd).toBeCloseTo(100 - t.cost_usd_today, 4);
    expect(t).toMatchObject({ breakers: { only: "closed" }, degraded_mode: false, degraded_today: 0 });
    const text = await (await fetch(`${stack.url}/metrics`)).text();
    expect(sample(text, "gardenos_llm_tokens_total", { type: "lead_analysis", kind: "prompt" })).toBe(t.tokens_today.prompt);
    expect(sample(text, "gardenos_llm_prompt_cache_hit_tokens_total", { type: "lead_analysis" })).toBe(300);
    expect(sample(text, "gardenos_llm_cost_usd_total", { type: "lead_analysis" })).toBeCloseTo(t.cost_usd_today, 6);
    expect(sample(text, "gardenos_breaker_state", { type: "lead_analysis", provider: "only" })).toBe(0);
    expect(sample(text, "gardenos_llm_budget_left_usd", { type: "lead_analysis" })).toBeCloseTo(t.budget_left_usd, 4);
  });

  it("shows an open breaker and degraded mode when the provider fails, in status, agents and /metrics", async () => {
    provider.setDefault({ kind: "status", status: 503 });
    // Failures until the breaker opens (its window also holds the earlier successes).
    let i = 0;
    const s = await until(
      async () => {
        expect(await analyze(`llm-down-${i++}`)).toMatchObject({ status: "completed", degraded: true });
        return api(stack.url, "GET", "/ai/status");
      },
      (r) => r.json?.types?.lead_analysis?.breakers?.only === "open",
      20_000,
      "open breaker in status",
    );
    expect(s.json).toMatchObject({ orchestrator_status: "degraded", types: { lead_analysis: { degraded_mode: true } } });
    expect(s.json.types.lead_analysis.degraded_today).toBeGreaterThanOrEqual(2);
    const agent = await api(stack.url, "GET", "/ai/agents/lead-analysis-0/metrics");
    expect(agent.json.breaker).toEqual({ only: "open" });
    const all = await api(stack.url, "GET", "/ai/agents?type=lead_analysis");
    expect(all.json.agents[0]).toMatchObject({ agent_id: "lead-analysis-0", state: "running" });
    // The public /metrics is cached for a second: the open breaker shows within that.
    let text = "";
    const deadline = Date.now() + 5000;
    do {
      text = await (await fetch(`${stack.url}/metrics`)).text();
      if (sample(text, "gardenos_breaker_state", { type: "lead_analysis", provider: "only" }) === 2) break;
      await new Promise((r) => setTimeout(r, 200));
    } while (Date.now() < deadline);
    expect(sample(text, "gardenos_breaker_state", { type: "lead_analysis", provider: "only" })).toBe(2);
    expect(sample(text, "gardenos_degraded_mode", { type: "lead_analysis" })).toBe(1);
    expect(sample(text, "gardenos_tasks_degraded_total", { type: "lead_analysis" })).toBeGreaterThanOrEqual(2);
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLeadAnalysis } from "@gardenos/lead-analysis";
import type { ServiceHandle } from "@gardenos/runtime";
import { providersEnv, startFakeLlm, type FakeLlm } from "./helpers/fake-llm.js";
import { watchHeartbeats } from "./helpers/heartbeats.js";
import { postJson, sampleLead, startStack, waitForTask, type TestStack } from "./helpers/stack.js";

// Expensive fake prices so a few calls reach the budget: 1000 prompt + 200 completion tokens
// at $1000 per 1M tokens each way = $1.20 per call.
const PRICES = { input: 1000, output: 1000 };

async function analyzeAll(stack: TestStack, prefix: string, n: number, concurrent = false) {
  const run = async (i: number) => {
    const r = await postJson(`${stack.url}/ai/analyze-lead`, { lead: { ...sampleLead, id: `${prefix}-${i}` } });
    expect(r.status).toBe(202);
    return waitForTask(stack.url, r.json.task_id, 30_000);
  };
  if (concurrent) return Promise.all(Array.from({ length: n }, (_, i) => run(i)));
  const out = [];
  for (let i = 0; i < n; i++) out.push(await run(i));
  return out;
}

describe("daily budget: switch to the built-in agents, never overspend", () => {
  let provider: FakeLlm;
  let stack: TestStack;
  let replica2: ServiceHandle | undefined;
  let beats: Awaited<ReturnType<typeof watchHeartbeats>>;

  beforeAll(async () => {
    provider = await startFakeLlm();
    stack = await startStack({
      env: {
        LLM_PROVIDERS: providersEnv([{ name: "paid", fake: provider, prices: PRICES }]),
        LLM_DAILY_BUDGET_USD: "6",
        LLM_MAX_TOKENS: "200",
        LEAD_ANALYSIS_TIMEOUT: "5",
      },
    });
    beats = await watchHeartbeats(stack.nats.url);
  });
  afterAll(async () => {
    await beats?.close();
    await replica2?.stop();
    await stack?.stop();
    await provider?.close();
  });

  it("answers with the LLM until the budget is reached, then with the built-in agent marked degraded: budget", async () => {
    const tasks = await analyzeAll(stack, "bud", 7);
    const llm = tasks.filter((t) => t.provider === "paid");
    const builtin = tasks.filter((t) => t.provider === "builtin");
    expect(llm.length).toBeGreaterThanOrEqual(2);
    expect(builtin.length).toBeGreaterThanOrEqual(1);
    // Once switched, it stays switched for the day: the LLM answers come first.
    expect(tasks.findIndex((t) => t.provider === "builtin")).toBe(llm.length);
    for (const t of builtin) expect(t).toMatchObject({ status: "completed", degraded: true, degraded_reason: "budget", model: "builtin-heuristic", cost_usd: 0 });
    const spent = tasks.reduce((s, t) => s + t.cost_usd, 0);
    expect(spent).toBeCloseTo(llm.length * 1.2, 6);
    expect(spent).toBeLessThanOrEqual(6);
    expect(provider.chats()).toHaveLength(llm.length);

    // Status (on every heartbeat) shows the spend and what is left.
    const h = await beats.waitFor("lead_analysis", (s) => Math.abs(s.budget.spent_usd - spent) < 1e-6);
    expect(h.budget).toMatchObject({ limit_usd: 6, day: new Date().toISOString().slice(0, 10) });
    expect(h.budget.remaining_usd).toBeCloseTo(6 - spent, 6);
  });

  it("holds across replicas: a second replica reads the same day's spend from NATS KV", async () => {
    replica2 = await startLeadAnalysis({ ...stack.env, REPLICA_ID: "second" });
    const before = provider.chats().length;
    const tasks = await analyzeAll(stack, "bud-r2", 6, true);
    expect(tasks.every((t) => t.status === "completed" && t.provider === "builtin" && t.degraded_reason === "budget")).toBe(true);
    expect(provider.chats().length).toBe(before);
  });
});

describe("per-provider cap: the capped provider is skipped, the next one answers", () => {
  let capped: FakeLlm;
  let other: FakeLlm;
  let stack: TestStack;

  beforeAll(async () => {
    capped = await startFakeLlm();
    other = await startFakeLlm();
    stack = await startStack({
      env: {
        LLM_PROVIDERS: providersEnv([
          { name: "capped", fake: capped, prices: PRICES, dailyBudgetUsd: 3 },
          { name: "other", fake: other, prices: { input: 1, output: 1 } },
        ]),
        LLM_MAX_TOKENS: "200",
        LEAD_ANALYSIS_TIMEOUT: "5",
      },
    });
  });
  afterAll(async () => {
    await stack?.stop();
    await capped?.close();
    await other?.close();
  });

  it("uses the capped provider until its cap, then the next link, not degraded", async () => {
    const tasks = await analyzeAll(stack, "cap", 4);
    const first = tasks.filter((t) => t.provider === "capped");
    expect(first.length).toBeGreaterThanOrEqual(1);
    expect(first.reduce((s, t) => s + t.cost_usd, 0)).toBeLessThanOrEqual(3);
    const rest = tasks.slice(first.length);
    expect(rest.length).toBeGreaterThanOrEqual(1);
    for (const t of rest) expect(t).toMatchObject({ status: "completed", provider: "other", degraded: false });
  });
});

describe("a tenant's daily LLM budget next to the global one", () => {
  let provider: FakeLlm;
  let stack: TestStack;
  const ACME = "acme-budget-key-0123456789";
  const GLOBEX = "globex-budget-key-0123456789";

  beforeAll(async () => {
    provider = await startFakeLlm();
    stack = await startStack({
      env: {
        LLM_PROVIDERS: providersEnv([{ name: "paid", fake: provider, prices: PRICES }]),
        LLM_DAILY_BUDGET_USD: "100",
        // acme: $3 a day (two $1.20 calls); every other tenant $10.
        LLM_TENANT_DAILY_BUDGET_USD: "10",
        LLM_TENANT_BUDGETS: "acme=3",
        LLM_MAX_TOKENS: "200",
        LEAD_ANALYSIS_TIMEOUT: "5",
        GARDENOS_API_KEYS: `acme:${ACME},globex:${GLOBEX}`,
      },
    });
  });
  afterAll(async () => {
    await stack?.stop();
    await provider?.close();
  });

  async function analyze(key: string, id: string) {
    const r = await postJson(`${stack.url}/ai/analyze-lead`, { lead: { ...sampleLead, id } }, { authorization: `Bearer ${key}` });
    expect(r.status).toBe(202);
    const deadline = Date.now() + 30_000;
    for (;;) {
      const t = await fetch(`${stack.url}/ai/tasks/${r.json.task_id}`, { headers: { authorization: `Bearer ${key}` } });
      const body = (await t.json()) as Record<string, any>;
      if (body.status === "completed" || body.status === "failed") return body;
      if (Date.now() > deadline) throw new Error(`task ${r.json.task_id} did not finish`);
      await new Promise((res) => setTimeout(res, 50));
    }
  }

  it("switches only that tenant to the built-in agent (degraded: tenant_budget); other tenants keep the LLM", async () => {
    const acme = [];
    for (let i = 0; i < 4; i++) acme.push(await analyze(ACME, `acme-b-${i}`));
    expect(acme.slice(0, 2).map((t) => t.provider)).toEqual(["paid", "paid"]);
    for (const t of acme.slice(2)) expect(t).toMatchObject({ status: "completed", provider: "builtin", degraded: true, degraded_reason: "tenant_budget", cost_usd: 0 });
    expect(acme.reduce((s, t) => s + t.cost_usd, 0)).toBeLessThanOrEqual(3);
    // globex has its own $10: still the LLM.
    const globex = await analyze(GLOBEX, "globex-b-0");
    expect(globex).toMatchObject({ status: "completed", provider: "paid", degraded: false });
  });
});

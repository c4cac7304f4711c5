import { describe, expect, it } from "vitest";
import { LeadAnalysisResult } from "@gardenos/contracts";
import { leadAnalysisPrompt } from "@gardenos/lead-analysis";
import { LlmChain, loadLlmConfig } from "@gardenos/llm";
import { sampleLead } from "./helpers/stack.js";

/**
 * Opt-in: one real call to DeepInfra (DeepSeek-V3-0324) through the chain, when DEEPINFRA_API_KEY
 * is set. Without a key it says so and checks nothing else.
 */
describe("the real provider (opt-in)", () => {
  it("scores a lead with DeepSeek-V3 on DeepInfra: a valid result with tokens and cost", async (ctx) => {
    const key = process.env.DEEPINFRA_API_KEY;
    if (!key) {
      ctx.annotate("not run: set DEEPINFRA_API_KEY to call the real provider");
      console.info("[llm-real-provider] not run: DEEPINFRA_API_KEY is not set (this test calls api.deepinfra.com)");
      return;
    }
    const chain = new LlmChain(loadLlmConfig({ DEEPINFRA_API_KEY: key, ...(process.env.LLM_MODEL ? { LLM_MODEL: process.env.LLM_MODEL } : {}) }));
    try {
      const { system, user } = leadAnalysisPrompt({ lead: sampleLead }, { includeCustomFields: false });
      const r = await chain.run({ system, user, schema: LeadAnalysisResult, signal: AbortSignal.timeout(60_000), deadline: Date.now() + 55_000 });
      if (!r.ok) throw new Error(`the real provider failed: ${r.message}`);
      expect(r.provider).toBe("deepinfra");
      expect(LeadAnalysisResult.parse(r.value)).toEqual(r.value);
      expect(r.usage.prompt_tokens).toBeGreaterThan(100);
      expect(r.usage.completion_tokens).toBeGreaterThan(10);
      expect(r.costUsd).toBeGreaterThan(0);
      console.info(`[llm-real-provider] ${r.model}: score ${r.value.lead_quality_score}, p=${r.value.conversion_probability} %, ${r.usage.prompt_tokens}+${r.usage.completion_tokens} tokens, $${r.costUsd.toFixed(6)}`);
    } finally {
      chain.close();
    }
  }, 90_000);
});

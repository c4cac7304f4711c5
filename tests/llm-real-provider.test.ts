import { describe, expect, it } from "vitest";
import { LeadAnalysisResult } from "@gardenos/contracts";
import { leadAnalysisPrompt } from "@gardenos/lead-analysis";
import { LlmChain, loadLlmConfig } from "@gardenos/llm";
import { sampleLead } from "./helpers/stack.js";

/**
 * Opt-in: one real call to DeepInfra (DeepSeek-V3-0324) through the chain, when DEEPINFRA_API_KEY
 * is set. Without a key the test is reported as skipped, with the reason printed once.
 */
const key = process.env.DEEPINFRA_API_KEY;
if (!key) console.info("[llm-real-provider] skipped: DEEPINFRA_API_KEY is not set (set it to make one real call to api.deepinfra.com)");

describe.skipIf(!key)("the real provider (opt-in: DEEPINFRA_API_KEY)", () => {
  it("scores a lead with DeepSeek-V3 on DeepInfra: a plausible score with tokens and cost", async () => {
    const chain = new LlmChain(loadLlmConfig({ DEEPINFRA_API_KEY: key!, ...(process.env.LLM_MODEL ? { LLM_MODEL: process.env.LLM_MODEL } : {}) }));
    try {
      const { system, user } = leadAnalysisPrompt({ lead: sampleLead }, { includeCustomFields: false });
      // The chain validates the answer against LeadAnalysisResult; what is left to check is what
      // the model said about this lead.
      const r = await chain.run({ system, user, schema: LeadAnalysisResult, signal: AbortSignal.timeout(60_000), deadline: Date.now() + 55_000 });
      if (!r.ok) throw new Error(`the real provider failed: ${r.message}`);
      expect(r.provider).toBe("deepinfra");
      // A referred VP of Operations with approved budget who asked for a demo is a good lead.
      expect(r.value.lead_quality_score).toBeGreaterThanOrEqual(6);
      expect(r.value.conversion_probability).toBeGreaterThanOrEqual(40);
      expect(r.usage.prompt_tokens).toBeGreaterThan(100);
      expect(r.usage.completion_tokens).toBeGreaterThan(10);
      expect(r.costUsd).toBeGreaterThan(0);
      console.info(`[llm-real-provider] ${r.model}: score ${r.value.lead_quality_score}, p=${r.value.conversion_probability} %, ${r.usage.prompt_tokens}+${r.usage.completion_tokens} tokens, $${r.costUsd.toFixed(6)}`);
    } finally {
      chain.close();
    }
  }, 90_000);
});

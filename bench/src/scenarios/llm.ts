import type { ScenarioContext, ScenarioResult } from "./types.js";

/** LLM-bound efficiency: pending until the LLM agents (libs/llm) are wired into lead-analysis. */
export async function llm(ctx: ScenarioContext): Promise<ScenarioResult> {
  ctx.log("  pending: the lead-analysis service has no LLM agent to point at a fake OpenAI server yet");
  return { scenario: "llm", params: {}, targets: { "≥ 97 % of 250 tasks/s": "pending" }, text: "pending (LLM agents not landed)" };
}

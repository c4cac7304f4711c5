import { EmailClassificationResult, EmailClassifyEvent, type EmailClassificationResult as Result, type EmailClassifyEvent as Event } from "@gardenos/contracts";
import { startAgentServiceWithLlm } from "@gardenos/llm";
import type { AgentHandler, AgentService, Logger } from "@gardenos/runtime";

export const BUILTIN_MODEL = "builtin-classifier";

/** The built-in classifier (placeholder until the rules and the trained model land). */
export const builtinEmailClassification: AgentHandler<Event, Result> = {
  type: "email_classification",
  eventSchema: EmailClassifyEvent,
  resultSchema: EmailClassificationResult,
  async process() {
    return {
      result: { category: "question", confidence: 0.1, sentiment: "neutral", urgency: 5, route: "sales", suggested_action: "Read the e-mail and answer it.", found: {} },
      model: BUILTIN_MODEL,
      provider: "builtin",
      degraded: false,
      usage: { prompt_tokens: 0, completion_tokens: 0 },
      costUsd: 0,
    };
  },
  status: () => ({ mode: "builtin", providers: [] }),
};

export async function startEmailClassification(env: NodeJS.ProcessEnv = process.env, logger?: Logger): Promise<AgentService<Event, Result>> {
  return startAgentServiceWithLlm({ builtin: builtinEmailClassification, llm: () => builtinEmailClassification }, env, logger);
}

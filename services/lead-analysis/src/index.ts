import {
  LeadAnalysisResult,
  LeadAnalyzeEvent,
  type LeadAnalysisResult as Result,
  type LeadAnalyzeEvent as Event,
} from "@gardenos/contracts";
import { startAgentService, type AgentHandler, type AgentService, type Logger } from "@gardenos/runtime";
import { scoreLead } from "./heuristic.js";

export { scoreLead };

/** The built-in lead-analysis agent: the multi-factor heuristic scorer, no network needed. */
export const builtinLeadAnalysis: AgentHandler<Event, Result> = {
  type: "lead_analysis",
  eventSchema: LeadAnalyzeEvent,
  resultSchema: LeadAnalysisResult,
  async process(event) {
    return {
      result: scoreLead(event.lead),
      model: "builtin-heuristic",
      provider: "builtin",
      degraded: false,
      usage: { prompt_tokens: 0, completion_tokens: 0 },
      costUsd: 0,
    };
  },
};

/** Starts the lead-analysis service (config from `env`). */
export function startLeadAnalysis(env: NodeJS.ProcessEnv = process.env, logger?: Logger): Promise<AgentService<Event, Result>> {
  return startAgentService(builtinLeadAnalysis, env, logger);
}

import {
  FollowUpGenerateEvent,
  FollowUpResult,
  type FollowUpGenerateEvent as Event,
  type FollowUpResult as Result,
} from "@gardenos/contracts";
import { startAgentService, type AgentHandler, type AgentService, type Logger } from "@gardenos/runtime";
import { writeFollowUp } from "./template-writer.js";

export { writeFollowUp };

/** The built-in follow-up agent: the template writer, no network needed. */
export const builtinFollowUp: AgentHandler<Event, Result> = {
  type: "follow_up",
  eventSchema: FollowUpGenerateEvent,
  resultSchema: FollowUpResult,
  async process(event) {
    return {
      result: writeFollowUp({
        lead: event.lead,
        ...(event.context ? { context: event.context } : {}),
        ...(event.history ? { history: event.history } : {}),
      }),
      model: "builtin-template",
      provider: "builtin",
      degraded: false,
      usage: { prompt_tokens: 0, completion_tokens: 0 },
      costUsd: 0,
    };
  },
};

/** Starts the follow-up service (config from `env`). */
export function startFollowUp(env: NodeJS.ProcessEnv = process.env, logger?: Logger): Promise<AgentService<Event, Result>> {
  return startAgentService(builtinFollowUp, env, logger);
}

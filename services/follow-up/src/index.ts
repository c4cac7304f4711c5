import {
  followUpMessageId,
  FollowUpGenerateEvent,
  FollowUpResult,
  type FollowUpGenerateEvent as Event,
  type FollowUpResult as Result,
} from "@gardenos/contracts";
import { asksNotToBeEmailed } from "@gardenos/lead-features";
import { builtinOutput, createLlmHandler, startAgentServiceWithLlm, type LlmChain } from "@gardenos/llm";
import { UnrecoverableError, type AgentHandler, type AgentService, type Logger } from "@gardenos/runtime";
import { completeFollowUp, followUpAnswerSchema, followUpPrompt } from "./prompt.js";
import { checkFollowUp, loadOutputPolicy, type OutputPolicy } from "./policy.js";
import { writeFollowUp } from "./template-writer.js";
import { withContactCheck } from "./contact-check.js";
import { applyVariantToDraft, applyVariantToPrompt, withVariantTag } from "./variant.js";
export { PHRASEBOOKS } from "./phrases/index.js";

export { writeFollowUp, languageFor, type WriteFollowUpInput } from "./template-writer.js";
export { withContactCheck };
export { applyOutputPolicy, checkFollowUp, loadOutputPolicy, policyConfigShape, LINK_REMOVED, type OutputPolicy } from "./policy.js";
export { followUpPrompt, followUpAnswerSchema, completeFollowUp, historyForPrompt, leadForWriting, FOLLOW_UP_SYSTEM_PROMPT, FOLLOW_UP_MAX_WORDS } from "./prompt.js";
export { applyVariantToDraft, applyVariantToPrompt, withVariantTag, fillVariantText } from "./variant.js";

export const BUILTIN_MODEL = "builtin-template";

function builtinWrite(event: Event): Result {
  const draft = writeFollowUp({
    lead: event.lead,
    ...(event.context ? { context: event.context } : {}),
    ...(event.history ? { history: event.history } : {}),
    ...(event.created_at ? { now: new Date(event.created_at) } : {}),
  });
  // The A/B variant hook (variant.ts): its subject and P.S. line, when the task carries one.
  return applyVariantToDraft(draft, event.variant, event.lead);
}

/** The built-in follow-up agent: the template writer, no network needed. */
export const builtinFollowUp: AgentHandler<Event, Result> = {
  type: "follow_up",
  eventSchema: FollowUpGenerateEvent,
  resultSchema: FollowUpResult,
  async process(event) {
    return builtinOutput(builtinWrite(event), BUILTIN_MODEL);
  },
  status: () => ({ mode: "builtin", providers: [] }),
};

/** The LLM follow-up agent: the provider chain, then the template writer (degraded). */
export function llmFollowUp(chain: LlmChain, o: { timeoutSeconds: number; maxAttempts: number; includeCustomFields: boolean; sendContact?: boolean; fallback?: "builtin" | "none" }): AgentHandler<Event, Result> {
  return createLlmHandler({
    type: "follow_up",
    eventSchema: FollowUpGenerateEvent,
    resultSchema: FollowUpResult,
    chain,
    prompt: (event) => applyVariantToPrompt(followUpPrompt(event, { includeCustomFields: o.includeCustomFields, sendContact: o.sendContact ?? false }), event.variant),
    // The model writes subject and body; full_message is built from them.
    answerSchema: followUpAnswerSchema,
    complete: (answer): Result => completeFollowUp(answer),
    builtin: builtinWrite,
    builtinModel: BUILTIN_MODEL,
    timeoutSeconds: o.timeoutSeconds,
    maxAttempts: o.maxAttempts,
    ...(o.fallback ? { fallback: o.fallback } : {}),
  });
}

/**
 * A follow-up agent whose every result — the LLM's, the built-in writer's, a degraded fallback's —
 * goes through the output policy (policy.ts) before it is published.
 */
export function withOutputPolicy(handler: AgentHandler<Event, Result>, policy: OutputPolicy): AgentHandler<Event, Result> {
  return {
    type: handler.type,
    eventSchema: handler.eventSchema,
    resultSchema: handler.resultSchema,
    async process(event, ctx) {
      const out = await handler.process(event, ctx);
      const result = { ...checkFollowUp(out.result, event.lead, policy), message_id: followUpMessageId(ctx.taskId) };
      if (result.review_required) ctx.log.info({ review_reasons: result.review_reasons, removed_links: result.removed_links?.length ?? 0 }, "follow-up held for review");
      return { ...out, result };
    },
    ...(handler.status ? { status: () => handler.status!() } : {}),
  };
}

/**
 * A contact who asked not to be e-mailed (`contact.do_not_email: true`, or a context or notes that
 * say so: "asked to be removed from our list", "unsubscribed", "hat sich abgemeldet") gets no
 * e-mail: the task fails at once, without retries and before any writer runs (no text, no LLM
 * call), with ERR_DO_NOT_EMAIL naming the field.
 */
export function withContactRules(handler: AgentHandler<Event, Result>): AgentHandler<Event, Result> {
  return {
    type: handler.type,
    eventSchema: handler.eventSchema,
    resultSchema: handler.resultSchema,
    async process(event, ctx) {
      if (event.lead.contact?.do_not_email === true) {
        throw new UnrecoverableError("The contact asked not to be e-mailed (lead.contact.do_not_email is true); no e-mail was written", "ERR_DO_NOT_EMAIL", {
          issues: [{ path: "lead.contact.do_not_email", message: "is true: the contact asked not to be e-mailed" }],
        });
      }
      // The salesperson's note or the CRM's notes may say it where the flag does not ("asked to be removed from our list").
      const said = asksNotToBeEmailed(event.context) ? "context" : asksNotToBeEmailed(event.lead.notes) ? "lead.notes" : undefined;
      if (said) {
        throw new UnrecoverableError(`The contact asked not to be e-mailed (${said} says so); no e-mail was written`, "ERR_DO_NOT_EMAIL", {
          issues: [{ path: said, message: "says the contact asked not to be e-mailed (unsubscribed, opted out, asked to be removed)" }],
        });
      }
      return handler.process(event, ctx);
    },
    ...(handler.status ? { status: () => handler.status!() } : {}),
  };
}

/** The agent the service runs around a writer (built-in or LLM): contact rules first, the output policy on every result. */
export function followUpAgent(handler: AgentHandler<Event, Result>, policy: OutputPolicy): AgentHandler<Event, Result> {
  return withOutputPolicy(withContactRules(handler), policy);
}

/**
 * Starts the follow-up service (config from `env`): LLM agents when a provider is configured
 * (DEEPINFRA_API_KEY, LLM_BASE_URL or LLM_PROVIDERS), else the built-in template writer; either
 * way behind the output policy (SENDER_DOMAINS).
 */
export async function startFollowUp(env: NodeJS.ProcessEnv = process.env, logger?: Logger): Promise<AgentService<Event, Result>> {
  const policy = loadOutputPolicy(env);
  return startAgentServiceWithLlm(
    {
      builtin: withVariantTag(withContactCheck(followUpAgent(builtinFollowUp, policy))),
      llm: (chain, settings) => withVariantTag(withContactCheck(followUpAgent(llmFollowUp(chain, settings), policy))),
    },
    env,
    logger,
  );
}

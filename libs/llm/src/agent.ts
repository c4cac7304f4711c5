import type { TaskEvent } from "@gardenos/contracts";
import { TransientError, type AgentContext, type AgentHandler, type AgentOutput } from "@gardenos/runtime";
import type { z } from "zod";
import type { LlmChain } from "./chain.js";
import { isCallAborted } from "./errors.js";

/** A built-in agent's answer: no provider, no tokens, no cost, not degraded. */
export function builtinOutput<R>(result: R, model: string): AgentOutput<R> {
  return { result, model, provider: "builtin", degraded: false, usage: { prompt_tokens: 0, completion_tokens: 0 }, costUsd: 0 };
}

/** What the prompt module of an agent type gives the chain. */
export interface Prompt {
  system: string;
  user: string;
}

export interface LlmHandlerOptions<E extends TaskEvent, R, A = R> {
  type: AgentHandler<E, R>["type"];
  eventSchema: z.ZodType<E>;
  resultSchema: z.ZodType<R>;
  chain: LlmChain;
  prompt: (event: E) => Prompt;
  /**
   * The schema of the model's answer for one task: what the prompt asks for, plus rules a prompt
   * cannot guarantee (e.g. no phone call for a do_not_call contact). Default the result schema.
   */
  answerSchema?: (event: E) => z.ZodType<A>;
  /**
   * The result from a valid answer: fills in what the model is not asked to write (built locally,
   * or by the built-in agent). Required when the answer is not the result; default the answer as is.
   */
  complete?: (answer: A, event: E) => R;
  /** The built-in agent: the last link of the chain. */
  builtin: (event: E) => R;
  /** "builtin-heuristic" / "builtin-template". */
  builtinModel: string;
  /** The task timeout in seconds (LEAD_ANALYSIS_TIMEOUT / FOLLOW_UP_TIMEOUT). */
  timeoutSeconds: number;
  /** Deliveries a task gets (TASK_MAX_RETRIES + 1): rate limits are retried later until the last one. */
  maxAttempts: number;
  /** "builtin" (default): the built-in agent answers when the chain fails; "none": the attempt fails (retried, then dead-lettered). */
  fallback?: "builtin" | "none";
}

/**
 * Time kept back from the task's timeout for the built-in fallback and publishing: 10 % of it,
 * at least 200 ms and at most 2 s. The chain gives up at the deadline minus this.
 */
export function fallbackReserveMs(timeoutSeconds: number): number {
  return Math.min(2000, Math.max(200, timeoutSeconds * 100));
}

/**
 * An agent whose work is done by the LLM chain, with the built-in agent as its last link:
 * - an answer that passed the answer schema → the result (`complete` fills in what the model was
 *   not asked for), with model, provider, tokens and cost;
 * - daily budget reached → the built-in result, `degraded: true, degradedReason: "budget"`;
 * - every provider rate limited → retried later through redelivery (the task is not lost), and
 *   on the last attempt the built-in result with `degradedReason: "rate limited: …"`;
 * - anything else (outage, open breakers, timeouts, bad answers) → the built-in result,
 *   `degraded: true`, `degradedReason: "all providers failed: …"`.
 * Tokens and cost of every call made on the way are counted in the result, answered or not.
 */
export function createLlmHandler<E extends TaskEvent, R, A = R>(o: LlmHandlerOptions<E, R, A>): AgentHandler<E, R> {
  const reserve = fallbackReserveMs(o.timeoutSeconds);
  return {
    type: o.type,
    eventSchema: o.eventSchema,
    resultSchema: o.resultSchema,
    async process(event: E, ctx: AgentContext): Promise<AgentOutput<R>> {
      const started = Date.now();
      const { system, user } = o.prompt(event);
      let outcome;
      try {
        const schema: z.ZodType<A> = o.answerSchema?.(event) ?? (o.resultSchema as unknown as z.ZodType<A>);
        outcome = await o.chain.run({ system, user, schema, signal: ctx.signal, deadline: started + o.timeoutSeconds * 1000 - reserve, ...(ctx.tenant ? { tenant: ctx.tenant } : {}) });
      } catch (e) {
        if (isCallAborted(e)) throw new TransientError("the task was cancelled (timeout or shutdown)", undefined, { cause: e });
        throw e;
      }
      const spent = { usage: outcome.usage, costUsd: outcome.costUsd };
      if (outcome.ok) {
        // Failures on the way (a failover) at info: their details are in the steps and nowhere else.
        const failed = outcome.steps.some((s) => s.outcome !== "ok");
        if (failed || (ctx.isLogged?.("debug") ?? true)) ctx.log[failed ? "info" : "debug"]({ provider: outcome.provider, calls: outcome.calls, cost_usd: outcome.costUsd, steps: outcome.steps }, failed ? "llm answer after provider failures" : "llm answer");
        const result = o.complete ? o.complete(outcome.value, event) : (outcome.value as unknown as R);
        return { result, model: outcome.model, provider: outcome.provider, degraded: false, ...spent };
      }
      if (outcome.reason === "rate_limited" && ctx.attempt < o.maxAttempts) {
        ctx.log.info({ retry_after_ms: outcome.retryAfterMs, steps: outcome.steps }, "every provider is rate limited; retrying later");
        throw new TransientError(outcome.message, outcome.retryAfterMs);
      }
      const reason = outcome.reason === "budget" ? (outcome.message.startsWith("tenant ") ? "tenant_budget" : "budget") : outcome.message;
      if (o.fallback === "none") {
        ctx.log.warn({ reason, calls: outcome.calls, steps: outcome.steps }, "llm chain failed; no fallback configured (LLM_FALLBACK=none), the attempt fails");
        throw new TransientError(outcome.reason === "budget" ? "the daily LLM budget is spent" : outcome.message, outcome.retryAfterMs);
      }
      ctx.log.warn({ reason, calls: outcome.calls, steps: outcome.steps }, "llm chain failed; built-in agent answers (degraded)");
      return { result: o.builtin(event), model: o.builtinModel, provider: "builtin", degraded: true, degradedReason: reason, ...spent };
    },
    status() {
      return { ...o.chain.status() } as unknown as Record<string, unknown>;
    },
  };
}

import type { z } from "zod";
import { parseAnswer, repairMessage } from "./answer.js";
import { Budget, MemorySpendStore, type BudgetStatus, type SpendStore } from "./budget.js";
import type { LlmConfig } from "./config.js";
import { CallAbortedError, InvalidAnswerError, ProviderCallError, type FailureKind } from "./errors.js";
import { CHARS_PER_TOKEN, Provider, type ChatMessage, type ProviderStatus } from "./provider.js";
import { costUsd } from "./prices.js";

/** One thing that happened on the way to an answer (for logs and the degraded reason). */
export interface ChainStep {
  provider: string;
  outcome: "ok" | FailureKind | "budget";
  /** Generic (kind, HTTP status): it reaches clients through `degraded_reason` and task errors. */
  message?: string;
  /** The provider's own text or the parser's, secrets redacted: for the service log only. */
  detail?: string;
  latencyMs?: number;
}

export interface ChainRequest<R> {
  system: string;
  user: string;
  schema: z.ZodType<R>;
  /** The caller's signal (task deadline, shutdown). */
  signal: AbortSignal;
  /** Epoch ms by which the chain must have an answer or give up. */
  deadline: number;
  maxTokens?: number;
  /** The task's tenant: its own daily budget applies (LLM_TENANT_DAILY_BUDGET_USD / LLM_TENANT_BUDGETS). */
  tenant?: string;
}

interface Spent {
  /** `prompt_cache_hit_tokens` only when a provider reported cache hits. */
  usage: { prompt_tokens: number; completion_tokens: number; prompt_cache_hit_tokens?: number };
  costUsd: number;
  /** Provider calls made (answers and failures). */
  calls: number;
  steps: ChainStep[];
}

export type ChainResult<R> =
  | (Spent & { ok: true; value: R; provider: string; model: string })
  | (Spent & {
      ok: false;
      /** budget: the daily budget is reached; rate_limited: every usable provider asked us to wait; failed: the rest. */
      reason: "budget" | "rate_limited" | "failed";
      message: string;
      retryAfterMs?: number;
    });

export interface ChainStatus {
  mode: "llm" | "builtin";
  providers: ProviderStatus[];
  budget: BudgetStatus;
}

/**
 * The ordered provider chain. For each provider that is usable (breaker not open, its cap not
 * reached, a concurrency slot free before the deadline): call, validate the answer against the
 * result schema, ask once more with the validation errors when it is bad, else move on. Never
 * returns an unvalidated value. The caller decides what a failed chain means (the built-in agent).
 */
export class LlmChain {
  readonly providers: Provider[];
  readonly budget: Budget;

  constructor(
    readonly config: LlmConfig,
    store: SpendStore = new MemorySpendStore(),
  ) {
    this.providers = config.providers.map((p) => new Provider(p, config.breaker));
    const caps = new Map<string, number>();
    for (const p of config.providers) if (p.dailyBudgetUsd !== undefined) caps.set(p.name, p.dailyBudgetUsd);
    this.budget = new Budget(store, { dailyUsd: config.dailyBudgetUsd, providerCaps: caps, ...(config.tenantDailyBudgetUsd ? { tenantDailyUsd: config.tenantDailyBudgetUsd } : {}) });
  }

  get enabled(): boolean {
    return this.providers.length > 0;
  }

  async run<R>(req: ChainRequest<R>): Promise<ChainResult<R>> {
    const spent: Spent = { usage: { prompt_tokens: 0, completion_tokens: 0 }, costUsd: 0, calls: 0, steps: [] };
    const maxTokens = req.maxTokens ?? this.config.maxTokens;
    let rateLimitedUntil: number | undefined;

    for (const provider of this.providers) {
      if (provider.isOpen) {
        spent.steps.push({ provider: provider.name, outcome: "breaker_open", message: "breaker open" });
        continue;
      }
      const messages: ChatMessage[] = [
        { role: "system", content: req.system },
        { role: "user", content: req.user },
      ];
      let repairs = 0;
      providerLoop: while (true) {
        throwIfAborted(req.signal);
        const left = req.deadline - Date.now();
        if (left <= 0) {
          spent.steps.push({ provider: provider.name, outcome: "timeout", message: "no time left before the task's deadline" });
          break;
        }
        // 1. Budget: reserve the worst case of this call.
        const promptChars = messages.reduce((n, m) => n + m.content.length, 0);
        const estimate = costUsd(provider.config.price, Math.ceil(promptChars / (CHARS_PER_TOKEN - 1)), maxTokens);
        const reserved = await this.budget.reserve(provider.name, estimate, req.tenant);
        if (!reserved.ok) {
          if (reserved.reason === "provider_budget") {
            spent.steps.push({ provider: provider.name, outcome: "provider_budget", message: `daily cap of $${reserved.limitUsd} reached` });
            break;
          }
          const message =
            reserved.reason === "budget"
              ? `daily LLM budget of $${reserved.limitUsd} reached (spent $${reserved.spentUsd.toFixed(4)})`
              : reserved.reason === "tenant_budget"
                ? `tenant ${req.tenant}'s daily LLM budget of $${reserved.limitUsd} reached (spent $${reserved.spentUsd.toFixed(4)})`
                : "the day's spend cannot be read; not spending blind";
          spent.steps.push({ provider: provider.name, outcome: "budget", message });
          return { ...spent, ok: false, reason: "budget", message };
        }
        // 2. A concurrency slot (waits out a 429 pause when the deadline allows).
        const slot = await provider.limiter.acquire(req.deadline, req.signal);
        if (!slot) {
          await this.budget.commit(reserved.reservation, 0);
          throwIfAborted(req.signal);
          const pause = provider.limiter.pauseLeftMs();
          if (pause > 0) rateLimitedUntil = Math.min(rateLimitedUntil ?? Infinity, Date.now() + pause);
          spent.steps.push({ provider: provider.name, outcome: pause > 0 ? "rate_limited" : "timeout", message: pause > 0 ? "rate limited; pause outlasts the deadline" : "no free slot before the deadline" });
          break;
        }
        let cost = 0;
        try {
          const timeoutMs = Math.min(req.deadline - Date.now(), (provider.config.timeoutSeconds ?? Infinity) * 1000);
          spent.calls++;
          const answer = await provider.chat(messages, { maxTokens, temperature: this.config.temperature, timeoutMs, signal: req.signal });
          cost = answer.costUsd;
          spent.costUsd += answer.costUsd;
          spent.usage.prompt_tokens += answer.promptTokens;
          spent.usage.completion_tokens += answer.completionTokens;
          if (answer.cachedPromptTokens > 0) spent.usage.prompt_cache_hit_tokens = (spent.usage.prompt_cache_hit_tokens ?? 0) + answer.cachedPromptTokens;
          provider.limiter.onSuccess();
          try {
            const value = parseAnswer(answer.content, answer.finishReason, req.schema);
            spent.steps.push({ provider: provider.name, outcome: "ok", latencyMs: answer.latencyMs });
            return { ...spent, ok: true, value, provider: provider.name, model: provider.config.model };
          } catch (e) {
            if (!(e instanceof InvalidAnswerError)) throw e;
            spent.steps.push({ provider: provider.name, outcome: "invalid_answer", message: e.message, ...(e.detail ? { detail: e.detail } : {}), latencyMs: answer.latencyMs });
            if (repairs >= 1) break providerLoop;
            repairs++;
            messages.push({ role: "assistant", content: answer.content }, { role: "user", content: repairMessage(answer.content, e) });
          }
        } catch (e) {
          if (e instanceof CallAbortedError) throw e;
          if (!(e instanceof ProviderCallError)) throw e;
          spent.steps.push({ provider: provider.name, outcome: e.kind, message: e.message, ...(e.detail ? { detail: e.detail } : {}) });
          if (e.kind === "rate_limited") {
            provider.limiter.onRateLimited(e.retryAfterMs);
            continue; // wait for the pause (acquire) or give up on this provider at the deadline
          }
          break;
        } finally {
          provider.limiter.release();
          await this.budget.commit(reserved.reservation, cost);
        }
      }
    }
    const message = `all providers failed: ${summarize(spent.steps)}`;
    if (rateLimitedUntil !== undefined && spent.steps.every((s) => s.outcome === "rate_limited" || s.outcome === "breaker_open" || s.outcome === "provider_budget")) {
      return { ...spent, ok: false, reason: "rate_limited", message: `rate limited: ${summarize(spent.steps)}`, retryAfterMs: Math.max(0, rateLimitedUntil - Date.now()) };
    }
    return { ...spent, ok: false, reason: "failed", message };
  }

  status(): ChainStatus {
    return { mode: this.enabled ? "llm" : "builtin", providers: this.providers.map((p) => p.status()), budget: this.budget.status() };
  }

  close(): void {
    for (const p of this.providers) p.close();
  }
}

function throwIfAborted(signal: AbortSignal): void {
  if (signal.aborted) throw new CallAbortedError("the task was cancelled");
}

/**
 * `deepinfra: upstream error (HTTP 503); backup: breaker open`, the last word per provider,
 * deduplicated. From the steps' generic messages only (never `detail`): it reaches clients.
 */
export function summarize(steps: readonly ChainStep[]): string {
  const last = new Map<string, ChainStep>();
  const tries = new Map<string, number>();
  for (const s of steps) {
    last.set(s.provider, s);
    tries.set(s.provider, (tries.get(s.provider) ?? 0) + 1);
  }
  return [...last.values()]
    .map((s) => `${s.provider}: ${s.message ?? s.outcome}${(tries.get(s.provider) ?? 1) > 1 ? ` (${tries.get(s.provider)} tries)` : ""}`)
    .join("; ");
}

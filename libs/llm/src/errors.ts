import {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIUserAbortError,
  AuthenticationError,
  BadRequestError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
} from "openai";

/**
 * What went wrong with one provider call, as a kind a person (and the chain) can act on.
 * Callers branch on `kind`, never on message text.
 */
export const FailureKinds = {
  /** 401/403: the key is wrong or lacks access. */
  auth: "auth",
  /** 404: unknown model, or a base URL that is not an OpenAI-compatible API. */
  not_found: "not_found",
  /** DNS, refused connection, reset or dropped connection. */
  unreachable: "unreachable",
  /** No answer within the provider's timeout or the task's deadline. */
  timeout: "timeout",
  /** 429: too many requests; not an outage. */
  rate_limited: "rate_limited",
  /** 5xx. */
  server: "server",
  /** Other 4xx (e.g. 400: the provider refused the request). */
  bad_request: "bad_request",
  /** The provider's breaker is open: it is skipped without a call. */
  breaker_open: "breaker_open",
  /** The answer was not valid JSON, broke the result schema, or was cut off. */
  invalid_answer: "invalid_answer",
  /** The provider's daily cap is reached. */
  provider_budget: "provider_budget",
} as const;
export type FailureKind = (typeof FailureKinds)[keyof typeof FailureKinds];

/** One provider call that failed; `kind` says why. */
export class ProviderCallError extends Error {
  override name = "ProviderCallError";
  constructor(
    readonly kind: FailureKind,
    message: string,
    readonly provider: string,
    options?: { cause?: unknown; status?: number; retryAfterMs?: number },
  ) {
    super(message, options);
    this.status = options?.status;
    this.retryAfterMs = options?.retryAfterMs;
  }
  readonly status: number | undefined;
  readonly retryAfterMs: number | undefined;
}
export const isProviderCallError = (e: unknown): e is ProviderCallError => e instanceof ProviderCallError;

/** The caller's own signal (task deadline or shutdown) ended the call. */
export class CallAbortedError extends Error {
  override name = "CallAbortedError";
}
export const isCallAborted = (e: unknown): e is CallAbortedError => e instanceof CallAbortedError;

/** An answer that does not satisfy the result contract. */
export class InvalidAnswerError extends Error {
  override name = "InvalidAnswerError";
  constructor(
    message: string,
    /** Each problem on its own, to send back to the model for the repair. */
    readonly problems: readonly string[],
  ) {
    super(message);
  }
}
export const isInvalidAnswer = (e: unknown): e is InvalidAnswerError => e instanceof InvalidAnswerError;

/** Milliseconds from `retry-after-ms` / `retry-after` (seconds or an HTTP date); undefined when absent. */
export function retryAfterMs(headers: Headers | undefined, now = Date.now()): number | undefined {
  if (!headers) return undefined;
  const ms = headers.get("retry-after-ms");
  if (ms && Number.isFinite(Number(ms))) return Math.max(0, Number(ms));
  const ra = headers.get("retry-after");
  if (!ra) return undefined;
  if (Number.isFinite(Number(ra))) return Math.max(0, Number(ra) * 1000);
  const at = Date.parse(ra);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** Turns what the openai SDK threw into a ProviderCallError with a plain-language message. */
export function classify(e: unknown, provider: string, timedOut: boolean): ProviderCallError {
  if (e instanceof ProviderCallError) return e;
  const detail = (err: APIError) => {
    const body = err.error as { message?: unknown } | undefined;
    const m = typeof body?.message === "string" ? body.message : err.message;
    return m.replace(/\s+/g, " ").slice(0, 300);
  };
  if (e instanceof APIUserAbortError || (e instanceof Error && e.name === "AbortError") || e instanceof APIConnectionTimeoutError) {
    if (timedOut || e instanceof APIConnectionTimeoutError) return new ProviderCallError("timeout", "no answer in time (timeout)", provider, { cause: e });
  }
  if (e instanceof RateLimitError) {
    const after = retryAfterMs(e.headers);
    return new ProviderCallError("rate_limited", `rate limited (HTTP 429${after !== undefined ? `, retry after ${Math.ceil(after / 1000)} s` : ""})`, provider, {
      cause: e,
      status: 429,
      ...(after !== undefined ? { retryAfterMs: after } : {}),
    });
  }
  if (e instanceof AuthenticationError || e instanceof PermissionDeniedError) {
    return new ProviderCallError("auth", `the API key was refused (HTTP ${e.status}: ${detail(e)})`, provider, { cause: e, status: e.status });
  }
  if (e instanceof NotFoundError) {
    return new ProviderCallError("not_found", `not found (HTTP 404: ${detail(e)}); check the model name and base URL`, provider, { cause: e, status: 404 });
  }
  if (e instanceof APIConnectionError) {
    const cause = e.cause instanceof Error ? `${e.cause.message}${e.cause.cause instanceof Error ? `: ${e.cause.cause.message}` : ""}` : e.message;
    return new ProviderCallError("unreachable", `cannot reach the provider (${cause})`, provider, { cause: e });
  }
  if (e instanceof BadRequestError) {
    return new ProviderCallError("bad_request", `the provider refused the request (HTTP 400: ${detail(e)})`, provider, { cause: e, status: 400 });
  }
  if (e instanceof APIError && typeof e.status === "number") {
    const kind = e.status >= 500 ? "server" : "bad_request";
    return new ProviderCallError(kind, `HTTP ${e.status}: ${detail(e)}`, provider, { cause: e, status: e.status });
  }
  return new ProviderCallError("unreachable", e instanceof Error ? e.message : String(e), provider, { cause: e });
}

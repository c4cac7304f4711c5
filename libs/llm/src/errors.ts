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

/**
 * One provider call that failed; `kind` says why. `message` is generic — the kind and the HTTP
 * status, never the provider's own text — because it travels to clients (task.failed, attempt
 * logs, `degraded_reason`, provider status). `detail` is the provider's text with secrets
 * redacted: for the service log and operator tools (`gardenos llm check`) only, as a provider's
 * error body may echo the prompt (the lead's personal data) or the key.
 */
export class ProviderCallError extends Error {
  override name = "ProviderCallError";
  constructor(
    readonly kind: FailureKind,
    message: string,
    readonly provider: string,
    options?: { cause?: unknown; status?: number; retryAfterMs?: number; detail?: string },
  ) {
    super(message, options);
    this.status = options?.status;
    this.retryAfterMs = options?.retryAfterMs;
    this.detail = options?.detail;
  }
  readonly status: number | undefined;
  readonly retryAfterMs: number | undefined;
  readonly detail: string | undefined;
}
export const isProviderCallError = (e: unknown): e is ProviderCallError => e instanceof ProviderCallError;

/** The caller's own signal (task deadline or shutdown) ended the call. */
export class CallAbortedError extends Error {
  override name = "CallAbortedError";
}
export const isCallAborted = (e: unknown): e is CallAbortedError => e instanceof CallAbortedError;

/**
 * An answer that does not satisfy the result contract. `message` names what is wrong without
 * quoting the answer (it may echo the lead); `detail` (parser text, schema messages) is for the
 * log; `problems` go back to the model in the repair message.
 */
export class InvalidAnswerError extends Error {
  override name = "InvalidAnswerError";
  constructor(
    message: string,
    /** Each problem on its own, to send back to the model for the repair. */
    readonly problems: readonly string[],
    readonly detail?: string,
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

/** Most characters of a provider's own error text kept for the log. */
const DETAIL_MAX = 300;

/**
 * `text` without credentials: every value in `secrets` (the provider's configured key) and
 * anything shaped like one (OpenAI-style `sk-…` keys, bearer tokens, `api_key=…`) becomes
 * `[redacted]`. For what goes to the log.
 */
export function redactSecrets(text: string, secrets: readonly (string | undefined)[] = []): string {
  let out = text;
  for (const s of secrets) if (s && s.length >= 4) out = out.split(s).join("[redacted]");
  return out
    .replace(/\b(?:sk|pk|rk)-[A-Za-z0-9_-]{6,}/g, "[redacted]")
    .replace(/\bBearer\s+[A-Za-z0-9._~+/=-]+/gi, "Bearer [redacted]")
    .replace(/\b(api[_-]?key|token|secret|password)(["']?\s*[:=]\s*["']?)[^\s"',;}]+/gi, "$1$2[redacted]");
}

/** A network error's code (ECONNREFUSED, ENOTFOUND, …) from the error or its causes; never its message. */
function networkCode(e: unknown): string | undefined {
  for (let c: unknown = e, depth = 0; c instanceof Error && depth < 4; c = c.cause, depth++) {
    const code = (c as { code?: unknown }).code;
    if (typeof code === "string" && /^[A-Z][A-Z0-9_]+$/.test(code)) return code;
  }
  return undefined;
}

/** Every message of an error and its causes, for the log. */
function causeChain(e: unknown): string {
  const parts: string[] = [];
  for (let c: unknown = e, depth = 0; c !== undefined && c !== null && depth < 4; depth++) {
    parts.push(c instanceof Error ? c.message : String(c));
    c = c instanceof Error ? c.cause : undefined;
  }
  return parts.join(": ");
}

/**
 * Turns what the openai SDK threw into a ProviderCallError: a generic message (kind and HTTP
 * status: safe to show clients) and the provider's own text, redacted of `secrets` and anything
 * key-shaped, as `detail` for the log.
 */
export function classify(e: unknown, provider: string, timedOut: boolean, secrets: readonly (string | undefined)[] = []): ProviderCallError {
  if (e instanceof ProviderCallError) return e;
  const clean = (text: string) => redactSecrets(text.replace(/\s+/g, " "), secrets).slice(0, DETAIL_MAX);
  const detailOf = (err: APIError) => {
    const body = err.error as { message?: unknown } | undefined;
    return clean(typeof body?.message === "string" ? body.message : err.message);
  };
  if (e instanceof APIUserAbortError || (e instanceof Error && e.name === "AbortError") || e instanceof APIConnectionTimeoutError) {
    if (timedOut || e instanceof APIConnectionTimeoutError) return new ProviderCallError("timeout", "no answer in time (timeout)", provider, { cause: e });
  }
  if (e instanceof RateLimitError) {
    const after = retryAfterMs(e.headers);
    return new ProviderCallError("rate_limited", `rate limited (HTTP 429${after !== undefined ? `, retry after ${Math.ceil(after / 1000)} s` : ""})`, provider, {
      cause: e,
      status: 429,
      detail: detailOf(e),
      ...(after !== undefined ? { retryAfterMs: after } : {}),
    });
  }
  if (e instanceof AuthenticationError || e instanceof PermissionDeniedError) {
    return new ProviderCallError("auth", `the API key was refused (HTTP ${e.status})`, provider, { cause: e, status: e.status, detail: detailOf(e) });
  }
  if (e instanceof NotFoundError) {
    return new ProviderCallError("not_found", "not found (HTTP 404); check the model name and base URL", provider, { cause: e, status: 404, detail: detailOf(e) });
  }
  if (e instanceof APIConnectionError) {
    const code = networkCode(e.cause);
    return new ProviderCallError("unreachable", `cannot reach the provider (${code ?? "connection failed"})`, provider, { cause: e, detail: clean(causeChain(e.cause ?? e)) });
  }
  if (e instanceof BadRequestError) {
    return new ProviderCallError("bad_request", "the provider refused the request (HTTP 400)", provider, { cause: e, status: 400, detail: detailOf(e) });
  }
  if (e instanceof APIError && typeof e.status === "number") {
    const server = e.status >= 500;
    return new ProviderCallError(server ? "server" : "bad_request", `${server ? "upstream error" : "the provider refused the request"} (HTTP ${e.status})`, provider, {
      cause: e,
      status: e.status,
      detail: detailOf(e),
    });
  }
  const code = networkCode(e);
  return new ProviderCallError("unreachable", `cannot reach the provider (${code ?? "unexpected error"})`, provider, { cause: e, detail: clean(causeChain(e)) });
}

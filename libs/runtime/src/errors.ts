import { isDatabaseError, summarizeDatabaseError } from "./safe-error.js";

/**
 * Error classes shared by the services. Callers branch on the class (`isX()`), never on text.
 * They also tell an agent what to do with a task: unrecoverable → fail now, transient → retry.
 */

export class ConfigError extends Error {
  override name = "ConfigError";
  constructor(
    message: string,
    readonly problems: readonly string[] = [],
  ) {
    super(message);
  }
}
export const isConfigError = (e: unknown): e is ConfigError => e instanceof ConfigError;

/** The task can never succeed (bad input, schema violation): fail at once, no retries. */
export class UnrecoverableError extends Error {
  override name = "UnrecoverableError";
  constructor(
    message: string,
    readonly code: string,
    options?: { cause?: unknown; issues?: { path: string; message: string }[] },
  ) {
    super(message, options);
    this.issues = options?.issues;
  }
  readonly issues: { path: string; message: string }[] | undefined;
}
export const isUnrecoverable = (e: unknown): e is UnrecoverableError => e instanceof UnrecoverableError;

/** A failure worth retrying later (provider down, timeout). `retryAfterMs` hints the delay. */
export class TransientError extends Error {
  override name = "TransientError";
  constructor(
    message: string,
    readonly retryAfterMs?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
export const isTransient = (e: unknown): e is TransientError => e instanceof TransientError;

/**
 * Message of any thrown value, for logs and task.failed events. A database error gives its code
 * and a short message only, never the statement or its parameters (see safe-error.ts).
 */
export function errorMessage(e: unknown): string {
  if (isDatabaseError(e)) {
    const s = summarizeDatabaseError(e);
    return s.code ? `${s.code}: ${s.message}` : s.message;
  }
  if (e instanceof Error) return e.message;
  return String(e);
}

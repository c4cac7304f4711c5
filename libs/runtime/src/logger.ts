import { createRequire } from "node:module";
import { isMainThread } from "node:worker_threads";
import { pino, type Logger, type LevelWithSilent } from "pino";
import type PinoPretty from "pino-pretty";
import { serializeError } from "./safe-error.js";

export type { Logger };

export interface LoggerOptions {
  name: string;
  level?: LevelWithSilent;
  /** "json" always JSON; "pretty" always pretty; "auto" (default) pretty when stdout is a terminal. */
  format?: "json" | "pretty" | "auto";
  /** Append JSON lines to this file instead of writing to stdout (`format` is then always json). */
  file?: string;
}

/** A lead's contact fields and notes, wherever a lead is logged (`lead`, `input.lead`, `event.lead`, …). */
const LEAD_FIELDS = ["contact.name", "contact.first_name", "contact.last_name", "contact.email", "contact.phone", "notes"];
const LEAD_AT = ["lead", "*.lead", "*.*.lead"];

/**
 * What pino replaces with "[redacted]" before a line is written: lead contact data, e-mail
 * addresses under their usual names, and what a database driver attaches to its errors
 * (statement and parameters; the `err` serializer drops them too).
 */
export const REDACT_PATHS: readonly string[] = [
  ...LEAD_AT.flatMap((at) => LEAD_FIELDS.map((f) => `${at}.${f}`)),
  ...["contact", "*.contact"].flatMap((at) => ["name", "first_name", "last_name", "email", "phone"].map((f) => `${at}.${f}`)),
  "email",
  "lead_email",
  "*.lead_email",
  "phone",
  ...["err", "error", "cause", "err.cause"].flatMap((at) => ["query", "params", "parameters", "detail"].map((f) => `${at}.${f}`)),
];

/**
 * One pino logger per service: JSON lines, or human-readable when a person is watching. A service
 * in a worker thread (the local stack's agents) writes to its thread's stdout, which the host pipes
 * to that service's log, not to the process's file descriptor 1 (pino's default destination).
 */
export function createLogger(opts: LoggerOptions): Logger {
  const format = opts.file ? "json" : (opts.format ?? "auto");
  const usePretty = format === "pretty" || (format === "auto" && process.stdout.isTTY === true);
  const base = {
    name: opts.name,
    level: opts.level ?? "info",
    base: { service: opts.name },
    redact: { paths: [...REDACT_PATHS], censor: "[redacted]" },
    serializers: { err: serializeError, error: serializeError },
  };
  // Synchronous writes, as Node's own stdout does for files and pipes: a service's last lines
  // ("stopped") are written before it exits. pino's default asynchronous destination lost them
  // when the process exited with a write still in flight (its flush does not wait for one).
  if (opts.file) return pino(base, pino.destination({ dest: opts.file, append: true, mkdir: true, sync: true }));
  if (!usePretty) return isMainThread ? pino(base, pino.destination({ dest: 1, sync: true })) : pino(base, process.stdout);
  // pino-pretty (and its ≈ 30 modules) only when a person is watching: services in containers and
  // under `gardenos up` write JSON and never load it. `require`: creating the stream is synchronous.
  const pretty = createRequire(import.meta.url)("pino-pretty") as typeof PinoPretty;
  return pino(base, pretty({ colorize: true, translateTime: "HH:MM:ss.l", ignore: "pid,hostname,service", sync: true }));
}

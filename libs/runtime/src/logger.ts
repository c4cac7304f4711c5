import { pino, type Logger, type LevelWithSilent } from "pino";
import pretty from "pino-pretty";

export type { Logger };

export interface LoggerOptions {
  name: string;
  level?: LevelWithSilent;
  /** "json" always JSON; "pretty" always pretty; "auto" (default) pretty when stdout is a terminal. */
  format?: "json" | "pretty" | "auto";
}

/** One pino logger per process: JSON lines, or human-readable when a person is watching. */
export function createLogger(opts: LoggerOptions): Logger {
  const format = opts.format ?? "auto";
  const usePretty = format === "pretty" || (format === "auto" && process.stdout.isTTY === true);
  const base = { name: opts.name, level: opts.level ?? "info", base: { service: opts.name } };
  if (!usePretty) return pino(base);
  return pino(base, pretty({ colorize: true, translateTime: "HH:MM:ss.l", ignore: "pid,hostname,service", sync: true }));
}

import { z } from "zod";
import { ConfigError } from "./errors.js";

/**
 * Configuration is read once at start from the environment: defaults, then a schema that
 * rejects bad values naming the variable, then a frozen object. Each field documents its default.
 */

/** Integer env var with bounds. */
export const envInt = (def: number, min: number, max: number) =>
  z.coerce
    .number({ message: "must be a number" })
    .int("must be a whole number")
    .min(min, `must be at least ${min}`)
    .max(max, `must be at most ${max}`)
    .default(def);

/** Positive number (seconds etc.). */
export const envNumber = (def: number, min: number, max: number) =>
  z.coerce.number({ message: "must be a number" }).min(min, `must be at least ${min}`).max(max, `must be at most ${max}`).default(def);

export const envBool = (def: boolean) =>
  z
    .enum(["true", "false", "1", "0", "yes", "no", "on", "off"], { message: "must be true or false" })
    .transform((v) => ["true", "1", "yes", "on"].includes(v))
    .default(def);

/** Settings every service reads. */
export const baseConfigShape = {
  /** NATS server(s), comma-separated. Default nats://127.0.0.1:4222. */
  NATS_URL: z.string().min(1).default("nats://127.0.0.1:4222"),
  /** fatal | error | warn | info | debug | trace | silent. Default info. */
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** json | pretty | auto (pretty on a terminal). Default auto. */
  LOG_FORMAT: z.enum(["json", "pretty", "auto"]).default("auto"),
  /** Replicas of every stream (1 on a single server, 3 in a cluster). Default 1. */
  STREAM_REPLICAS: envInt(1, 1, 5),
  /** Most tasks waiting in TASKS before publishers are refused. Default 1,000,000. */
  TASKS_MAX_MSGS: envInt(1_000_000, 1, 1_000_000_000),
  /** Most bytes in TASKS before publishers are refused. Default 2 GiB. */
  TASKS_MAX_BYTES: envInt(2 * 1024 ** 3, 1024 * 1024, 1024 ** 4),
  /** Seconds a task may wait in TASKS. Default 7 days. */
  TASKS_MAX_AGE: envInt(7 * 86400, 60, 365 * 86400),
  /** Seconds result events are kept in RESULTS. Default 7 days. */
  RESULTS_MAX_AGE: envInt(7 * 86400, 60, 365 * 86400),
  /** Seconds dead letters are kept. Default 30 days. */
  DLQ_MAX_AGE: envInt(30 * 86400, 60, 365 * 86400),
  /** Most bytes in RESULTS; past it the oldest result events go (discard old). Default 4 GiB. */
  RESULTS_MAX_BYTES: envInt(4 * 1024 ** 3, 1024 * 1024, 1024 ** 4),
  /** Most bytes in DLQ; past it the oldest dead letters go (discard old). Default 1 GiB. */
  DLQ_MAX_BYTES: envInt(1024 ** 3, 1024 * 1024, 1024 ** 4),
  /** Retries after the first failed attempt (the seed's max_retries). Default 3. */
  TASK_MAX_RETRIES: envInt(3, 0, 10),
  /** Seconds between agent heartbeats. Default 5. */
  HEARTBEAT_INTERVAL: envNumber(5, 0.2, 300),
  /** Plugin modules with more agent types (package names or file paths, comma-separated). Default none. */
  AGENT_TYPE_PLUGINS: z.string().optional(),
  /** Agent types this deployment runs (comma-separated); the others show as "not deployed". Default every registered type. */
  AGENT_TYPES: z.string().optional(),
  /** Port of the /livez and /readyz server of services without an API (agents, metrics); 0 = none. Default 0. */
  HEALTH_PORT: envInt(0, 0, 65535),
};

export const BaseConfigSchema = z.object(baseConfigShape);
export type BaseConfig = z.infer<typeof BaseConfigSchema>;

/** Parses `env` with `schema`; throws ConfigError listing every bad variable. */
export function loadConfig<S extends z.ZodType>(schema: S, env: NodeJS.ProcessEnv = process.env): Readonly<z.infer<S>> {
  // Empty strings count as unset, as in most twelve-factor tools.
  const cleaned: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined && v !== "") cleaned[k] = v;
  const parsed = schema.safeParse(cleaned);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".") || "(config)"}: ${i.message}`);
    throw new ConfigError(`Invalid configuration: ${problems.join("; ")}`, problems);
  }
  return Object.freeze(parsed.data);
}

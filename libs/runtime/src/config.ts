import { existsSync } from "node:fs";
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
  /** NATS user (with NATS_PASSWORD). Default none (no user/password authentication). */
  NATS_USER: z.string().min(1).max(200).optional(),
  /** NATS password of NATS_USER. Default none. Never logged. */
  NATS_PASSWORD: z.string().min(1).max(1000).optional(),
  /** NATS token authentication (instead of a user). Default none. Never logged. */
  NATS_TOKEN: z.string().min(1).max(1000).optional(),
  /** NATS nkey seed (`SU…`) for nkey authentication. Default none. Never logged. */
  NATS_NKEY_SEED: z.string().regex(/^SU[A-Z2-7]+$/, "must be a user nkey seed (SU…)").optional(),
  /** File holding the nkey seed (instead of NATS_NKEY_SEED). Default none. */
  NATS_NKEY_SEED_FILE: z.string().min(1).optional(),
  /** NATS credentials file (JWT + seed, decentralised auth). Default none. */
  NATS_CREDS_FILE: z.string().min(1).optional(),
  /** CA certificate (PEM file) that signed the NATS server's certificate; setting it turns TLS on. Default none. */
  NATS_TLS_CA: z.string().min(1).optional(),
  /** Client certificate (PEM file) for mutual TLS; needs NATS_TLS_KEY. Default none. */
  NATS_TLS_CERT: z.string().min(1).optional(),
  /** Private key (PEM file) of NATS_TLS_CERT. Default none. */
  NATS_TLS_KEY: z.string().min(1).optional(),
  /**
   * Prefix of this connection's reply subjects. The broker config lets each role subscribe to its
   * own prefix only, so nobody reads another's replies. Default `_INBOX_<NATS_USER>` with a user, else `_INBOX`.
   */
  NATS_INBOX_PREFIX: z.string().regex(/^[A-Za-z0-9_-]+$/, "may hold only letters, digits, _ and -").optional(),
  /** fatal | error | warn | info | debug | trace | silent. Default info. */
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** json | pretty | auto (pretty on a terminal). Default auto. */
  LOG_FORMAT: z.enum(["json", "pretty", "auto"]).default("auto"),
  /** A file the service appends its JSON lines to instead of stdout (the local stack: one per service). Default stdout. */
  LOG_FILE: z.string().optional(),
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
  const problems = parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join(".") || "(config)"}: ${i.message}`);
  if (parsed.success && typeof parsed.data === "object" && parsed.data !== null) problems.push(...natsAuthProblems(parsed.data as NatsAuthSettings));
  if (!parsed.success || problems.length) throw new ConfigError(`Invalid configuration: ${problems.join("; ")}`, problems);
  return Object.freeze(parsed.data);
}

/** The NATS credential and TLS settings of `baseConfigShape` (every service passes them to connectNats). */
export type NatsAuthSettings = Partial<
  Pick<
    BaseConfig,
    | "NATS_USER"
    | "NATS_PASSWORD"
    | "NATS_TOKEN"
    | "NATS_NKEY_SEED"
    | "NATS_NKEY_SEED_FILE"
    | "NATS_CREDS_FILE"
    | "NATS_TLS_CA"
    | "NATS_TLS_CERT"
    | "NATS_TLS_KEY"
    | "NATS_INBOX_PREFIX"
  >
>;

/** Combinations of NATS credentials that cannot work, and files that are not there. */
export function natsAuthProblems(c: NatsAuthSettings): string[] {
  const out: string[] = [];
  if (c.NATS_USER && !c.NATS_PASSWORD) out.push("NATS_PASSWORD: is required with NATS_USER");
  if (c.NATS_PASSWORD && !c.NATS_USER) out.push("NATS_USER: is required with NATS_PASSWORD");
  if (c.NATS_NKEY_SEED && c.NATS_NKEY_SEED_FILE) out.push("NATS_NKEY_SEED_FILE: set either NATS_NKEY_SEED or NATS_NKEY_SEED_FILE, not both");
  const methods = [
    c.NATS_USER || c.NATS_PASSWORD ? "NATS_USER/NATS_PASSWORD" : undefined,
    c.NATS_TOKEN ? "NATS_TOKEN" : undefined,
    c.NATS_NKEY_SEED || c.NATS_NKEY_SEED_FILE ? "NATS_NKEY_SEED" : undefined,
    c.NATS_CREDS_FILE ? "NATS_CREDS_FILE" : undefined,
  ].filter(Boolean);
  if (methods.length > 1) out.push(`NATS credentials: choose one of ${methods.join(", ")}`);
  if (c.NATS_TLS_CERT && !c.NATS_TLS_KEY) out.push("NATS_TLS_KEY: is required with NATS_TLS_CERT (the client certificate's private key)");
  if (c.NATS_TLS_KEY && !c.NATS_TLS_CERT) out.push("NATS_TLS_CERT: is required with NATS_TLS_KEY");
  for (const k of ["NATS_NKEY_SEED_FILE", "NATS_CREDS_FILE", "NATS_TLS_CA", "NATS_TLS_CERT", "NATS_TLS_KEY"] as const) {
    const f = c[k];
    if (f && !existsSync(f)) out.push(`${k}: no such file: ${f}`);
  }
  return out;
}

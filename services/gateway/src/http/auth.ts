import { createHash, timingSafeEqual } from "node:crypto";
import { readFileSync } from "node:fs";
import { ConfigError } from "@gardenos/runtime";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { HttpError } from "./errors.js";

/**
 * API keys. Admin keys open the admin endpoints (scale, restart, debug, dead-letter replay) and
 * everything else; client keys open the task and read endpoints. Keys come from the environment
 * or a file, are kept only as SHA-256 digests, compared in constant time, and never logged.
 */

/** Who may call a route: set per route as `config: { auth: "admin" }` (see `AuthLevels`). */
export const AuthLevels = {
  /** Anyone (probes, health, docs, Prometheus). */
  public: "public",
  /** A client or admin key, when client keys are configured. */
  client: "client",
  /** An admin key whenever any key is configured. */
  admin: "admin",
  /** An admin or reviewer key whenever any key is configured (the follow-up review queue). */
  reviewer: "reviewer",
} as const;
export type AuthLevel = (typeof AuthLevels)[keyof typeof AuthLevels];

declare module "fastify" {
  interface FastifyContextConfig {
    /** Who may call the route; default `client` under /ai/, `public` elsewhere. */
    auth?: AuthLevel;
  }
}

export const authConfigShape = {
  /** Admin keys, comma-separated. Default none. */
  GARDENOS_ADMIN_KEYS: z.string().optional(),
  /** File with admin keys (one per line or comma-separated). Default none. */
  GARDENOS_ADMIN_KEYS_FILE: z.string().optional(),
  /** Client (task endpoint) keys, comma-separated. Default none (task endpoints open). */
  GARDENOS_API_KEYS: z.string().optional(),
  /** File with client keys. Default none. */
  GARDENOS_API_KEYS_FILE: z.string().optional(),
  /** Reviewer keys (approve, edit, reject, mark sent follow-up e-mails; nothing admin), comma-separated. Default none. */
  GARDENOS_REVIEWER_KEYS: z.string().optional(),
  /** File with reviewer keys. Default none. */
  GARDENOS_REVIEWER_KEYS_FILE: z.string().optional(),
  /** Allow listening beyond loopback with no keys at all (not recommended). Default false. */
  GARDENOS_ALLOW_NO_AUTH: z
    .enum(["true", "false", "1", "0", "yes", "no"], { message: "must be true or false" })
    .transform((v) => ["true", "1", "yes"].includes(v))
    .default(false),
};

const MIN_KEY_LENGTH = 16;

function splitKeys(text: string): string[] {
  return text
    .split(/[\s,]+/)
    .map((k) => k.trim())
    .filter(Boolean);
}

function readKeys(env: Record<string, unknown>, name: "GARDENOS_ADMIN_KEYS" | "GARDENOS_API_KEYS" | "GARDENOS_REVIEWER_KEYS"): string[] {
  const keys = typeof env[name] === "string" ? splitKeys(env[name]) : [];
  const file = env[`${name}_FILE`];
  if (typeof file === "string") {
    try {
      keys.push(...splitKeys(readFileSync(file, "utf8")));
    } catch (e) {
      throw new ConfigError(`${name}_FILE: cannot read ${file} (${(e as NodeJS.ErrnoException).code ?? "error"})`);
    }
  }
  for (const k of keys) {
    if (k.length < MIN_KEY_LENGTH) throw new ConfigError(`${name}: every key must be at least ${MIN_KEY_LENGTH} characters`);
  }
  return keys;
}

const digest = (key: string) => createHash("sha256").update(key, "utf8").digest();

export class KeyRing {
  private readonly admin: Buffer[];
  private readonly client: Buffer[];
  private readonly reviewer: Buffer[];

  constructor(adminKeys: readonly string[], clientKeys: readonly string[], reviewerKeys: readonly string[] = []) {
    this.admin = adminKeys.map(digest);
    this.client = clientKeys.map(digest);
    this.reviewer = reviewerKeys.map(digest);
  }

  static fromEnv(env: Record<string, unknown>): KeyRing {
    return new KeyRing(readKeys(env, "GARDENOS_ADMIN_KEYS"), readKeys(env, "GARDENOS_API_KEYS"), readKeys(env, "GARDENOS_REVIEWER_KEYS"));
  }

  /** True when any key is configured. */
  get enabled(): boolean {
    return this.admin.length + this.client.length + this.reviewer.length > 0;
  }

  get clientKeysConfigured(): boolean {
    return this.client.length > 0;
  }

  /** Counts for the start-up log line (never the keys). */
  describe(): { auth: "on" | "off"; admin_keys: number; client_keys: number; reviewer_keys: number } {
    return { auth: this.enabled ? "on" : "off", admin_keys: this.admin.length, client_keys: this.client.length, reviewer_keys: this.reviewer.length };
  }

  private static matches(key: string, ring: readonly Buffer[]): boolean {
    const d = digest(key);
    let hit = false;
    // Compare against every key (no early exit), each in constant time.
    for (const k of ring) hit = timingSafeEqual(d, k) || hit;
    return hit;
  }

  /** "admin", "client", "reviewer" or undefined (unknown key). */
  roleOf(key: string): "admin" | "client" | "reviewer" | undefined {
    if (KeyRing.matches(key, this.admin)) return "admin";
    if (KeyRing.matches(key, this.client)) return "client";
    if (KeyRing.matches(key, this.reviewer)) return "reviewer";
    return undefined;
  }
}

/** The key a request carries: `Authorization: Bearer <key>` or `x-api-key: <key>`. */
export function keyOf(req: FastifyRequest): string | undefined {
  const auth = req.headers.authorization;
  if (typeof auth === "string") {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(auth);
    if (m?.[1]) return m[1];
  }
  const x = req.headers["x-api-key"];
  return typeof x === "string" && x.trim() ? x.trim() : undefined;
}

function levelOf(req: FastifyRequest): AuthLevel {
  const config = req.routeOptions.config;
  if (config?.auth) return config.auth;
  return req.routeOptions.url?.startsWith("/ai/") ? AuthLevels.client : AuthLevels.public;
}

/** Checks a request against the key ring for a given level; throws 401/403 HttpErrors. */
export function authorize(keys: KeyRing, req: FastifyRequest, reply: FastifyReply, level: AuthLevel): void {
  if (level === AuthLevels.public || !keys.enabled) return;
  if (level === AuthLevels.client && !keys.clientKeysConfigured) return;
  const key = keyOf(req);
  const role = key ? keys.roleOf(key) : undefined;
  if (!role) {
    void reply.header("www-authenticate", 'Bearer realm="gardenos"');
    throw new HttpError("ERR_UNAUTHORIZED", key ? "The key is not valid" : "This endpoint needs a key: send Authorization: Bearer <key>");
  }
  if (level === AuthLevels.admin && role !== "admin") throw new HttpError("ERR_FORBIDDEN", "This endpoint needs an admin key");
  if (level === AuthLevels.reviewer && role !== "admin" && role !== "reviewer") throw new HttpError("ERR_FORBIDDEN", "This endpoint needs a reviewer or admin key");
}

/**
 * Installs the key check on every route of `app` (call it before routes are added). A route
 * chooses its level with `config: { auth: "admin" | "client" | "public" }`.
 */
export function installAuth(app: FastifyInstance, keys: KeyRing): void {
  // The OpenAPI docs mark every route that may need a key (the scheme is declared in app.ts).
  app.addHook("onRoute", (route) => {
    const config = route.config as { auth?: AuthLevel; admin?: boolean } | undefined;
    const level = config?.admin === true ? AuthLevels.admin : (config?.auth ?? (route.url.startsWith("/ai/") ? AuthLevels.client : AuthLevels.public));
    if (level === AuthLevels.public) return;
    const schema = (route.schema ?? {}) as Record<string, unknown>;
    route.schema = {
      ...schema,
      security: [{ apiKey: [] }],
      description: `${typeof schema.description === "string" ? `${schema.description} ` : ""}${level === AuthLevels.admin ? "Needs an admin key when keys are configured." : level === AuthLevels.reviewer ? "Needs a reviewer or admin key when keys are configured." : "Needs a client or admin key when client keys are configured."}`,
    };
  });
  app.addHook("onRequest", async (req, reply) => {
    authorize(keys, req, reply, levelOf(req));
  });
}

/** A preHandler for routes that cannot set `config.auth` (e.g. registered by another plugin): admin only. */
export function requireAdmin(keys: KeyRing) {
  return async (req: FastifyRequest, reply: FastifyReply) => authorize(keys, req, reply, AuthLevels.admin);
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost|\[::1\])$/i;

/** True for loopback interfaces (127.0.0.0/8, ::1, localhost). */
export function isLoopback(host: string): boolean {
  return LOOPBACK.test(host);
}

/**
 * With no key at all, the gateway serves loopback only: a non-loopback HOST is refused unless
 * GARDENOS_ALLOW_NO_AUTH=true. Returns the line to log at start.
 */
export function checkExposure(keys: KeyRing, host: string, allowNoAuth: boolean): { level: "info" | "warn"; message: string } {
  if (keys.enabled) return { level: "info", message: "API keys configured: admin endpoints need an admin key" + (keys.clientKeysConfigured ? ", task endpoints a client key" : "") };
  if (isLoopback(host)) return { level: "info", message: `no API keys configured: auth is off, so the gateway listens on loopback only (${host})` };
  if (allowNoAuth) return { level: "warn", message: `NO API KEYS and HOST=${host}: every endpoint, admin ones included, is open to the network (GARDENOS_ALLOW_NO_AUTH=true)` };
  throw new ConfigError(
    `HOST=${host} is not loopback and no API keys are configured: set GARDENOS_ADMIN_KEYS (and GARDENOS_API_KEYS), or HOST=127.0.0.1, or GARDENOS_ALLOW_NO_AUTH=true to accept an open gateway`,
  );
}

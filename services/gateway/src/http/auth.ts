import { createHash, timingSafeEqual } from "node:crypto";
import { readFileSync } from "node:fs";
import { DEFAULT_TENANT, TENANT_ID } from "@gardenos/contracts";
import { ConfigError } from "@gardenos/runtime";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { HttpError } from "./errors.js";
import { CSRF_HEADER, SessionTokens } from "./session.js";
import type { Principal } from "./principal.js";

/**
 * API keys. Admin keys open the admin endpoints (scale, restart, debug, dead-letter replay) and
 * everything else; client keys open the task and read endpoints. Keys come from the environment
 * or a file, are kept only as SHA-256 digests, compared in constant time, and never logged.
 *
 * Tenants: a key written `<tenant>:<key>` belongs to that tenant; a client key without a prefix
 * belongs to the `default` tenant; an admin key without a prefix is global (every tenant).
 */

/** The tenant of clients without a tenant prefix, of open gateways, and of tasks published on the bare subjects. */
export { DEFAULT_TENANT };

export type { Principal } from "./principal.js";

declare module "fastify" {
  interface FastifyRequest {
    principal?: Principal;
  }
}

/** The tenant a request acts for: its key's tenant; a global admin may name one in `X-GardenOS-Tenant`. */
export function tenantOf(req: FastifyRequest): string {
  const p = req.principal;
  if (p && p.tenant) return p.tenant;
  if (p?.role === "admin") {
    const h = req.headers["x-gardenos-tenant"];
    if (typeof h === "string" && TENANT_ID.test(h)) return h;
  }
  return DEFAULT_TENANT;
}

/** Cluster-wide operations (scaling, restarts, queue internals) need an admin key of no tenant. */
export function requireGlobalAdmin(req: FastifyRequest): void {
  const p = req.principal;
  if (p?.role === "admin" && p.tenant !== undefined) throw new HttpError("ERR_FORBIDDEN", `This endpoint acts on the whole cluster: it needs an admin key of no tenant (this key belongs to tenant ${p.tenant})`);
}

/** The tenant whose data a read may see: undefined (all) for a global admin, else the caller's tenant. */
export function readScope(req: FastifyRequest): string | undefined {
  const p = req.principal;
  if (p?.role === "admin" && p.tenant === undefined) return undefined;
  return tenantOf(req);
}

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
  /**
   * Extra names accepted as Host while task/read endpoints are open (no client keys), e.g.
   * `gateway` for other containers of a compose network. Setting it turns the Host check
   * (DNS rebinding) on also for a non-loopback HOST. Comma-separated. Default none.
   */
  GARDENOS_ALLOWED_HOSTS: z
    .string()
    .default("")
    .transform((v) => v.split(",").map((h) => h.trim().toLowerCase()).filter(Boolean))
    .pipe(z.array(z.string().regex(/^[a-z0-9]([a-z0-9.-]{0,252})$/, "each host: a DNS name or IPv4 address, no port")).max(100)),
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

interface KeyEntry {
  key: string;
  tenant: string | undefined;
}

function readKeys(env: Record<string, unknown>, name: "GARDENOS_ADMIN_KEYS" | "GARDENOS_API_KEYS" | "GARDENOS_REVIEWER_KEYS"): KeyEntry[] {
  const keys = typeof env[name] === "string" ? splitKeys(env[name]) : [];
  const file = env[`${name}_FILE`];
  if (typeof file === "string") {
    try {
      keys.push(...splitKeys(readFileSync(file, "utf8")));
    } catch (e) {
      throw new ConfigError(`${name}_FILE: cannot read ${file} (${(e as NodeJS.ErrnoException).code ?? "error"})`);
    }
  }
  return keys.map((entry) => {
    const colon = entry.indexOf(":");
    const prefix = colon > 0 ? entry.slice(0, colon) : undefined;
    const tenant = prefix !== undefined && TENANT_ID.test(prefix) ? prefix : undefined;
    const key = tenant !== undefined ? entry.slice(colon + 1) : entry;
    if (key.length < MIN_KEY_LENGTH) throw new ConfigError(`${name}: every key must be at least ${MIN_KEY_LENGTH} characters`);
    return { key, tenant };
  });
}

const digest = (key: string) => createHash("sha256").update(key, "utf8").digest();

interface RingEntry {
  digest: Buffer;
  tenant: string | undefined;
}

export class KeyRing {
  private readonly admin: RingEntry[];
  private readonly client: RingEntry[];
  private readonly reviewer: RingEntry[];

  /** Keys as configured: plain strings, or `{ key, tenant }`. */
  constructor(adminKeys: readonly (string | KeyEntry)[], clientKeys: readonly (string | KeyEntry)[], reviewerKeys: readonly (string | KeyEntry)[] = []) {
    const entry = (k: string | KeyEntry): RingEntry => (typeof k === "string" ? { digest: digest(k), tenant: undefined } : { digest: digest(k.key), tenant: k.tenant });
    this.admin = adminKeys.map(entry);
    this.client = clientKeys.map(entry);
    this.reviewer = reviewerKeys.map(entry);
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
  describe(): { auth: "on" | "off"; admin_keys: number; client_keys: number; reviewer_keys: number; tenants: number } {
    const tenants = new Set([...this.admin, ...this.client, ...this.reviewer].map((e) => e.tenant ?? DEFAULT_TENANT));
    return { auth: this.enabled ? "on" : "off", admin_keys: this.admin.length, client_keys: this.client.length, reviewer_keys: this.reviewer.length, tenants: tenants.size };
  }

  private static match(d: Buffer, ring: readonly RingEntry[]): RingEntry | undefined {
    let hit: RingEntry | undefined;
    // Compare against every key (no early exit), each in constant time.
    for (const k of ring) if (timingSafeEqual(d, k.digest)) hit = k;
    return hit;
  }

  /** Role and tenant of a key; undefined for an unknown key. */
  identify(key: string): Principal | undefined {
    const d = digest(key);
    const keyId = d.toString("hex").slice(0, 16);
    const admin = KeyRing.match(d, this.admin);
    if (admin) return { role: "admin", tenant: admin.tenant, keyId };
    const client = KeyRing.match(d, this.client);
    if (client) return { role: "client", tenant: client.tenant ?? DEFAULT_TENANT, keyId };
    const reviewer = KeyRing.match(d, this.reviewer);
    if (reviewer) return { role: "reviewer", tenant: reviewer.tenant ?? DEFAULT_TENANT, keyId };
    return undefined;
  }

  /** A secret only this set of keys gives (signs browser sessions; other keys, other sessions). */
  sessionSecret(): Buffer {
    const h = createHash("sha256").update("gardenos-session-v1");
    for (const ring of [this.admin, this.client, this.reviewer]) for (const e of ring) h.update(e.digest).update(e.tenant ?? "");
    return h.digest();
  }

  /** "admin", "client", "reviewer" or undefined (unknown key). */
  roleOf(key: string): "admin" | "client" | "reviewer" | undefined {
    const p = this.identify(key);
    return p?.role === "admin" || p?.role === "client" || p?.role === "reviewer" ? p.role : undefined;
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
export function authorize(keys: KeyRing, req: FastifyRequest, reply: FastifyReply, level: AuthLevel, sessions?: SessionTokens): void {
  const key = keyOf(req);
  let principal = key ? keys.identify(key) : undefined;
  // No key: a browser session cookie (session.ts); a request that changes something needs its CSRF token too.
  const token = !key && sessions ? SessionTokens.tokenOf(req) : undefined;
  if (token && sessions) {
    principal = sessions.verify(token);
    if (principal && req.method !== "GET" && req.method !== "HEAD" && req.headers[CSRF_HEADER] !== sessions.csrfOf(token)) {
      throw new HttpError("ERR_CSRF");
    }
  }
  // A known key always names its tenant, even on routes that need none.
  req.principal = principal ?? { role: "anonymous", tenant: DEFAULT_TENANT, keyId: undefined };
  if (level === AuthLevels.public || !keys.enabled) return;
  if (level === AuthLevels.client && !keys.clientKeysConfigured) return;
  if (!principal) {
    void reply.header("www-authenticate", 'Bearer realm="gardenos"');
    throw new HttpError("ERR_UNAUTHORIZED", key ? "The key is not valid" : token ? "The session has expired or is not valid: sign in again (POST /ai/session)" : "This endpoint needs a key: send Authorization: Bearer <key>");
  }
  if (level === AuthLevels.admin && principal.role !== "admin") throw new HttpError("ERR_FORBIDDEN", "This endpoint needs an admin key");
  if (level === AuthLevels.reviewer && principal.role !== "admin" && principal.role !== "reviewer") throw new HttpError("ERR_FORBIDDEN", "This endpoint needs a reviewer or admin key");
}

/**
 * Installs the key check on every route of `app` (call it before routes are added). A route
 * chooses its level with `config: { auth: "admin" | "client" | "public" }`.
 */
export function installAuth(app: FastifyInstance, keys: KeyRing, sessions?: SessionTokens): void {
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
    authorize(keys, req, reply, levelOf(req), sessions);
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

/** Host headers a gateway with open endpoints on loopback answers to (any port). */
const LOCAL_HOST_HEADER = /^(localhost|127\.0\.0\.1|\[::1\])(:\d{1,5})?$/i;

/**
 * True when the gateway must check the Host header: task/read endpoints are open (no client
 * keys) and it listens on loopback, or names extra allowed hosts (GARDENOS_ALLOWED_HOSTS).
 */
export function needsHostCheck(keys: KeyRing, listenHost: string | undefined, allowedHosts: readonly string[] = []): boolean {
  return !keys.clientKeysConfigured && (listenHost === undefined || isLoopback(listenHost) || allowedHosts.length > 0);
}

/**
 * DNS rebinding: a web page the operator visits can make the browser send requests to
 * 127.0.0.1 under the page's own name. While task and read endpoints are open on loopback
 * (no client keys), only `localhost`, `127.0.0.1` and `[::1]` (with any port) are accepted as
 * Host; anything else gets 421 ERR_HOST_NOT_ALLOWED. A request without Host (HTTP/1.0) passes.
 */
export function installHostCheck(app: FastifyInstance, keys: KeyRing, listenHost: string | undefined, allowedHosts: readonly string[] = []): void {
  if (!needsHostCheck(keys, listenHost, allowedHosts)) return;
  const extra = new Set(allowedHosts);
  app.addHook("onRequest", async (req) => {
    const host = req.headers.host;
    if (host === undefined || LOCAL_HOST_HEADER.test(host)) return;
    if (extra.has(host.toLowerCase().replace(/:\d{1,5}$/, ""))) return;
    throw new HttpError("ERR_HOST_NOT_ALLOWED");
  });
}

/**
 * The gateway serves loopback only while any task or read endpoint is open: a non-loopback HOST
 * with no key at all, or with admin keys but no client keys, is refused unless
 * GARDENOS_ALLOW_NO_AUTH=true. Returns the line to log at start.
 */
export function checkExposure(keys: KeyRing, host: string, allowNoAuth: boolean): { level: "info" | "warn"; message: string } {
  if (keys.enabled && !keys.clientKeysConfigured && !isLoopback(host)) {
    if (allowNoAuth) return { level: "warn", message: `NO CLIENT KEYS and HOST=${host}: task and read endpoints are open to the network (GARDENOS_ALLOW_NO_AUTH=true); admin endpoints need an admin key` };
    throw new ConfigError(
      `HOST=${host} is not loopback and only admin keys are configured, so the task and read endpoints would be open: set GARDENOS_API_KEYS too, or HOST=127.0.0.1, or GARDENOS_ALLOW_NO_AUTH=true to accept open task endpoints`,
    );
  }
  if (keys.enabled) return { level: "info", message: "API keys configured: admin endpoints need an admin key" + (keys.clientKeysConfigured ? ", task endpoints a client key" : "") };
  if (isLoopback(host)) return { level: "info", message: `no API keys configured: auth is off, so the gateway listens on loopback only (${host})` };
  if (allowNoAuth) return { level: "warn", message: `NO API KEYS and HOST=${host}: every endpoint, admin ones included, is open to the network (GARDENOS_ALLOW_NO_AUTH=true)` };
  throw new ConfigError(
    `HOST=${host} is not loopback and no API keys are configured: set GARDENOS_ADMIN_KEYS (and GARDENOS_API_KEYS), or HOST=127.0.0.1, or GARDENOS_ALLOW_NO_AUTH=true to accept an open gateway`,
  );
}

import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { DEFAULT_TENANT, TENANT_ID } from "@gardenos/contracts";
import type { FastifyRequest } from "fastify";
import type { Principal } from "./principal.js";

/** The cookie a browser session rides on (HttpOnly, SameSite=Strict, Path=/). */
export const SESSION_COOKIE = "gardenos_session";
/** Header carrying the CSRF token on non-GET requests authenticated by the cookie. */
export const CSRF_HEADER = "x-gardenos-csrf";

interface Claims {
  /** role */
  r: Principal["role"];
  /** tenant (null: a global admin) */
  t: string | null;
  /** key id (rate limits are per key) */
  k: string | null;
  /** expiry, seconds since the epoch */
  e: number;
  /** nonce */
  n: string;
}

const b64 = (b: Buffer | string) => Buffer.from(b).toString("base64url");

/**
 * Browser sessions: a browser cannot put a key in an EventSource or WebSocket request, and a key in
 * a URL ends up in logs, so it exchanges its key (in the Authorization header, once) for a
 * short-lived token in an HttpOnly, SameSite=Strict cookie. The token is signed (HMAC-SHA256), not
 * stored: every gateway replica with the same keys accepts it, and changing the keys ends every
 * session. Requests other than GET made with the cookie must carry the session's CSRF token.
 */
export class SessionTokens {
  constructor(
    /** Derived from the configured keys (KeyRing.sessionSecret()). */
    private readonly secret: Buffer,
    readonly ttlSeconds: number,
  ) {}

  private sign(payload: string): string {
    return b64(createHmac("sha256", this.secret).update(payload).digest());
  }

  issue(p: Principal, now = Date.now()): { token: string; expiresAt: Date; csrf: string } {
    const claims: Claims = { r: p.role, t: p.tenant ?? null, k: p.keyId ?? null, e: Math.floor(now / 1000) + this.ttlSeconds, n: b64(randomBytes(9)) };
    const payload = `v1.${b64(JSON.stringify(claims))}`;
    const token = `${payload}.${this.sign(payload)}`;
    return { token, expiresAt: new Date(claims.e * 1000), csrf: this.csrfOf(token) };
  }

  /** The CSRF token of a session (derived, so nothing is stored). */
  csrfOf(token: string): string {
    return this.sign(`csrf.${token}`).slice(0, 32);
  }

  /** The principal of a valid, unexpired token; undefined otherwise. */
  verify(token: string, now = Date.now()): (Principal & { expiresAt: Date }) | undefined {
    const parts = token.split(".");
    if (parts.length !== 3 || parts[0] !== "v1") return undefined;
    const payload = `${parts[0]}.${parts[1]}`;
    const given = Buffer.from(parts[2]!, "base64url");
    const expected = Buffer.from(this.sign(payload), "base64url");
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
    let c: Claims;
    try {
      c = JSON.parse(Buffer.from(parts[1]!, "base64url").toString("utf8")) as Claims;
    } catch {
      return undefined;
    }
    if (typeof c.e !== "number" || c.e * 1000 <= now) return undefined;
    if (!["admin", "client", "reviewer"].includes(c.r)) return undefined;
    const tenant = c.t === null ? undefined : typeof c.t === "string" && TENANT_ID.test(c.t) ? c.t : DEFAULT_TENANT;
    return { role: c.r, tenant, keyId: c.k ?? undefined, via: "session", expiresAt: new Date(c.e * 1000) };
  }

  /** The session token a request carries in its cookie, if any. */
  static tokenOf(req: FastifyRequest): string | undefined {
    const header = req.headers.cookie;
    if (!header) return undefined;
    for (const part of header.split(";")) {
      const eq = part.indexOf("=");
      if (eq > 0 && part.slice(0, eq).trim() === SESSION_COOKIE) return part.slice(eq + 1).trim() || undefined;
    }
    return undefined;
  }

  /** The Set-Cookie value for a token (or for clearing it). */
  cookie(token: string | undefined, secure: boolean): string {
    const attrs = ["Path=/", "HttpOnly", "SameSite=Strict", ...(secure ? ["Secure"] : [])];
    return token ? `${SESSION_COOKIE}=${token}; Max-Age=${this.ttlSeconds}; ${attrs.join("; ")}` : `${SESSION_COOKIE}=; Max-Age=0; ${attrs.join("; ")}`;
  }
}

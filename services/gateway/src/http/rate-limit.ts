import type { FastifyInstance } from "fastify";
import { envInt } from "@gardenos/runtime";
import { HttpError } from "./errors.js";

/**
 * Per-key rate limits: a token bucket per API key (refilled continuously, so a client may burst
 * and then keeps a steady rate), 429 ERR_RATE_LIMITED with Retry-After when it is empty.
 * @fastify/rate-limit counts fixed windows (a client can send twice its limit across a window
 * edge), so this small bucket is our own.
 */

export const rateLimitConfigShape = {
  /** Requests per minute each API key may make (steady rate); 0 = no limit. Default 1200. */
  RATE_LIMIT_PER_MINUTE: envInt(1200, 0, 10_000_000),
  /** Requests a key may make at once beyond the steady rate. Default 200. */
  RATE_LIMIT_BURST: envInt(200, 1, 10_000_000),
};

/** Keys remembered at most (the least recently used bucket is forgotten beyond it). */
const MAX_BUCKETS = 100_000;

export class TokenBuckets {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private readonly perMs: number;

  constructor(
    readonly perMinute: number,
    readonly burst: number,
    private readonly now: () => number = Date.now,
  ) {
    this.perMs = perMinute / 60_000;
  }

  /** Takes one token for `key`: 0 when allowed, else the milliseconds until a token is back. */
  take(key: string): number {
    const t = this.now();
    const b = this.buckets.get(key) ?? { tokens: this.burst, at: t };
    this.buckets.delete(key); // re-inserted below: the map keeps recency order
    b.tokens = Math.min(this.burst, b.tokens + (t - b.at) * this.perMs);
    b.at = t;
    let wait = 0;
    if (b.tokens >= 1) b.tokens -= 1;
    else wait = Math.ceil((1 - b.tokens) / this.perMs);
    this.buckets.set(key, b);
    if (this.buckets.size > MAX_BUCKETS) this.buckets.delete(this.buckets.keys().next().value as string);
    return wait;
  }
}

/** Limits every request that carries a known key (install after auth, which identifies the key). */
export function installRateLimit(app: FastifyInstance, o: { perMinute: number; burst: number }): void {
  if (o.perMinute <= 0) return;
  const buckets = new TokenBuckets(o.perMinute, o.burst);
  app.addHook("onRequest", async (req, reply) => {
    const keyId = req.principal?.keyId;
    if (!keyId) return;
    const waitMs = buckets.take(keyId);
    if (waitMs > 0) {
      void reply.header("x-ratelimit-limit", String(o.perMinute));
      throw new HttpError("ERR_RATE_LIMITED", `This key may make ${o.perMinute} requests per minute (bursts of ${o.burst}); retry in ${Math.ceil(waitMs / 1000)} s`, {
        retryAfterSeconds: Math.ceil(waitMs / 1000),
      });
    }
  });
}

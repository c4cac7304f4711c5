import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * A webhook delivery's signature: `v1=` and the hex HMAC-SHA256 of `<timestamp>.<body>` under the
 * webhook's secret (the Stripe scheme), with the timestamp (Unix seconds) in its own header, so a
 * receiver can refuse a replayed delivery older than its tolerance (5 minutes).
 */
export function signature(secret: string, timestamp: number, body: string): string {
  return `v1=${createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`;
}

/** The receiver's check (the README shows the same in a few lines). */
export function verifySignature(secret: string, header: string | undefined, timestampHeader: string | undefined, body: string, now = Date.now(), toleranceSeconds = 300): boolean {
  const ts = Number(timestampHeader);
  if (!header || !Number.isInteger(ts) || Math.abs(now / 1000 - ts) > toleranceSeconds) return false;
  const expected = Buffer.from(signature(secret, ts, body));
  return header.split(",").some((part) => {
    const given = Buffer.from(part.trim());
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}

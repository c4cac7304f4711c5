import { randomUUID } from "node:crypto";

const TRACEPARENT = /^00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$/;

/**
 * A new W3C traceparent (sampled). The ids come from randomUUID, which Node draws from a cached
 * pool of random bytes: about a tenth of randomBytes' cost per call, which the intake paid twice per
 * task (≈ 3 % of its CPU). The trace id keeps the UUID's version and variant bits (122 random bits).
 */
export function newTraceparent(): string {
  const trace = randomUUID().replaceAll("-", "");
  const span = randomUUID().replaceAll("-", "").slice(16);
  return `00-${trace}-${span}-01`;
}

/** The caller's traceparent if it is valid, else a new one. */
export function traceparentOr(header: string | string[] | undefined): string {
  const h = Array.isArray(header) ? header[0] : header;
  return h && TRACEPARENT.test(h) ? h : newTraceparent();
}

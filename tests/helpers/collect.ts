import type { NatsConnection } from "@nats-io/transport-node";

/** Every event on `subject` (core NATS) from now on, and a wait for the first that matches. */
export function collect(nc: NatsConnection, subject: string) {
  const got: any[] = [];
  nc.subscribe(subject, { callback: (_e, m) => got.push(m.json()) });
  return {
    got,
    async waitFor(pred: (e: any) => boolean, timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        const hit = got.find(pred);
        if (hit) return hit;
        await new Promise((r) => setTimeout(r, 25));
      }
      throw new Error(`no event on ${subject} matched within ${timeoutMs} ms (saw ${got.length})`);
    },
  };
}

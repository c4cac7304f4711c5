import type { JetStreamClient } from "@nats-io/jetstream";
import { nowMs } from "./stats.js";

/**
 * Publishes `n` messages to JetStream with up to `window` PubAcks outstanding, the way a busy
 * CRM service would. `sentAt[i]` is when message i was handed to the client.
 */
export async function publishWindowed(
  js: JetStreamClient,
  n: number,
  window: number,
  subject: string,
  payload: (i: number) => Uint8Array,
  msgId: (i: number) => string,
  sentAt?: Float64Array,
  ratePerS?: number,
): Promise<{ startedAt: number; endedAt: number; refused: number }> {
  let next = 0;
  let refused = 0;
  const startedAt = nowMs();
  const worker = async () => {
    while (next < n) {
      const i = next++;
      const data = payload(i);
      // Paced: message i is due at start + i / rate; latency counts from when it was due.
      const due = ratePerS ? await pace(startedAt, i, ratePerS) : nowMs();
      if (sentAt) sentAt[i] = due;
      for (let attempt = 0; ; attempt++) {
        try {
          await js.publish(subject, data, { msgID: msgId(i), timeout: 30_000 });
          break;
        } catch (e) {
          if (attempt >= 5) throw e;
          refused++;
          await new Promise((r) => setTimeout(r, 100 * (attempt + 1)));
        }
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(window, n) }, worker));
  return { startedAt, endedAt: nowMs(), refused };
}

/** Waits until message i is due at `ratePerS` from `start`; returns when it was due. */
export async function pace(start: number, i: number, ratePerS: number): Promise<number> {
  const due = start + (i * 1000) / ratePerS;
  // Timers may fire up to a millisecond early: finish the wait with setImmediate.
  for (let wait = due - nowMs(); wait > 0; wait = due - nowMs()) await new Promise((r) => (wait > 2 ? setTimeout(r, wait - 1) : setImmediate(r)));
  return due;
}

import { DeliverPolicy, jetstream, jetstreamManager } from "@nats-io/jetstream";
import type { NatsConnection } from "@nats-io/transport-node";
import { Streams, type LiveEvent } from "@gardenos/contracts";
import { liveEventOf } from "./live-event.js";

/**
 * Reads RESULTS from sequence `fromSeq` to the end of the stream as it is when reached (for a
 * client resuming with Last-Event-ID), handing the events over in batches; `onBatch` may wait (the
 * client's buffer is full), which holds the reading back. Returns the first sequence the stream
 * still had (events before it were no longer retained) and the last one read.
 */
export async function replayResults(
  nc: NatsConnection,
  fromSeq: number,
  onBatch: (events: LiveEvent[]) => Promise<boolean>,
  o: { batch?: number; signal?: AbortSignal } = {},
): Promise<{ firstAvailable: number; lastSeq: number }> {
  const info = await (await jetstreamManager(nc)).streams.info(Streams.results);
  const firstAvailable = info.state.first_seq;
  const end = info.state.last_seq;
  let lastSeq = fromSeq - 1;
  if (end < fromSeq || info.state.messages === 0) return { firstAvailable, lastSeq: Math.max(lastSeq, end) };
  const consumer = await jetstream(nc).consumers.get(Streams.results, { deliver_policy: DeliverPolicy.StartSequence, opt_start_seq: Math.max(fromSeq, firstAvailable) });
  try {
    for (;;) {
      if (o.signal?.aborted) break;
      const batch = await consumer.fetch({ max_messages: o.batch ?? 256, expires: 1000 });
      const events: LiveEvent[] = [];
      let got = 0;
      let atEnd = false;
      for await (const m of batch) {
        got++;
        lastSeq = m.seq;
        const e = liveEventOf(m);
        if (e) events.push(e);
        if (m.info.pending === 0 || m.seq >= end) atEnd = true;
      }
      if (events.length && !(await onBatch(events))) break;
      if (got === 0 || atEnd) break;
    }
  } finally {
    await consumer.delete().catch(() => undefined);
  }
  return { firstAvailable, lastSeq };
}

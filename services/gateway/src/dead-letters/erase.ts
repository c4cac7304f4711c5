import type { JetStreamClient, JetStreamManager } from "@nats-io/jetstream";

/** What erasure looked at and removed in one stream. */
export interface StreamErasure {
  stream: string;
  scanned: number;
  deleted: number;
  /** False when the scan stopped at `maxScan` before the end of the stream. */
  complete: boolean;
}

const dec = new TextDecoder();

/**
 * Deletes, one by one by sequence, the messages of `stream` that `matches` says belong to a lead
 * (nats-server 2.9 cannot purge by anything but subject, and a lead has no subject of its own).
 * Reads the stream with an ordered consumer up to its last sequence at the start, at most `maxScan`
 * messages. Deleted messages are overwritten (`erase`), not only unlinked.
 */
export async function eraseFromStream(
  js: JetStreamClient,
  jsm: JetStreamManager,
  stream: string,
  matches: (subject: string, body: Record<string, unknown>) => boolean,
  o: { maxScan?: number } = {},
): Promise<StreamErasure> {
  const maxScan = o.maxScan ?? 200_000;
  const info = await jsm.streams.info(stream);
  const out: StreamErasure = { stream, scanned: 0, deleted: 0, complete: true };
  if (info.state.messages === 0) return out;
  const last = info.state.last_seq;
  const consumer = await js.consumers.get(stream);
  const hits: number[] = [];
  let seq = 0;
  scan: while (seq < last) {
    const batch = await consumer.fetch({ max_messages: 500, expires: 2000 });
    let got = 0;
    for await (const m of batch) {
      got++;
      seq = m.seq;
      out.scanned++;
      let body: unknown;
      try {
        body = JSON.parse(dec.decode(m.data));
      } catch {
        body = undefined;
      }
      if (body && typeof body === "object" && matches(m.subject, body as Record<string, unknown>)) hits.push(m.seq);
      if (seq >= last) break scan;
      if (out.scanned >= maxScan) {
        out.complete = false;
        break scan;
      }
    }
    if (got === 0) break;
  }
  for (const s of hits) {
    if (await jsm.streams.deleteMessage(stream, s, true).catch(() => false)) out.deleted++;
  }
  return out;
}

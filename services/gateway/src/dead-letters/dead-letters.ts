import { DeliverPolicy, type JetStreamClient, type JetStreamManager, type JsMsg } from "@nats-io/jetstream";
import { headers as natsHeaders } from "@nats-io/transport-node";
import { DeadLetterHeaders, Headers, Streams, Subjects, agentTypes, parseTaskSubject, type DeadLetterView } from "@gardenos/contracts";

/** A task that used up its attempts (or could never run), as kept in the DLQ stream. */
export type DeadLetter = DeadLetterView;

/** What the HTTP routes need of the dead-letter stream (a fake in route tests). */
export interface DeadLetterQueue {
  list(limit?: number, afterSeq?: number): Promise<{ items: DeadLetter[]; total: number; next_after_seq: number | null }>;
  all(taskId?: string): AsyncGenerator<DeadLetter>;
  find(taskId: string): Promise<DeadLetter | undefined>;
  replay(d: DeadLetter): Promise<void>;
}

const dec = new TextDecoder();

function toDeadLetter(m: Pick<JsMsg, "seq" | "subject" | "data" | "headers" | "info">): DeadLetter {
  const original = m.subject.slice(Subjects.deadLetterPrefix.length + 1);
  const text = dec.decode(m.data);
  let payload: unknown = text;
  try {
    payload = JSON.parse(text);
  } catch {
    // malformed tasks are kept as they came
  }
  const body = (payload && typeof payload === "object" ? payload : {}) as Record<string, unknown>;
  const attempts = m.headers?.get(DeadLetterHeaders.attempts);
  const type = parseTaskSubject(original)?.type;
  const leadId = type ? agentTypes.require(type).leadIdOf(body) : undefined;
  return {
    task_id: m.headers?.get(Headers.taskId) || (typeof body.task_id === "string" ? body.task_id : `dlq-${m.seq}`),
    seq: m.seq,
    type: type ?? null,
    original_subject: original,
    error_code: m.headers?.get(DeadLetterHeaders.errorCode) || null,
    error: m.headers?.get(DeadLetterHeaders.error) || null,
    attempts: attempts ? Number(attempts) : null,
    dead_at: new Date(Math.floor(m.info.timestampNanos / 1_000_000)).toISOString(),
    lead_id: leadId ?? null,
    payload,
  };
}

/**
 * The dead-letter stream: list what is there, and replay tasks under their own task id
 * (republished to their original subject, then removed from the DLQ).
 */
export class DeadLetters implements DeadLetterQueue {
  constructor(
    private readonly js: JetStreamClient,
    private readonly jsm: JetStreamManager,
  ) {}

  /** Dead letters from `afterSeq` on (oldest first), at most `limit`. */
  async list(limit = 100, afterSeq = 0): Promise<{ items: DeadLetter[]; total: number; next_after_seq: number | null }> {
    const info = await this.jsm.streams.info(Streams.deadLetters);
    const total = info.state.messages;
    if (total === 0 || afterSeq >= info.state.last_seq) return { items: [], total, next_after_seq: null };
    const items: DeadLetter[] = [];
    const consumer = await this.js.consumers.get(Streams.deadLetters, {
      deliver_policy: DeliverPolicy.StartSequence,
      opt_start_seq: Math.max(afterSeq + 1, info.state.first_seq),
    });
    // Read exactly what is there (replayed letters leave gaps, so sequences cannot tell).
    const want = Math.min(limit, (await consumer.info()).num_pending);
    if (want === 0) return { items: [], total, next_after_seq: null };
    const batch = await consumer.fetch({ max_messages: want, expires: 5000 });
    for await (const m of batch) {
      items.push(toDeadLetter(m));
      if (items.length >= want) break;
    }
    const last = items.at(-1);
    return { items, total, next_after_seq: last && last.seq < info.state.last_seq ? last.seq : null };
  }

  /** Every dead letter (in pages), optionally only those of one task id. */
  async *all(taskId?: string): AsyncGenerator<DeadLetter> {
    let after = 0;
    for (;;) {
      const page = await this.list(500, after);
      for (const d of page.items) if (!taskId || d.task_id === taskId) yield d;
      if (page.next_after_seq === null) return;
      after = page.next_after_seq;
    }
  }

  async find(taskId: string): Promise<DeadLetter | undefined> {
    let found: DeadLetter | undefined;
    for await (const d of this.all(taskId)) found = d; // the newest wins
    return found;
  }

  /**
   * Publishes the task again on its original subject under the same task id, then removes it
   * from the DLQ. The publish gets its own message id, so JetStream's duplicate window does not
   * drop it; the task id travels in the GardenOS-Task-Id header for payloads without one.
   */
  async replay(d: DeadLetter): Promise<void> {
    const stored = await this.jsm.streams.getMessage(Streams.deadLetters, { seq: d.seq });
    if (!stored) throw new Error(`dead letter ${d.seq} is gone`);
    const h = natsHeaders();
    const tp = stored.header?.get(Headers.traceparent);
    if (tp) h.set(Headers.traceparent, tp);
    h.set(Headers.taskId, d.task_id);
    h.set(DeadLetterHeaders.replayOf, String(d.seq));
    await this.js.publish(d.original_subject, stored.data, { msgID: `${d.task_id}:replay:${d.seq}`, headers: h });
    await this.jsm.streams.deleteMessage(Streams.deadLetters, d.seq, false);
  }
}

import type { PubAck } from "@nats-io/jetstream";
import { createInbox, headers as natsHeaders, type Msg, type MsgHdrs, type NatsConnection, type Subscription } from "@nats-io/transport-node";

/** A JetStream publish that got no PubAck in time (the caller retries with the same msgID). */
export class PubAckTimeoutError extends Error {
  override name = "PubAckTimeoutError";
}

/** JetStream refused a publish (`code` is the JetStream error code, e.g. 10077 for a full stream). */
export class PubAckRefusedError extends Error {
  override name = "PubAckRefusedError";
  constructor(
    message: string,
    readonly code: number,
    readonly status: number,
  ) {
    super(message);
  }
}

export interface LeanPublishOptions {
  msgID?: string | undefined;
  headers?: MsgHdrs | undefined;
}

interface Pending {
  resolve: (ack: PubAck) => void;
  reject: (e: Error) => void;
  deadline: number;
}

const dec = new TextDecoder();

/**
 * JetStream publishing without nats.js's per-request cost. `js.publish()` is a request: for every
 * message it builds two `Error` objects with stack traces (for a timeout that almost never
 * happens), a timer and a subscription entry — a third of the agent's CPU at thousands of tasks
 * a second. Here every publish carries a reply subject under one inbox this publisher subscribes
 * to once; PubAcks are matched by a counter, and one coarse timer fails those that take too long.
 * `send()` is a fire-and-forget publish into a stream (no PubAck asked, none sent back).
 *
 * What is stored is the same as with `js.publish()`: the same subject, payload and headers (the
 * msgID as `Nats-Msg-Id`, so JetStream deduplicates a retried publish).
 */
export class LeanPublisher {
  private readonly prefix: string;
  private readonly sub: Subscription;
  private readonly pending = new Map<number, Pending>();
  private next = 0;
  private readonly sweeper: NodeJS.Timeout;
  /** Publishes made in this turn of the event loop, written together at its end (see flush). */
  private outbox: { subject: string; data: Uint8Array; reply: string | undefined; headers: MsgHdrs | undefined; id: number }[] = [];
  private flushScheduled = false;

  constructor(
    private readonly nc: NatsConnection,
    private readonly timeoutMs = 5000,
  ) {
    // The connection's inbox prefix (a broker user may subscribe only under its own).
    this.prefix = createInbox((nc as { options?: { inboxPrefix?: string } }).options?.inboxPrefix);
    this.sub = nc.subscribe(`${this.prefix}.*`, { callback: (_e, m) => this.onReply(m) });
    this.sweeper = setInterval(() => this.sweep(), Math.max(100, Math.min(1000, timeoutMs / 4)));
    this.sweeper.unref();
  }

  /** Publishes to a stream and resolves with its PubAck; rejects on a refusal or after the timeout. */
  publish(subject: string, data: Uint8Array, o: LeanPublishOptions = {}): Promise<PubAck> {
    const id = this.next++;
    const headers = this.headersFor(o);
    return new Promise<PubAck>((resolve, reject) => {
      this.pending.set(id, { resolve, reject, deadline: Date.now() + this.timeoutMs });
      this.enqueue({ subject, data, reply: `${this.prefix}.${id}`, headers, id });
    });
  }

  /**
   * Publishes to a stream without asking for a PubAck. What is published on one connection is
   * stored in order (and this publisher keeps the order of its calls), so an event sent this way
   * before an awaited publish is stored before it.
   */
  send(subject: string, data: Uint8Array, o: LeanPublishOptions = {}): void {
    this.enqueue({ subject, data, reply: undefined, headers: this.headersFor(o), id: -1 });
  }

  /**
   * nats.js writes to the socket at the end of each microtask batch, so publishes made from
   * different tasks' continuations mostly leave as separate writes. Queued here and handed over
   * together once per turn of the event loop, they leave as one.
   */
  private enqueue(p: (typeof this.outbox)[number]): void {
    this.outbox.push(p);
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(() => this.flush());
  }

  private flush(): void {
    this.flushScheduled = false;
    const batch = this.outbox;
    this.outbox = [];
    for (const p of batch) {
      try {
        this.nc.publish(p.subject, p.data, { ...(p.reply ? { reply: p.reply } : {}), ...(p.headers ? { headers: p.headers } : {}) });
      } catch (e) {
        // The connection is closed or draining: the publish fails at once.
        const pending = this.pending.get(p.id);
        this.pending.delete(p.id);
        pending?.reject(e as Error);
      }
    }
  }

  private headersFor(o: LeanPublishOptions): MsgHdrs | undefined {
    if (!o.msgID) return o.headers;
    const h = o.headers ?? natsHeaders();
    h.set("Nats-Msg-Id", o.msgID);
    return h;
  }

  private onReply(m: Msg): void {
    const id = Number(m.subject.slice(this.prefix.length + 1));
    const p = this.pending.get(id);
    if (!p) return;
    this.pending.delete(id);
    // No stream listens on the subject: the server answers with a 503 status and no body.
    if (m.data.length === 0) {
      p.reject(new PubAckRefusedError(`no stream answered (status ${m.headers?.code ?? 503})`, 0, m.headers?.code ?? 503));
      return;
    }
    try {
      const ack = JSON.parse(dec.decode(m.data)) as PubAck & { error?: { code: number; err_code?: number; description?: string } };
      if (ack.error) p.reject(new PubAckRefusedError(ack.error.description ?? "publish refused", ack.error.err_code ?? 0, ack.error.code));
      // The server leaves `duplicate` out unless it is true (nats.js fills it in too).
      else p.resolve({ ...ack, duplicate: ack.duplicate === true });
    } catch (e) {
      p.reject(e as Error);
    }
  }

  private sweep(): void {
    const now = Date.now();
    // Deadlines grow with the id (one timeout for all), so the oldest come first.
    for (const [id, p] of this.pending) {
      if (p.deadline > now) break;
      this.pending.delete(id);
      p.reject(new PubAckTimeoutError(`no PubAck within ${this.timeoutMs} ms`));
    }
  }

  /** Fails what still waits and stops listening. Safe to call twice. */
  close(): void {
    clearInterval(this.sweeper);
    for (const p of this.pending.values()) p.reject(new PubAckTimeoutError("publisher closed"));
    this.pending.clear();
    if (!this.sub.isClosed()) this.sub.unsubscribe();
  }
}

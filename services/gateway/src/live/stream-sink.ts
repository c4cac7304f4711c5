import { ErrorCodes, type LiveEvent } from "@gardenos/contracts";
import type { EncodedEvent, LiveFilter, LiveSubscriber } from "./live-hub.js";

/** Where a sink writes: an SSE response or a WebSocket, with what it holds unsent. */
export interface SinkTransport {
  /** Sends one event (SSE: the frame; WebSocket: the JSON text). */
  send(e: EncodedEvent): void;
  /** Sends a named message that is not a task event (`status`, `gap`, the final `error`). */
  sendOther(name: string, data: unknown): void;
  /** Bytes written but not yet taken by the client (the socket's buffer). */
  buffered(): number;
  /** Ends the stream politely (what is buffered still goes out). */
  end(): void;
  /** Drops the connection at once. */
  destroy(): void;
}

export interface SinkOptions {
  tenant: string | undefined;
  filter: LiveFilter;
  /**
   * Bytes a client may leave unread for longer than `graceMs` (a burst may go over for a moment);
   * four times as much cuts it off at once. So one client never holds more than 4× this.
   */
  maxBufferedBytes: number;
  /** How long a client may stay over `maxBufferedBytes`. Default 2000 ms. */
  graceMs?: number;
  /** After the final message, how long a client that still reads nothing keeps its socket. */
  closeGraceMs?: number;
  /** Called once when the sink closes (unsubscribe, timers). */
  onClose?: () => void;
  /** Called when the client is cut off as a slow consumer, with why (the gateway logs it). */
  onCutOff?: (why: CutOff) => void;
}

/** Why a client was cut off: what it left unread and which rule it broke. */
export interface CutOff {
  /** `hard_limit`: over 4× the limit; `grace`: over the limit for longer than the grace time; `held`: too much held back during a replay; `replay`: a replay it did not read within its time. */
  reason: "hard_limit" | "grace" | "held" | "replay";
  /** Bytes it had not taken (beyond the socket buffers), at the cut. */
  buffered: number;
  /** Milliseconds since it first went over the limit (this time). */
  over_ms: number;
  /** The last sequence it was sent (its Last-Event-ID to resume from). */
  last_event_id: number | null;
}

/**
 * One client of the live streams. Events go straight to the transport while the client keeps up;
 * once more than `maxBufferedBytes` sit unread for longer than the grace time (or four times as
 * much at any moment) it gets a final `error` message (ERR_SLOW_CONSUMER,
 * with the last sequence it was sent, to resume from with Last-Event-ID) and the stream is closed,
 * so the gateway's memory does not grow with a slow client. While a resuming client's history is
 * replayed, live events wait in a bounded list and are sent after it, without duplicates.
 */
export class StreamSink implements LiveSubscriber {
  readonly tenant: string | undefined;
  readonly filter: LiveFilter;
  /** Highest RESULTS sequence sent. */
  lastSeq = 0;
  sent = 0;
  closed = false;
  private held: { e: LiveEvent; encoded: EncodedEvent }[] | undefined;
  private heldBytes = 0;
  private killTimer: NodeJS.Timeout | undefined;
  private graceTimer: NodeJS.Timeout | undefined;
  /** When the client last went over the limit (performance.now()). */
  private overSince = 0;

  constructor(
    private readonly transport: SinkTransport,
    private readonly o: SinkOptions,
  ) {
    this.tenant = o.tenant;
    this.filter = o.filter;
  }

  /** Holds live events back (while history is replayed) until release(). */
  hold(): void {
    this.held = [];
  }

  /** Sends what was held (newer than what the replay sent) and goes live. */
  release(): void {
    const held = this.held ?? [];
    this.held = undefined;
    this.heldBytes = 0;
    for (const h of held) this.deliver(h.e, h.encoded);
  }

  get full(): boolean {
    return this.transport.buffered() > this.o.maxBufferedBytes;
  }

  /** After a write: cut off at 4× the limit, or when still over the limit after the grace time. */
  private checkBuffer(): void {
    const buffered = this.transport.buffered();
    if (buffered > 4 * this.o.maxBufferedBytes) return this.cutOff("hard_limit");
    if (buffered > this.o.maxBufferedBytes && !this.graceTimer) {
      this.overSince = performance.now();
      this.graceTimer = setTimeout(() => {
        this.graceTimer = undefined;
        if (this.full) this.cutOff("grace");
      }, this.o.graceMs ?? 2000);
      this.graceTimer.unref();
    }
  }

  deliver(e: LiveEvent, encoded: EncodedEvent): void {
    if (this.closed) return;
    if (this.held) {
      this.held.push({ e, encoded });
      this.heldBytes += encoded.sse.length;
      if (this.heldBytes > 4 * this.o.maxBufferedBytes) this.cutOff("held");
      return;
    }
    if (e.seq !== null) {
      if (e.seq <= this.lastSeq) return;
      this.lastSeq = e.seq;
    }
    this.transport.send(encoded);
    this.sent++;
    this.checkBuffer();
  }

  /** Sends a replayed event (before the held live ones; the reader waits with drained()). */
  replayed(e: LiveEvent, encoded: EncodedEvent): void {
    if (this.closed || e.seq === null || e.seq <= this.lastSeq) return;
    this.lastSeq = e.seq;
    this.transport.send(encoded);
    this.sent++;
  }

  /** Waits until the client has taken what was sent (below the limit); false (and cut off) after `ms`. */
  async drained(ms: number): Promise<boolean> {
    const deadline = Date.now() + ms;
    while (!this.closed && this.full) {
      if (Date.now() > deadline) {
        this.cutOff("replay");
        return false;
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    return !this.closed;
  }

  /** Sends a message that is not a task event. */
  other(name: string, data: unknown): void {
    if (this.closed) return;
    this.transport.sendOther(name, data);
    this.checkBuffer();
  }

  /** The client fell behind: a final message, then the stream ends (and the socket goes if it still reads nothing). */
  cutOff(reason: CutOff["reason"] = "hard_limit"): void {
    if (this.closed) return;
    this.o.onCutOff?.({ reason, buffered: reason === "held" ? this.heldBytes : this.transport.buffered(), over_ms: this.graceTimer || reason === "grace" ? Math.round(performance.now() - this.overSince) : 0, last_event_id: this.lastSeq || null });
    this.transport.sendOther("error", {
      error: { code: "ERR_SLOW_CONSUMER", message: ErrorCodes.ERR_SLOW_CONSUMER.message },
      last_event_id: this.lastSeq || null,
    });
    this.close();
    this.killTimer = setTimeout(() => this.transport.destroy(), this.o.closeGraceMs ?? 5000);
    this.killTimer.unref();
  }

  /** Ends the stream (idempotent). */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.held = undefined;
    if (this.graceTimer) clearTimeout(this.graceTimer);
    this.transport.end();
    this.o.onClose?.();
  }

  /** The client went away. */
  gone(): void {
    if (this.killTimer) clearTimeout(this.killTimer);
    if (this.closed) return;
    this.closed = true;
    this.held = undefined;
    this.o.onClose?.();
  }
}

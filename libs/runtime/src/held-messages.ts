/** What HeldMessages needs of a JetStream message (nats.js `JsMsg`). */
export interface WorkingMsg {
  working(): void;
}

/**
 * The messages a consumer has taken and not yet settled (acked, nak'd or terminated), kept alive
 * with `working()` every third of the consumer's ack wait. That lets the ack wait be short — after
 * a crash, what the dead process held is delivered again within it — while a message that waits
 * here behind others, or whose handling takes long (a database that is slow or down), is never
 * delivered a second time meanwhile. Hold a message when it arrives, release it once settled.
 */
export class HeldMessages<M extends WorkingMsg = WorkingMsg> {
  private readonly held = new Set<M>();
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly ackWaitSeconds: number) {}

  /** Starts the keep-alive timer (idempotent). */
  start(): this {
    if (!this.timer) {
      this.timer = setInterval(() => this.keepAlive(), (this.ackWaitSeconds * 1000) / 3);
      this.timer.unref();
    }
    return this;
  }

  hold(m: M): void {
    this.held.add(m);
  }

  release(m: M): void {
    this.held.delete(m);
  }

  get size(): number {
    return this.held.size;
  }

  /** Sends working() for every message held now. */
  keepAlive(): void {
    for (const m of this.held) m.working();
  }

  /** Stops the timer; what is still held is left to the ack wait. Safe to call twice. */
  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    this.held.clear();
  }
}

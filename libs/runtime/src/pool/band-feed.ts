import type { Consumer, ConsumerMessages, JsMsg } from "@nats-io/jetstream";
import type { Band } from "@gardenos/contracts";
import { errorMessage } from "../errors.js";
import type { Logger } from "../logger.js";

export interface BandFeedOptions {
  band: Band;
  /** The band's durable consumer (shared by every replica). */
  consumer: Pick<Consumer, "fetch">;
  /** Most messages held here at once (waiting for an agent). */
  prefetch: number;
  /** Called when a message was added to the queue. */
  onMessage: (band: Band) => void;
  log: Logger;
}

/** How long one pull waits on an empty band before it is renewed (the client's minimum is 1 s). */
const PULL_EXPIRES_MS = 5000;

/**
 * One band's supply of tasks: pulls batches (`fetch`) from the band's consumer and keeps every
 * message it received in its own queue until an agent takes it. Unlike `consume()`, whose
 * iterator holds a batch where nobody can reach it, every message this process holds is here
 * (or with an agent), so the pool can keep each one alive with working() and the consumers can
 * use a short ack wait. A new pull goes out once half the queue has been taken (one at a time).
 */
export class BandFeed {
  private readonly queue: JsMsg[] = [];
  private current: ConsumerMessages | undefined;
  private wake: (() => void) | undefined;
  private running = false;
  private loop: Promise<void> | undefined;

  constructor(private readonly o: BandFeedOptions) {}

  get band(): Band {
    return this.o.band;
  }

  /** Messages waiting here for an agent. */
  get size(): number {
    return this.queue.length;
  }

  /** The messages waiting here (left in place). */
  waiting(): readonly JsMsg[] {
    return this.queue;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.pullLoop();
  }

  /** The next waiting message, if any. */
  take(): JsMsg | undefined {
    const m = this.queue.shift();
    if (this.queue.length <= this.refillBelow()) this.wakeUp();
    return m;
  }

  private refillBelow(): number {
    return Math.floor(this.o.prefetch / 2);
  }

  private wakeUp(): void {
    const w = this.wake;
    this.wake = undefined;
    w?.();
  }

  private async pullLoop(): Promise<void> {
    let failures = 0;
    while (this.running) {
      if (this.queue.length > this.refillBelow()) {
        await new Promise<void>((r) => (this.wake = r));
        continue;
      }
      try {
        const batch = await this.o.consumer.fetch({ max_messages: this.o.prefetch - this.queue.length, expires: PULL_EXPIRES_MS });
        this.current = batch;
        for await (const m of batch) {
          if (!this.running) {
            m.nak(); // stopped meanwhile: straight back to another replica
            continue;
          }
          this.queue.push(m);
          this.o.onMessage(this.o.band);
        }
        failures = 0;
      } catch (e) {
        if (!this.running) break;
        // The server restarts, the consumer is (re)created, heartbeats were missed: pull again
        // after a short pause (the connection reconnects by itself).
        if (failures++ === 0) this.o.log.warn({ band: this.o.band, err: errorMessage(e) }, "pulling tasks failed; retrying");
        await new Promise<void>((r) => {
          this.wake = r;
          setTimeout(() => this.wakeUp(), Math.min(2000, 250 * failures)).unref();
        });
      } finally {
        this.current = undefined;
      }
    }
  }

  /** Stops pulling; returns the messages that were waiting (the caller hands them back). */
  async stop(): Promise<JsMsg[]> {
    this.running = false;
    await this.current?.close().catch(() => undefined);
    this.wakeUp();
    await this.loop;
    return this.queue.splice(0);
  }
}

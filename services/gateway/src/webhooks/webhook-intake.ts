import { AckPolicy, DeliverPolicy, jetstream, type ConsumerMessages, type JetStreamManager, type JsMsg } from "@nats-io/jetstream";
import { nanos, type NatsConnection } from "@nats-io/transport-node";
import { Streams, WEBHOOK_CONSUMER, type LiveEvent } from "@gardenos/contracts";
import { GATEWAY_ACK_WAIT_SECONDS, HeldMessages, ensureDurableConsumer, errorMessage, type Logger } from "@gardenos/runtime";
import type { Webhook } from "../db/schema.js";
import { liveEventOf } from "../live/live-event.js";
import type { TaskMetaCache } from "../live/task-meta.js";
import type { WebhookStore } from "./webhook-store.js";

/** Webhooks may subscribe to reactions too (the live streams do not). */
const WITH_REACTIONS = { reactions: true } as const;

/**
 * The durable consumer of RESULTS the webhooks are fed from (new events only: a first start does
 * not replay history); an existing one gets the current ack wait.
 */
export async function ensureWebhookConsumer(jsm: JetStreamManager): Promise<void> {
  await ensureDurableConsumer(jsm, Streams.results, {
    durable_name: WEBHOOK_CONSUMER,
    ack_policy: AckPolicy.Explicit,
    deliver_policy: DeliverPolicy.New,
    ack_wait: nanos(GATEWAY_ACK_WAIT_SECONDS * 1000),
    max_ack_pending: 5000,
    description: "GardenOS gateway: queues webhook deliveries",
  });
}

/** When JetStream stored the event (ms since the epoch). */
function storedAtMs(m: JsMsg): number {
  return Math.floor(Number(m.info.timestampNanos) / 1e6);
}

function wants(h: Webhook, e: LiveEvent): boolean {
  const events = h.events as string[];
  return events.includes("*") || events.includes(e.event);
}

/**
 * Turns RESULTS events into webhook deliveries: a durable consumer shared by every gateway replica
 * (each event is taken by one), which writes one delivery row per matching webhook of the task's
 * tenant — idempotent by webhook and stream sequence — and acks the events only after that commit.
 * Nothing is delivered from memory: the sender works from those rows, so a crash loses nothing.
 *
 * A webhook gets the events stored after it was created. While no webhook exists the intake does
 * not consume at all (reading and acking each task's two events cost nats-server up to a sixth of
 * its CPU per task for nothing); the events stored meanwhile wait on the durable consumer and,
 * once a webhook appears, are read and acked without a delivery, being older than it.
 */
export class WebhookIntake {
  private messages: ConsumerMessages | undefined;
  private buffer: JsMsg[] = [];
  /** Events buffered or being queued: kept alive, so the consumer's ack wait can be short. */
  private readonly held = new HeldMessages<JsMsg>(GATEWAY_ACK_WAIT_SECONDS);
  private flushing: Promise<void> | undefined;
  /** consume() under way. */
  private starting: Promise<void> | undefined;
  private byTenant = new Map<string, Webhook[]>();
  private refreshTimer: NodeJS.Timeout | undefined;
  private stopped = false;
  queued = 0;

  constructor(
    private readonly nc: NatsConnection,
    private readonly store: WebhookStore,
    private readonly meta: TaskMetaCache,
    private readonly log: Logger,
    /** Told when deliveries were queued (the sender starts at once instead of at its next poll). */
    private readonly onQueued: () => void,
  ) {}

  async start(): Promise<void> {
    this.held.start();
    await this.refresh();
    this.refreshTimer = setInterval(() => void this.refresh().catch(() => undefined), 5000);
    this.refreshTimer.unref();
  }

  /** Re-reads the webhooks (every 5 s, and at once after this replica added or removed one); consumes only while there is one. */
  async refresh(): Promise<void> {
    const all = await this.store.all();
    const by = new Map<string, Webhook[]>();
    for (const h of all) by.set(h.tenant, [...(by.get(h.tenant) ?? []), h]);
    this.byTenant = by;
    if (by.size > 0) await this.consume();
    else await this.pause();
  }

  /** Starts consuming (once, however many refreshes ask at the same time). */
  private consume(): Promise<void> {
    if (this.messages || this.stopped) return Promise.resolve();
    this.starting ??= (async () => {
      const consumer = await jetstream(this.nc).consumers.get(Streams.results, WEBHOOK_CONSUMER);
      if (this.stopped) return;
      this.messages = await consumer.consume({
        max_messages: 1000,
        callback: (m) => {
          this.held.hold(m);
          this.buffer.push(m);
          this.schedule();
        },
      });
    })().finally(() => (this.starting = undefined));
    return this.starting;
  }

  /** Stops consuming; what is still buffered is settled by the next flush (acked: no webhook wants it). */
  private async pause(): Promise<void> {
    await this.starting?.catch(() => undefined);
    const messages = this.messages;
    if (!messages) return;
    this.messages = undefined;
    await messages.close().catch(() => undefined);
  }

  private schedule(): void {
    if (this.flushing || this.stopped) return;
    this.flushing = new Promise<void>((r) => setImmediate(r))
      .then(() => this.flush())
      .finally(() => {
        this.flushing = undefined;
        if (this.buffer.length) this.schedule();
      });
  }

  private async flush(): Promise<void> {
    const batch = this.buffer.splice(0, 500);
    if (batch.length === 0) return;
    try {
      await this.queue(batch);
    } finally {
      for (const m of batch) this.held.release(m);
    }
  }

  /** Writes the delivery rows of a batch of events, then acks them (or naks them all). */
  private async queue(batch: JsMsg[]): Promise<void> {
    if (this.byTenant.size === 0) {
      for (const m of batch) m.ack();
      return;
    }
    try {
      // Events older than every webhook (those that waited while there was none) are only acked:
      // not parsed, and no task looked up for them.
      let oldestHook = Infinity;
      for (const hooks of this.byTenant.values()) for (const h of hooks) oldestHook = Math.min(oldestHook, h.createdAt.getTime());
      const events = batch.flatMap((m) => {
        const storedAt = storedAtMs(m);
        if (storedAt < oldestHook) return [];
        const e = liveEventOf(m, WITH_REACTIONS);
        return e ? [{ e, storedAt }] : [];
      });
      await this.meta.resolve(events.map(({ e }) => e.task_id));
      const items: { webhookId: string; tenant: string; event: LiveEvent }[] = [];
      for (const { e: raw, storedAt } of events) {
        const tenant = this.meta.tenantOf(raw.task_id);
        const hooks = this.byTenant.get(tenant);
        if (!hooks) continue;
        const m = this.meta.get(raw.task_id);
        const e = raw.lead_id === null && m?.leadId ? { ...raw, lead_id: m.leadId } : raw;
        // A webhook gets the events stored after it was created (not those that waited while none existed).
        for (const h of hooks) if (wants(h, e) && storedAt >= h.createdAt.getTime()) items.push({ webhookId: h.id, tenant, event: e });
      }
      const n = await this.store.enqueue(items);
      for (const m of batch) m.ack();
      this.queued += n;
      if (n > 0) this.onQueued();
    } catch (e) {
      // The database is down: nothing is acked; the events come back.
      this.log.warn({ err: errorMessage(e), events: batch.length }, "could not queue webhook deliveries; retrying");
      for (const m of batch) m.nak(2000);
      await new Promise((r) => setTimeout(r, 1000));
    }
  }

  async stop(): Promise<void> {
    if (this.refreshTimer) clearInterval(this.refreshTimer);
    this.stopped = true;
    await this.pause();
    await this.flushing;
    this.held.stop();
  }
}

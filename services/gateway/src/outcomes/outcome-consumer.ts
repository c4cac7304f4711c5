import { jetstream, type ConsumerMessages, type JsMsg } from "@nats-io/jetstream";
import type { NatsConnection } from "@nats-io/transport-node";
import { OUTCOME_CONSUMER, Streams, Subjects } from "@gardenos/contracts";
import { GATEWAY_ACK_WAIT_SECONDS, HeldMessages, errorMessage, type Logger } from "@gardenos/runtime";
import type { OutcomeStore } from "./outcome-store.js";
import { outcomeRefusal, readOutcomeEvent, type OutcomeRead } from "./outcome-event.js";

const enc = new TextEncoder();
/** Tasks published straight to NATS belong to this tenant, and so do outcomes. */
const EVENT_TENANT = "default";

/**
 * Stores the `lead.outcome` events CRM services publish (durable consumer on RESULTS). An event
 * that is not JSON or breaks the contract is answered on `task.failed` (type `lead_outcome`,
 * ERR_EVENT_MALFORMED / ERR_EVENT_INVALID, naming the fields; the same event also on
 * `lead.outcome.refused`) and nothing is stored; while
 * the database is down the events wait in the stream.
 */
export class OutcomeConsumer {
  private messages: ConsumerMessages | undefined;
  private chain: Promise<void> = Promise.resolve();
  /** Events waiting in the chain or being stored: kept alive, so the consumer's ack wait can be short. */
  private readonly held = new HeldMessages<JsMsg>(GATEWAY_ACK_WAIT_SECONDS);
  stored = 0;

  constructor(
    private readonly nc: NatsConnection,
    private readonly store: Pick<OutcomeStore, "record">,
    private readonly log: Logger,
  ) {}

  async start(): Promise<void> {
    const consumer = await jetstream(this.nc).consumers.get(Streams.results, OUTCOME_CONSUMER);
    this.held.start();
    this.messages = await consumer.consume({
      max_messages: 200,
      callback: (m) => {
        this.held.hold(m);
        this.chain = this.chain
          .then(() => this.handle(m))
          .catch((e: unknown) => this.log.warn({ err: errorMessage(e) }, "outcome event not handled; it comes back"))
          .finally(() => this.held.release(m));
      },
    });
  }

  private async handle(m: JsMsg): Promise<void> {
    const read = readOutcomeEvent(m.data);
    if (!read.ok) return this.refuse(m, read);
    try {
      const r = await this.store.record(EVENT_TENANT, [read.item], "event");
      this.stored += r.stored;
      m.ack();
    } catch (e) {
      this.log.warn({ err: errorMessage(e), seq: m.seq }, "could not store an outcome event; retrying");
      m.nak(2000);
    }
  }

  /** Answers a bad outcome on task.failed and lead.outcome.refused (the same event), then drops it. */
  private async refuse(m: JsMsg, read: Extract<OutcomeRead, { ok: false }>): Promise<void> {
    const event = outcomeRefusal(read, m.headers?.get("Nats-Msg-Id") || `outcome-${m.seq}`, m.data);
    const body = enc.encode(JSON.stringify(event));
    try {
      const js = jetstream(this.nc);
      await js.publish(Subjects.taskFailed, body, { msgID: `outcome-${m.seq}:failed` });
      await js.publish(Subjects.leadOutcomeRefused, body, { msgID: `outcome-${m.seq}:refused` });
      this.log.warn({ seq: m.seq, code: read.code, error: read.message }, "outcome event refused");
      m.ack();
    } catch (e) {
      this.log.warn({ err: errorMessage(e) }, "could not publish task.failed for a bad outcome; retrying");
      m.nak(2000);
    }
  }

  async stop(): Promise<void> {
    await this.messages?.close().catch(() => undefined);
    await this.chain;
    this.held.stop();
  }
}

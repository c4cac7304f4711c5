import { jetstream, type ConsumerMessages, type JsMsg } from "@nats-io/jetstream";
import type { NatsConnection } from "@nats-io/transport-node";
import { EVENT_SCHEMA_VERSION, ErrorCodes, LeadOutcomeEvent, OUTCOME_CONSUMER, Streams, Subjects, issuesMessage, toIssues, type TaskFailedEvent } from "@gardenos/contracts";
import { errorMessage, type Logger } from "@gardenos/runtime";
import type { OutcomeStore } from "./outcome-store.js";

const enc = new TextEncoder();
/** Tasks published straight to NATS belong to this tenant, and so do outcomes. */
const EVENT_TENANT = "default";

/**
 * Stores the `lead.outcome` events CRM services publish (durable consumer on RESULTS). An event
 * that is not JSON or breaks the contract is answered on `lead.outcome.refused` in the task.failed
 * shape (ERR_EVENT_MALFORMED / ERR_EVENT_INVALID, naming the fields) and nothing is stored; while
 * the database is down the events wait in the stream.
 */
export class OutcomeConsumer {
  private messages: ConsumerMessages | undefined;
  private chain: Promise<void> = Promise.resolve();
  stored = 0;

  constructor(
    private readonly nc: NatsConnection,
    private readonly store: Pick<OutcomeStore, "record">,
    private readonly log: Logger,
  ) {}

  async start(): Promise<void> {
    const consumer = await jetstream(this.nc).consumers.get(Streams.results, OUTCOME_CONSUMER);
    this.messages = await consumer.consume({ max_messages: 200, callback: (m) => void (this.chain = this.chain.then(() => this.handle(m)).catch((e: unknown) => this.log.warn({ err: errorMessage(e) }, "outcome event not handled; it comes back"))) });
  }

  private async handle(m: JsMsg): Promise<void> {
    let data: unknown;
    try {
      data = m.json();
    } catch {
      await this.refuse(m, "ERR_EVENT_MALFORMED", ErrorCodes.ERR_EVENT_MALFORMED.message, undefined);
      return;
    }
    const parsed = LeadOutcomeEvent.safeParse(data);
    if (!parsed.success) {
      const issues = toIssues(parsed.error);
      await this.refuse(m, "ERR_EVENT_INVALID", `${ErrorCodes.ERR_EVENT_INVALID.message}: ${issuesMessage(issues)}`, issues, data);
      return;
    }
    const { schema_version: _v, ...item } = parsed.data;
    try {
      const r = await this.store.record(EVENT_TENANT, [item], "event");
      this.stored += r.stored;
      m.ack();
    } catch (e) {
      this.log.warn({ err: errorMessage(e), seq: m.seq }, "could not store an outcome event; retrying");
      m.nak(2000);
    }
  }

  private async refuse(m: JsMsg, code: "ERR_EVENT_MALFORMED" | "ERR_EVENT_INVALID", message: string, issues: { path: string; message: string }[] | undefined, data?: unknown): Promise<void> {
    const id = (data as { outcome_id?: unknown } | undefined)?.outcome_id;
    const event: TaskFailedEvent = {
      schema_version: EVENT_SCHEMA_VERSION,
      task_id: typeof id === "string" && id && id.length <= 500 ? id : m.headers?.get("Nats-Msg-Id") || `outcome-${m.seq}`,
      subject: Subjects.leadOutcome,
      agent_id: "gateway",
      attempts: 1,
      error: { code, message: message.slice(0, 20_000), retryable: false, ...(issues ? { issues } : {}) },
      failed_at: new Date().toISOString(),
      payload: new TextDecoder().decode(m.data.subarray(0, 4096)),
    };
    try {
      await jetstream(this.nc).publish(Subjects.leadOutcomeRefused, enc.encode(JSON.stringify(event)), { msgID: `outcome-${m.seq}:refused` });
      this.log.warn({ seq: m.seq, code, error: message }, "outcome event refused");
      m.ack();
    } catch (e) {
      this.log.warn({ err: errorMessage(e) }, "could not publish lead.outcome.refused for a bad outcome; retrying");
      m.nak(2000);
    }
  }

  async stop(): Promise<void> {
    await this.messages?.close().catch(() => undefined);
    await this.chain;
  }
}

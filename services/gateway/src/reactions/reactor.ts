import { jetstream, type ConsumerMessages, type JsMsg } from "@nats-io/jetstream";
import type { NatsConnection } from "@nats-io/transport-node";
import { DEFAULT_TENANT, REACTION_CONSUMER, Streams, reactionSubject, tenantSubject, type AgentTypeDefinition, type EmailReply } from "@gardenos/contracts";
import { GATEWAY_ACK_WAIT_SECONDS, HeldMessages, errorMessage, type Logger } from "@gardenos/runtime";
import type { AiInteraction } from "../db/schema.js";
import type { ClassifiedReply, Reactions } from "./react.js";
import { foldText } from "./email-text.js";

const enc = new TextEncoder();
/** Redeliveries to wait for the task's row (the recorder may not have written it yet) before reacting without the e-mail. */
const ROW_WAITS = 5;

/**
 * The reactor: a durable consumer of the classification results (`email.classified`) on RESULTS.
 * For each it reads the task's tenant and e-mail from the store of record, reacts (reactions are
 * idempotent), publishes `email.reaction.<kind>` (message id `<task id>:reaction`) and acks; a
 * failure (database or broker down) naks and the event comes back.
 */
export class Reactor {
  private messages: ConsumerMessages | undefined;
  private chain: Promise<void> = Promise.resolve();
  /** Events waiting in the chain or being reacted to: kept alive, so the consumer's ack wait can be short. */
  private readonly held = new HeldMessages<JsMsg>(GATEWAY_ACK_WAIT_SECONDS);
  reacted = 0;

  constructor(
    private readonly nc: NatsConnection,
    private readonly def: AgentTypeDefinition,
    private readonly tasks: { get(taskId: string): Promise<AiInteraction | undefined> },
    private readonly reactions: Reactions,
    private readonly log: Logger,
  ) {}

  async start(): Promise<void> {
    const consumer = await jetstream(this.nc).consumers.get(Streams.results, REACTION_CONSUMER);
    this.held.start();
    this.messages = await consumer.consume({
      max_messages: 50,
      callback: (m) => {
        this.held.hold(m);
        this.chain = this.chain
          .then(() => this.handle(m))
          .catch((e: unknown) => this.log.warn({ err: errorMessage(e) }, "reaction not handled; it comes back"))
          .finally(() => this.held.release(m));
      },
    });
  }

  private async handle(m: JsMsg): Promise<void> {
    let data: unknown;
    try {
      data = m.json();
    } catch {
      m.term();
      return;
    }
    const parsed = this.def.resultEvent.safeParse(data);
    if (!parsed.success) {
      // The recorder dead-letters a result that breaks the contract; nothing to react to.
      this.log.warn({ seq: m.seq }, "classification result does not follow the contract; no reaction");
      m.term();
      return;
    }
    const ev = parsed.data as { task_id: string; lead_id?: string; result: { category: string; found?: ClassifiedReply["found"]; reply?: EmailReply; signals?: string[] } };
    try {
      const row = await this.tasks.get(ev.task_id);
      if (!row && m.info.deliveryCount < ROW_WAITS) {
        m.nak(1000);
        return;
      }
      // The e-mail as the result carries it (any publisher), else the stored input (HTTP tasks of an older agent).
      const input = (row?.input ?? {}) as { email?: ClassifiedReply["email"]; lead_id?: string };
      const reply = ev.result.reply;
      const event = await this.reactions.react({
        tenant: row?.tenant ?? DEFAULT_TENANT,
        taskId: ev.task_id,
        category: ev.result.category,
        found: ev.result.found ?? {},
        leadId: input.lead_id ?? ev.lead_id,
        email: reply ? { from: reply.from, subject: reply.subject, received_at: reply.received_at, in_reply_to: reply.in_reply_to } : input.email,
        text: reply?.text ?? (input.email?.body ? foldText(input.email.body) : ""),
        signals: ev.result.signals,
      });
      const data = enc.encode(JSON.stringify(event));
      await jetstream(this.nc).publish(reactionSubject(event.kind), data, { msgID: event.reaction_id });
      // A tenant's live copy, where only its CRM user may listen (as its results: TenantResults).
      if (event.tenant !== DEFAULT_TENANT) this.nc.publish(tenantSubject(event.tenant, reactionSubject(event.kind)), data);
      this.reacted++;
      this.log.info({ task_id: ev.task_id, category: event.category, kind: event.kind, tenant: event.tenant }, "reply reacted to");
      m.ack();
    } catch (e) {
      this.log.warn({ err: errorMessage(e), task_id: ev.task_id }, "could not react to a classified reply; retrying");
      m.nak(2000);
    }
  }

  async stop(): Promise<void> {
    await this.messages?.close().catch(() => undefined);
    await this.chain;
    this.held.stop();
  }
}

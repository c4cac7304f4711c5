import { jetstream, type ConsumerMessages, type JsMsg } from "@nats-io/jetstream";
import type { NatsConnection } from "@nats-io/transport-node";
import {
  EVENT_SCHEMA_VERSION,
  ErrorCodes,
  Headers,
  INTAKE_CONSUMER,
  Streams,
  Subjects,
  agentTypes,
  boundedTaskError,
  issuesMessage,
  parseTenantOutcomeSubject,
  parseTenantTaskSubject,
  priorityForBand,
  tenantSubject,
  toIssues,
  type ErrorCode,
  type Issue,
  type TaskFailedEvent,
} from "@gardenos/contracts";
import { GATEWAY_ACK_WAIT_SECONDS, HeldMessages, errorMessage, type Logger } from "@gardenos/runtime";
import { isHttpError } from "../http/errors.js";
import type { TaskSubmitter } from "./task-intake.js";
import type { OutcomeStore } from "../outcomes/outcome-store.js";
import { OUTCOME_EVENT_TYPE, readOutcomeEvent } from "../outcomes/outcome-event.js";
import { traceparentOr } from "./traceparent.js";

const enc = new TextEncoder();

/**
 * Tenants' tasks over NATS: a tenant's CRM publishes `tenant.<tenant>.<task subject>` (the broker
 * lets user `crm-<tenant>` publish nothing else, so the subject's tenant is the publisher's); the
 * INTAKE stream keeps it; this consumer validates it, records it for that tenant and queues it on
 * TASKS exactly as an HTTP request is (history from that tenant only, tenant header on the task),
 * and acks it only then. A task the gateway cannot take (bad event, id taken by another tenant)
 * answers `tenant.<tenant>.task.failed` naming the field; with the database down the message waits.
 * A tenant's `tenant.<tenant>.lead.outcome` is stored for that tenant the same way.
 */
export class NatsIntake {
  private messages: ConsumerMessages | undefined;
  private readonly inFlight = new Set<Promise<void>>();
  /** Messages taken and not settled yet: kept alive, so the consumer's ack wait can be short. */
  private readonly held = new HeldMessages<JsMsg>(GATEWAY_ACK_WAIT_SECONDS);
  /** Tenants allowed on this path (NATS_TENANTS); others are refused (a broker without users). */
  private readonly tenants: ReadonlySet<string>;
  accepted = 0;
  refused = 0;

  constructor(
    private readonly nc: NatsConnection,
    private readonly intake: TaskSubmitter,
    private readonly log: Logger,
    tenants: readonly string[],
    private readonly outcomes: Pick<OutcomeStore, "record">,
  ) {
    this.tenants = new Set(tenants);
  }

  async start(): Promise<void> {
    const consumer = await jetstream(this.nc).consumers.get(Streams.intake, INTAKE_CONSUMER);
    this.held.start();
    this.messages = await consumer.consume({
      max_messages: 256,
      callback: (m) => {
        this.held.hold(m);
        const p = this.take(m).finally(() => {
          this.held.release(m);
          this.inFlight.delete(p);
        });
        this.inFlight.add(p);
      },
    });
  }

  private async take(m: JsMsg): Promise<void> {
    const outcomeTenant = parseTenantOutcomeSubject(m.subject);
    if (outcomeTenant !== undefined) return this.takeOutcome(m, outcomeTenant);
    const target = parseTenantTaskSubject(m.subject);
    if (!target) return this.refuse(m, undefined, "ERR_VALIDATION", `${m.subject} is not a tenant task subject`);
    const { tenant, type, band } = target;
    if (!this.tenants.has(tenant)) return this.refuse(m, tenant, "ERR_FORBIDDEN", `tenant ${tenant} is not in NATS_TENANTS`);
    const def = agentTypes.require(type);
    let raw: unknown;
    try {
      raw = m.json();
    } catch {
      return this.refuse(m, tenant, "ERR_EVENT_MALFORMED", ErrorCodes.ERR_EVENT_MALFORMED.message, { type });
    }
    const parsed = def.taskEvent.safeParse(raw);
    const idFromBody = typeof raw === "object" && raw && typeof (raw as { task_id?: unknown }).task_id === "string" ? (raw as { task_id: string }).task_id.slice(0, 200) : undefined;
    if (!parsed.success) {
      const issues = toIssues(parsed.error);
      return this.refuse(m, tenant, "ERR_EVENT_INVALID", issuesMessage(issues), { type, issues, ...(idFromBody ? { taskId: idFromBody } : {}) });
    }
    const event = parsed.data as Record<string, unknown> & { task_id?: string; priority?: number };
    const msgId = m.headers?.get(Headers.msgId) || undefined;
    const taskId = event.task_id;
    // The gateway attaches the tenant's own history; a `history` sent by the publisher is not used.
    const body = { ...def.pickInput(event), priority: event.priority ?? priorityForBand(band), ...(taskId ? {} : msgId ? { idempotency_key: `nats:${msgId}` } : {}) };
    const incoming = m.headers?.get(Headers.traceparent);
    const traceparent = traceparentOr(incoming);
    try {
      const r = await this.intake.submit(def, body, traceparent, tenant, { ...(taskId ? { taskId } : {}), requireRecord: true });
      m.ack();
      this.accepted++;
      this.log.debug({ tenant, task_id: r.taskId, duplicate: r.duplicate }, "tenant task taken in");
    } catch (e) {
      if (isHttpError(e) && !ErrorCodes[e.code].retryable) return this.refuse(m, tenant, e.code, e.message, { type, ...(taskId ? { taskId } : {}) });
      // Database or broker unavailable: the message stays in INTAKE and comes back.
      this.log.warn({ tenant, err: errorMessage(e) }, "could not take in a tenant's task; retrying");
      m.nak(2000);
    }
  }

  /** A tenant's `lead.outcome`: stored for that tenant, or refused on its task.failed naming the fields. */
  private async takeOutcome(m: JsMsg, tenant: string): Promise<void> {
    if (!this.tenants.has(tenant)) return this.refuse(m, tenant, "ERR_FORBIDDEN", `tenant ${tenant} is not in NATS_TENANTS`);
    const read = readOutcomeEvent(m.data);
    if (!read.ok) return this.refuse(m, tenant, read.code, read.message, { type: OUTCOME_EVENT_TYPE, ...(read.issues ? { issues: read.issues } : {}), ...(read.outcomeId ? { taskId: read.outcomeId } : {}) });
    try {
      await this.outcomes.record(tenant, [read.item], "event");
      m.ack();
      this.accepted++;
    } catch (e) {
      this.log.warn({ tenant, err: errorMessage(e) }, "could not store a tenant's outcome; retrying");
      m.nak(2000);
    }
  }

  /** Tells the tenant why its task was not taken (`tenant.<tenant>.task.failed`) and drops the message. */
  private refuse(m: JsMsg, tenant: string | undefined, code: ErrorCode, message: string, o: { type?: string; issues?: Issue[]; taskId?: string } = {}): void {
    this.refused++;
    this.log.warn({ tenant, subject: m.subject, code, error: message }, "tenant task refused");
    if (tenant && this.tenants.has(tenant)) {
      const failed: TaskFailedEvent = {
        schema_version: EVENT_SCHEMA_VERSION,
        task_id: o.taskId ?? m.headers?.get(Headers.msgId)?.slice(0, 200) ?? `intake-${m.seq}`,
        ...(o.type ? { type: o.type } : {}),
        subject: m.subject.slice(0, 300),
        agent_id: "gateway",
        attempts: 1,
        error: boundedTaskError({ code, message: message.slice(0, 4000), retryable: false, ...(o.issues ? { issues: o.issues.slice(0, 100) } : {}) }),
        failed_at: new Date().toISOString(),
      };
      this.nc.publish(tenantSubject(tenant, Subjects.taskFailed), enc.encode(JSON.stringify(failed)));
    }
    m.term();
  }

  async stop(): Promise<void> {
    await this.messages?.close().catch(() => undefined);
    await Promise.allSettled([...this.inFlight]);
    this.held.stop();
  }
}

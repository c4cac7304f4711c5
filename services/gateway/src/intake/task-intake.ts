import { createHash, randomUUID } from "node:crypto";
import { JetStreamApiError, type JetStreamClient } from "@nats-io/jetstream";
import { headers as natsHeaders } from "@nats-io/transport-node";
import { DEFAULT_TENANT, EVENT_SCHEMA_VERSION, ErrorCodes, Headers, bandForPriority, taskSubject, type AgentTypeDefinition, type InteractionSummary, type Lead, type TaskEvent } from "@gardenos/contracts";
import { JsCodes, errorMessage, type Logger } from "@gardenos/runtime";
import { HttpError } from "../http/errors.js";
import type { QueuedRow } from "../recording/task-store.js";

/** What the intake needs of the store of record. */
export interface IntakeStore {
  createQueued(row: QueuedRow): Promise<boolean>;
  get(taskId: string, tenant?: string): Promise<{ status: string } | undefined>;
  remove(taskId: string): Promise<void>;
  history(lead: Lead, tenant: string): Promise<InteractionSummary[]>;
}

/**
 * Runs before a new task is published: may keep data (the analysed lead) and add input fields
 * (a follow-up's experiment variant). `lead`: the input's lead as the intake read it (undefined for
 * a type without one). A failing hook is logged and the task goes out without it.
 */
export type IntakeHook = (def: AgentTypeDefinition, input: Record<string, unknown>, tenant: string, lead: Lead | undefined) => Promise<Record<string, unknown> | undefined>;

/** A request body of any agent type: its input fields, priority and idempotency key. */
export type TaskRequest = Record<string, unknown> & { priority: number; idempotency_key?: string | undefined };

export type Submitted = { duplicate: false; taskId: string; status: "queued" } | { duplicate: true; taskId: string; status: string };

/** What the HTTP routes need to queue a task (a fake in route tests). */
export interface TaskSubmitter {
  submit(def: AgentTypeDefinition, body: TaskRequest, traceparent: string, tenant: string, o?: { taskId?: string; requireRecord?: boolean; republishQueued?: boolean }): Promise<Submitted>;
}

/**
 * Task id: random, or derived from the tenant and the idempotency key, so the same key always
 * names the same task within a tenant and two tenants' equal keys never collide (the id is also
 * JetStream's message id, so deduplication is per tenant too).
 */
export function taskIdFor(def: Pick<AgentTypeDefinition, "type" | "taskIdPrefix">, idempotencyKey?: string, tenant = "default"): string {
  if (!idempotencyKey) return `${def.taskIdPrefix}-${randomUUID()}`;
  // The default tenant keeps the ids it had before tenants existed.
  const scope = tenant === "default" ? `${def.type}\n${idempotencyKey}` : `${tenant}\n${def.type}\n${idempotencyKey}`;
  const digest = createHash("sha256").update(scope).digest("hex").slice(0, 32);
  return `${def.taskIdPrefix}-${digest}`;
}

const enc = new TextEncoder();

/**
 * Accepting a task: record it as queued, attach the lead's history where the type wants it,
 * publish it on its band's subject, and answer only once JetStream has stored it.
 */
export class TaskIntake implements TaskSubmitter {
  constructor(
    private readonly js: JetStreamClient,
    private readonly store: IntakeStore,
    private readonly log: Logger,
    private readonly hook?: IntakeHook,
  ) {}

  /**
   * `o.taskId`: the id the publisher chose (tenant intake over NATS), else one derived from the
   * idempotency key. `o.requireRecord`: refuse (throw) instead of accepting unrecorded when the
   * database is down — for a publisher that can wait (the tenant intake keeps the message).
   * `o.republishQueued`: a known task still `queued` is published again under its id (JetStream
   * drops the copy inside its 2-minute window) — for a publisher that retries after a crash that
   * may have come between recording and publishing (the scheduler).
   */
  async submit(def: AgentTypeDefinition, body: TaskRequest, traceparent: string, tenant: string, o: { taskId?: string; requireRecord?: boolean; republishQueued?: boolean } = {}): Promise<Submitted> {
    const taskId = o.taskId ?? taskIdFor(def, body.idempotency_key, tenant);
    const traceId = traceparent.split("-")[1];
    const input = def.pickInput(body);
    const lead = def.leadOf(input);
    let inserted = false;
    let dbDown = false;
    try {
      inserted = await this.store.createQueued({
        taskId,
        tenant,
        type: def.type,
        priority: body.priority,
        input,
        leadId: def.leadIdOf(input),
        leadEmail: lead?.contact?.email?.toLowerCase(),
        idempotencyKey: body.idempotency_key,
        traceId,
      });
    } catch (e) {
      if (o.requireRecord) throw new HttpError("ERR_DATABASE_UNAVAILABLE", undefined, { retryAfterSeconds: 2 });
      // The broker is the source of truth for acceptance: keep taking tasks; the recorder
      // creates the row from task.started once the database is back.
      dbDown = true;
      this.log.warn({ err: errorMessage(e), task_id: taskId, trace_id: traceId }, "could not record the task; accepting it anyway");
    }
    if (!inserted && !dbDown) {
      const existing = await this.store.get(taskId, tenant);
      // The id is taken, and not by this tenant: say so without saying anything of that task.
      if (!existing && o.taskId) throw new HttpError("ERR_TASK_ID_TAKEN");
      if (!(o.republishQueued && existing?.status === "queued")) return { duplicate: true, taskId, status: existing?.status ?? "queued" };
    }
    // Follow-up memory: earlier interactions with this lead ride on the task (none if the DB is down).
    const history =
      def.history && lead && !dbDown
        ? await this.store.history(lead, tenant).catch((e: unknown) => {
            this.log.warn({ err: errorMessage(e), task_id: taskId, trace_id: traceId }, "could not read the lead's history; sending without it");
            return [];
          })
        : [];
    const extra =
      this.hook && !dbDown
        ? await this.hook(def, input, tenant, lead).catch((e: unknown) => {
            this.log.warn({ err: errorMessage(e), task_id: taskId, trace_id: traceId }, "intake hook failed; sending the task without it");
            return undefined;
          })
        : undefined;
    const event: TaskEvent = {
      schema_version: EVENT_SCHEMA_VERSION,
      task_id: taskId,
      ...input,
      ...extra,
      priority: body.priority,
      created_at: new Date().toISOString(),
      ...(history.length > 0 ? { history } : {}),
    };
    const h = natsHeaders();
    h.set(Headers.traceparent, traceparent);
    if (tenant !== DEFAULT_TENANT) h.set(Headers.tenant, tenant);
    try {
      await this.js.publish(taskSubject(def.type, bandForPriority(body.priority)), enc.encode(JSON.stringify(event)), { msgID: taskId, headers: h });
    } catch (e) {
      if (inserted) await this.store.remove(taskId).catch(() => undefined);
      if (e instanceof JetStreamApiError && e.code === JsCodes.StreamStoreFailed) {
        throw new HttpError("ERR_QUEUE_FULL", `${ErrorCodes.ERR_QUEUE_FULL.message} (${e.message})`, { retryAfterSeconds: 5 });
      }
      this.log.error({ err: errorMessage(e), task_id: taskId, trace_id: traceId }, "publish failed");
      throw new HttpError("ERR_BROKER_UNAVAILABLE", undefined, { retryAfterSeconds: 2 });
    }
    return inserted || dbDown ? { duplicate: false, taskId, status: "queued" } : { duplicate: true, taskId, status: "queued" };
  }
}

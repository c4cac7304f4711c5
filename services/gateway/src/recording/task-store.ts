import { and, eq, inArray, sql } from "drizzle-orm";
import type { AgentType, CompletedEvent, Lead, ResultStreamEvent } from "@gardenos/contracts";
import type { Db } from "../db/index.js";
import { aiInteractions as t, type AiInteraction } from "../db/schema.js";
import type { InteractionSummary } from "@gardenos/contracts";
import { leadHistory } from "./history.js";
import { applyCompleted, applyFailed, applyRetrying, applyStarted, applyStartedThenCompleted, rounds, type Started } from "./event-writes.js";
export { taskView } from "./task-view.js";

export type { TaskStatus } from "./task-view.js";

/** What the HTTP API reads of tasks (a fake in route tests). */
export interface TaskReader {
  /** The task, if it exists and (with `tenant`) belongs to that tenant. */
  get(taskId: string, tenant?: string): Promise<AiInteraction | undefined>;
  /** The tenants of these tasks (unknown ids are left out). */
  tenantsOf(taskIds: readonly string[]): Promise<Map<string, string>>;
}

/** Batched inserts of accepted tasks in flight at once (each is one statement and one commit). */
const MAX_QUEUED_FLUSHES = 2;

/** A task accepted over HTTP, before it is published. */
export interface QueuedRow {
  taskId: string;
  tenant: string;
  type: AgentType;
  priority: number;
  /** The type's input fields. */
  input: Record<string, unknown>;
  leadId?: string | undefined;
  leadEmail?: string | undefined;
  idempotencyKey?: string | undefined;
  /** The W3C trace id of the request (shown in the dashboard's task detail). */
  traceId?: string | undefined;
}

/** One event from the RESULTS stream, parsed by contracts' parseResultEvent. */
export type RecordedEvent = ResultStreamEvent;


/** NUL and lone surrogates: valid in a JSON string, refused by Postgres in `text` and `jsonb`. */
const UNSTORABLE = /[\u0000\ud800-\udfff]/;

function storableString(v: string): string {
  if (!UNSTORABLE.test(v)) return v;
  return v.toWellFormed().replaceAll("\u0000", "\ufffd");
}

/**
 * The value with every string and key Postgres could not hold made storable (U+FFFD for NUL and
 * lone surrogates). The same object when nothing needed it, which is the usual case.
 */
export function storable<T>(value: T): T {
  if (typeof value === "string") return storableString(value) as T;
  if (Array.isArray(value)) {
    let out: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const v = storable(value[i] as unknown);
      if (v !== value[i]) (out ??= value.slice())[i] = v;
    }
    return (out ?? value) as T;
  }
  if (value !== null && typeof value === "object") {
    let out: Record<string, unknown> | undefined;
    const source = value as Record<string, unknown>;
    for (const k of Object.keys(source)) {
      const v = storable(source[k]);
      const key = storableString(k);
      if (v !== source[k] || key !== k) {
        out ??= { ...source };
        if (key !== k) delete out[k];
        out[key] = v;
      }
    }
    return (out ?? value) as T;
  }
  return value;
}

/** A parsed event with its strings made storable (see `storable`). */
function storableEvent(e: RecordedEvent): RecordedEvent {
  const event = storable(e.event);
  return event === e.event ? e : ({ ...e, event } as RecordedEvent);
}

/**
 * The `ai_interactions` table. Every write from an event is idempotent: a completed task is
 * never changed again, so a replayed or duplicated event leaves the row as it was.
 */
export class TaskStore implements TaskReader {
  /** Accepted tasks waiting for the next batched insert (see createQueued). */
  private queued: { row: QueuedRow; resolve: (inserted: boolean) => void; reject: (e: unknown) => void }[] = [];
  private queuedFlushScheduled = false;
  /** Batched inserts running; at most MAX_QUEUED_FLUSHES, so under load the batches grow instead of the commits. */
  private queuedInFlight = 0;

  constructor(private readonly db: Db) {}

  /**
   * Records an accepted task; false when a task with this id already exists. Requests that
   * arrive together are written as one statement (one JSON parameter, one round trip): at
   * thousands of requests per second this is most of the gateway's database work.
   */
  createQueued(row: QueuedRow): Promise<boolean> {
    return new Promise((resolve, reject) => {
      this.queued.push({ row, resolve, reject });
      this.scheduleQueuedFlush();
    });
  }

  private scheduleQueuedFlush(): void {
    if (this.queuedFlushScheduled || this.queuedInFlight >= MAX_QUEUED_FLUSHES || this.queued.length === 0) return;
    this.queuedFlushScheduled = true;
    setImmediate(() => {
      this.queuedFlushScheduled = false;
      void this.flushQueued().finally(() => this.scheduleQueuedFlush());
    });
  }

  private async flushQueued(): Promise<void> {
    const batch = this.queued.splice(0, 1000);
    if (batch.length === 0) return;
    this.queuedInFlight++;
    this.scheduleQueuedFlush();
    // One hostile string (NUL, a lone surrogate) must not fail the inserts of a whole batch.
    const rows = batch.map(({ row }) =>
      storable({
        task_id: row.taskId,
        tenant: row.tenant,
        type: row.type,
        priority: row.priority,
        idempotency_key: row.idempotencyKey ?? null,
        input: row.input,
        lead_id: row.leadId ?? null,
        lead_email: row.leadEmail ?? null,
        trace_id: row.traceId ?? null,
      }),
    );
    try {
      const res = (await this.db.execute(sql`
        insert into ai_interactions (task_id, tenant, type, status, priority, source, idempotency_key, input, lead_id, lead_email, trace_id)
        select x.task_id, coalesce(x.tenant, 'default'), x.type, 'queued', x.priority, 'http', x.idempotency_key, x.input, x.lead_id, x.lead_email, x.trace_id
        from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as x(task_id text, tenant text, type text, priority integer, idempotency_key text,
          input jsonb, lead_id text, lead_email text, trace_id text)
        on conflict (task_id) do nothing
        returning task_id`)) as unknown as { rows: { task_id: string }[] };
      const inserted = new Set(res.rows.map((r) => r.task_id));
      // The same id twice in one batch (a retried idempotency key): only the first one inserted it.
      for (const b of batch) {
        const mine = inserted.delete(b.row.taskId);
        b.resolve(mine);
      }
    } catch (e) {
      for (const b of batch) b.reject(e);
    } finally {
      this.queuedInFlight--;
    }
  }

  /** Removes a task that was never published (the broker refused it). */
  async remove(taskId: string): Promise<void> {
    await this.db.delete(t).where(eq(t.taskId, taskId));
  }

  /** Puts a finished task back to queued for a replay (its attempt log is kept). */
  async requeue(taskId: string): Promise<void> {
    await this.db
      .update(t)
      .set({ status: "queued", error: null, completedAt: null, updatedAt: sql`now()` })
      .where(eq(t.taskId, taskId));
  }

  /** True when the database answers a trivial query (it is up and reachable). */
  async ping(): Promise<boolean> {
    try {
      await this.db.execute(sql`select 1`);
      return true;
    } catch {
      return false;
    }
  }

  async get(taskId: string, tenant?: string): Promise<AiInteraction | undefined> {
    const rows = await this.db
      .select()
      .from(t)
      .where(tenant === undefined ? eq(t.taskId, taskId) : and(eq(t.taskId, taskId), eq(t.tenant, tenant)))
      .limit(1);
    return rows[0];
  }

  async tenantsOf(taskIds: readonly string[]): Promise<Map<string, string>> {
    if (taskIds.length === 0) return new Map();
    const rows = await this.db.select({ taskId: t.taskId, tenant: t.tenant }).from(t).where(inArray(t.taskId, [...taskIds]));
    return new Map(rows.map((r) => [r.taskId, r.tenant]));
  }

  /** Earlier completed interactions with the same lead (id or e-mail) in the same tenant, newest first: the follow-up memory. */
  history(lead: Lead, tenant: string, limit?: number): Promise<InteractionSummary[]> {
    return leadHistory(this.db, lead, tenant, limit);
  }

  /**
   * Applies result events in one transaction, with the effect of applying them one by one in
   * order. The batch is cut into rounds (round k holds the k-th event of each task), so no
   * task appears twice in a round; each round writes its started and completed events as one
   * multi-row upsert each (rows of different tasks do not interact), and the rare retrying and
   * failed events one by one.
   */
  async apply(batch: readonly RecordedEvent[]): Promise<void> {
    const events = batch.map(storableEvent);
    // The usual case, a task whose batch holds exactly its task.started and then its result, is
    // written as one row write instead of an insert and an update.
    const byTask = new Map<string, RecordedEvent[]>();
    for (const e of events) {
      const list = byTask.get(e.event.task_id);
      if (list) list.push(e);
      else byTask.set(e.event.task_id, [e]);
    }
    const pairs: { started: Started; completed: CompletedEvent }[] = [];
    const rest: RecordedEvent[] = [];
    for (const list of byTask.values()) {
      const [a, b] = list;
      if (list.length === 2 && a!.kind === "started" && b!.kind === "completed") pairs.push({ started: a!, completed: b!.event });
      else rest.push(...list);
    }
    await this.db.transaction(async (tx) => {
      const db = tx as unknown as Db;
      if (pairs.length) await applyStartedThenCompleted(db, pairs);
      for (const round of rounds(rest)) {
        const started = round.flatMap((e) => (e.kind === "started" ? [e] : []));
        const completed = round.flatMap((e) => (e.kind === "completed" ? [e.event] : []));
        if (started.length) await applyStarted(db, started);
        if (completed.length) await applyCompleted(db, completed);
        for (const e of round) {
          if (e.kind === "retrying") await applyRetrying(db, e.event);
          else if (e.kind === "failed") await applyFailed(db, e.event);
        }
      }
    });
  }
}


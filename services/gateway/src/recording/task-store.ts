import { and, eq, inArray, sql } from "drizzle-orm";
import type { AgentType, AttemptLogEntry, CompletedEvent, Lead, ResultStreamEvent, TaskFailedEvent, TaskRetryingEvent, TaskStartedEvent } from "@gardenos/contracts";
import type { Db } from "../db/index.js";
import { aiInteractions as t, type AiInteraction } from "../db/schema.js";
import type { InteractionSummary } from "@gardenos/contracts";
import { leadHistory } from "./history.js";

export type TaskStatus = "queued" | "processing" | "completed" | "failed" | "cancelled";

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

/**
 * The lead columns a task.started event fills: its `lead_id` only. task.started carries no input,
 * so a task published straight to NATS has no stored input and no `lead_email` (its follow-up
 * memory finds it by lead id only); an HTTP task's row has both from the intake.
 */
function leadColumns(e: Extract<RecordedEvent, { kind: "started" }>) {
  return {
    input: null,
    lead_id: e.event.lead_id ?? null,
    lead_email: null,
  };
}

const toDate = (s: string | undefined) => (s ? new Date(s) : undefined);

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

/** Splits events into rounds: the n-th event of each task goes to round n (order kept per task). */
function rounds(events: readonly RecordedEvent[]): RecordedEvent[][] {
  const out: RecordedEvent[][] = [];
  const seen = new Map<string, number>();
  for (const e of events) {
    const n = seen.get(e.event.task_id) ?? 0;
    seen.set(e.event.task_id, n + 1);
    (out[n] ??= []).push(e);
  }
  return out;
}

/*
 * The hot writes (task.started and results, two per task) go to Postgres as one statement per
 * round with a single JSON parameter that Postgres expands (jsonb_to_recordset): no per-row
 * query building or parameter encoding in the gateway, one round trip per round.
 */

type Started = Extract<RecordedEvent, { kind: "started" }>;

/** task.started events of distinct tasks, as one upsert. */
async function applyStarted(db: Db, events: readonly Started[]): Promise<void> {
  const rows = events.map((s) => {
    const e: TaskStartedEvent = s.event;
    const startedAt = new Date(e.started_at);
    return {
      task_id: e.task_id,
      type: e.type,
      priority: e.priority,
      ...leadColumns(s),
      attempts: e.attempt,
      agent_id: e.agent_id,
      created_at: (toDate(e.created_at) ?? startedAt).toISOString(),
      started_at: startedAt.toISOString(),
    };
  });
  await db.execute(sql`
    insert into ai_interactions as t (task_id, type, status, priority, source, input, lead_id, lead_email, attempts, agent_id, created_at, started_at)
    select x.task_id, x.type, 'processing', x.priority, 'event', x.input, x.lead_id, x.lead_email, x.attempts, x.agent_id, x.created_at, x.started_at
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as x(task_id text, type text, priority integer, input jsonb, lead_id text, lead_email text,
      attempts integer, agent_id text, created_at timestamptz, started_at timestamptz)
    on conflict (task_id) do update set
      -- Only a waiting or running task moves to processing; a finished one stays finished.
      status = case when t.status in ('queued', 'processing') then 'processing' else t.status end,
      attempts = greatest(t.attempts, excluded.attempts),
      agent_id = case when t.status in ('queued', 'processing') then excluded.agent_id else t.agent_id end,
      started_at = case when t.status in ('queued', 'processing') then excluded.started_at else t.started_at end,
      input = coalesce(t.input, excluded.input),
      lead_id = coalesce(t.lead_id, excluded.lead_id),
      lead_email = coalesce(t.lead_email, excluded.lead_email),
      updated_at = now()`);
}

/**
 * task.started followed by the result, for distinct tasks, as one upsert: a new row is written
 * completed at once (with the input and creation time from task.started); an existing unfinished
 * row takes the result and keeps its input (as the two events one by one would leave it); a
 * completed row is never changed again.
 */
async function applyStartedThenCompleted(db: Db, pairs: readonly { started: Started; completed: CompletedEvent }[]): Promise<void> {
  const rows = pairs.map(({ started, completed: e }) => ({
    task_id: e.task_id,
    type: e.type,
    priority: started.event.priority,
    ...leadColumns(started),
    created_at: (toDate(started.event.created_at) ?? new Date(started.event.started_at)).toISOString(),
    ...resultColumns(e),
  }));
  await db.execute(sql`
    insert into ai_interactions as t (task_id, type, status, priority, source, input, lead_id, lead_email, created_at, result, model,
      provider, degraded, degraded_reason, prompt_tokens, completion_tokens, prompt_cache_hit_tokens, cost_usd, latency_ms, attempts, agent_id, error,
      started_at, completed_at)
    select x.task_id, x.type, 'completed', x.priority, 'event', x.input, x.lead_id, x.lead_email, x.created_at, x.result, x.model,
      x.provider, x.degraded, x.degraded_reason, x.prompt_tokens, x.completion_tokens, x.prompt_cache_hit_tokens, x.cost_usd, x.latency_ms,
      x.attempts, x.agent_id, null, x.started_at, x.completed_at
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as x(task_id text, type text, priority integer, input jsonb, lead_id text,
      lead_email text, created_at timestamptz, result jsonb, model text, provider text, degraded boolean, degraded_reason text,
      prompt_tokens integer, completion_tokens integer, prompt_cache_hit_tokens integer, cost_usd double precision, latency_ms integer,
      attempts integer, agent_id text, started_at timestamptz, completed_at timestamptz)
    on conflict (task_id) do update set
      status = excluded.status, result = excluded.result, model = excluded.model, provider = excluded.provider,
      degraded = excluded.degraded, degraded_reason = excluded.degraded_reason, prompt_tokens = excluded.prompt_tokens,
      completion_tokens = excluded.completion_tokens, prompt_cache_hit_tokens = excluded.prompt_cache_hit_tokens,
      cost_usd = excluded.cost_usd, latency_ms = excluded.latency_ms,
      attempts = excluded.attempts, agent_id = excluded.agent_id, error = excluded.error, started_at = excluded.started_at,
      completed_at = excluded.completed_at,
      input = coalesce(t.input, excluded.input), lead_id = coalesce(t.lead_id, excluded.lead_id),
      lead_email = coalesce(t.lead_email, excluded.lead_email), updated_at = now()
    where t.status not in ('completed', 'cancelled')`);
}

/** The columns a result event fills, as the JSON rows of the batched upserts carry them. */
function resultColumns(e: CompletedEvent) {
  return {
    result: e.result,
    model: e.model,
    provider: e.provider,
    degraded: e.degraded,
    degraded_reason: e.degraded_reason ?? null,
    prompt_tokens: e.usage.prompt_tokens,
    completion_tokens: e.usage.completion_tokens,
    prompt_cache_hit_tokens: e.usage.prompt_cache_hit_tokens ?? null,
    cost_usd: e.cost_usd,
    latency_ms: Math.round(e.latency_ms),
    attempts: e.attempts,
    agent_id: e.agent_id,
    started_at: new Date(e.started_at).toISOString(),
    completed_at: new Date(e.completed_at).toISOString(),
  };
}

/** Result events of distinct tasks, as one upsert; a completed row is never changed again. */
async function applyCompleted(db: Db, events: readonly CompletedEvent[]): Promise<void> {
  const rows = events.map((e) => ({
    task_id: e.task_id,
    type: e.type,
    lead_id: e.lead_id ?? null,
    ...resultColumns(e),
  }));
  await db.execute(sql`
    insert into ai_interactions as t (task_id, type, status, source, lead_id, created_at, result, model, provider, degraded, degraded_reason,
      prompt_tokens, completion_tokens, prompt_cache_hit_tokens, cost_usd, latency_ms, attempts, agent_id, error, started_at, completed_at)
    select x.task_id, x.type, 'completed', 'event', x.lead_id, x.started_at, x.result, x.model, x.provider, x.degraded, x.degraded_reason,
      x.prompt_tokens, x.completion_tokens, x.prompt_cache_hit_tokens, x.cost_usd, x.latency_ms, x.attempts, x.agent_id, null, x.started_at,
      x.completed_at
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as x(task_id text, type text, lead_id text, result jsonb, model text, provider text,
      degraded boolean, degraded_reason text, prompt_tokens integer, completion_tokens integer, prompt_cache_hit_tokens integer,
      cost_usd double precision, latency_ms integer, attempts integer, agent_id text, started_at timestamptz, completed_at timestamptz)
    on conflict (task_id) do update set
      status = excluded.status, result = excluded.result, model = excluded.model, provider = excluded.provider,
      degraded = excluded.degraded, degraded_reason = excluded.degraded_reason, prompt_tokens = excluded.prompt_tokens,
      completion_tokens = excluded.completion_tokens, prompt_cache_hit_tokens = excluded.prompt_cache_hit_tokens,
      cost_usd = excluded.cost_usd, latency_ms = excluded.latency_ms,
      attempts = excluded.attempts, agent_id = excluded.agent_id, error = excluded.error, started_at = excluded.started_at,
      completed_at = excluded.completed_at, updated_at = now()
    where t.status not in ('completed', 'cancelled')`);
}

/** Appends to the attempt log unless this attempt is already there (replayed events change nothing). */
function appendAttempt(entry: AttemptLogEntry) {
  const json = JSON.stringify([entry]);
  return sql`case when ${t.attemptLog} @> ${json}::jsonb then ${t.attemptLog} else ${t.attemptLog} || ${json}::jsonb end`;
}

async function applyRetrying(db: Db, e: TaskRetryingEvent): Promise<void> {
  const entry: AttemptLogEntry = { attempt: e.attempt, agent_id: e.agent_id, at: e.failed_at, code: e.error.code, message: e.error.message };
  await db
    .insert(t)
    .values({ taskId: e.task_id, type: e.type, status: "queued", source: "event", attempts: e.attempt, attemptLog: [entry], createdAt: new Date(e.failed_at) })
    .onConflictDoUpdate({
      target: t.taskId,
      set: { attemptLog: appendAttempt(entry), attempts: sql`greatest(${t.attempts}, ${e.attempt})`, updatedAt: sql`now()` },
      setWhere: sql`${t.status} not in ('completed', 'failed', 'cancelled')`,
    });
}

async function applyFailed(db: Db, e: TaskFailedEvent): Promise<void> {
  const failedAt = new Date(e.failed_at);
  const entry: AttemptLogEntry = { attempt: e.attempts, agent_id: e.agent_id, at: e.failed_at, code: e.error.code, message: e.error.message };
  const values = { status: "failed", error: e.error, attempts: e.attempts, agentId: e.agent_id, completedAt: failedAt };
  await db
    .insert(t)
    .values({
      taskId: e.task_id,
      type: e.type ?? "unknown",
      source: "event",
      leadId: e.lead_id ?? null,
      createdAt: failedAt,
      attemptLog: [entry],
      ...values,
    })
    .onConflictDoUpdate({
      target: t.taskId,
      set: { ...values, attemptLog: appendAttempt(entry), updatedAt: sql`now()` },
      setWhere: sql`${t.status} not in ('completed', 'failed', 'cancelled')`,
    });
}

/** The task as `GET /ai/tasks/:id` shows it. */
export function taskView(row: AiInteraction) {
  const ms = (a: Date | null, b: Date | null) => (a && b ? Math.max(0, b.getTime() - a.getTime()) : null);
  return {
    task_id: row.taskId,
    type: row.type,
    status: row.status as TaskStatus,
    priority: row.priority,
    source: row.source,
    lead_id: row.leadId,
    result: row.result ?? null,
    error: row.error ?? null,
    attempts: row.attempts,
    attempt_log: row.attemptLog as AttemptLogEntry[],
    agent_id: row.agentId,
    model: row.model,
    provider: row.provider,
    degraded: row.degraded,
    degraded_reason: row.degradedReason,
    usage:
      row.promptTokens === null
        ? null
        : {
            prompt_tokens: row.promptTokens,
            completion_tokens: row.completionTokens ?? 0,
            ...(row.promptCacheHitTokens !== null ? { prompt_cache_hit_tokens: row.promptCacheHitTokens } : {}),
          },
    cost_usd: row.costUsd,
    latency_ms: row.latencyMs,
    created_at: row.createdAt.toISOString(),
    started_at: row.startedAt?.toISOString() ?? null,
    completed_at: row.completedAt?.toISOString() ?? null,
    timings: {
      queued_ms: ms(row.createdAt, row.startedAt),
      processing_ms: ms(row.startedAt, row.completedAt),
      total_ms: ms(row.createdAt, row.completedAt),
    },
  };
}

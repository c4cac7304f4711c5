import { sql } from "drizzle-orm";
import type { AttemptLogEntry, CompletedEvent, ResultStreamEvent as RecordedEvent, TaskFailedEvent, TaskRetryingEvent, TaskStartedEvent } from "@gardenos/contracts";
import type { Db } from "../db/index.js";
import { aiInteractions as t } from "../db/schema.js";

/** How the recorder's events become row writes: one batched statement per kind and round. */

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

/** Splits events into rounds: the n-th event of each task goes to round n (order kept per task). */
export function rounds(events: readonly RecordedEvent[]): RecordedEvent[][] {
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

export type Started = Extract<RecordedEvent, { kind: "started" }>;

/** task.started events of distinct tasks, as one upsert. */
export async function applyStarted(db: Db, events: readonly Started[]): Promise<void> {
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
export async function applyStartedThenCompleted(db: Db, pairs: readonly { started: Started; completed: CompletedEvent }[]): Promise<void> {
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
export async function applyCompleted(db: Db, events: readonly CompletedEvent[]): Promise<void> {
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

export async function applyRetrying(db: Db, e: TaskRetryingEvent): Promise<void> {
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

export async function applyFailed(db: Db, e: TaskFailedEvent): Promise<void> {
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


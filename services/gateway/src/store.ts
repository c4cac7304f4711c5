import { eq, sql } from "drizzle-orm";
import type { AgentType, AttemptLogEntry, Lead, ResultEvent, TaskFailedEvent, TaskRetryingEvent, TaskStartedEvent } from "@gardenos/contracts";
import type { Db } from "./db/index.js";
import { aiInteractions as t, type AiInteraction } from "./db/schema.js";
import type { InteractionSummary } from "@gardenos/contracts";
import { leadHistory } from "./history.js";

export type TaskStatus = "queued" | "processing" | "completed" | "failed";

/** One event from the RESULTS stream, already parsed. */
export type RecordedEvent =
  | { kind: "started"; event: TaskStartedEvent }
  | { kind: "completed"; event: ResultEvent }
  | { kind: "failed"; event: TaskFailedEvent }
  | { kind: "retrying"; event: TaskRetryingEvent };

const toDate = (s: string | undefined) => (s ? new Date(s) : undefined);

/**
 * The `ai_interactions` table. Every write from an event is idempotent: a completed task is
 * never changed again, so a replayed or duplicated event leaves the row as it was.
 */
export class TaskStore {
  constructor(private readonly db: Db) {}

  /** Records an accepted task; false when a task with this id already exists. */
  async createQueued(row: {
    taskId: string;
    type: AgentType;
    priority: number;
    lead: Lead;
    context?: string | undefined;
    idempotencyKey?: string | undefined;
  }): Promise<boolean> {
    const inserted = await this.db
      .insert(t)
      .values({
        taskId: row.taskId,
        type: row.type,
        status: "queued",
        priority: row.priority,
        source: "http",
        idempotencyKey: row.idempotencyKey ?? null,
        lead: row.lead,
        leadId: row.lead.id ?? null,
        leadEmail: row.lead.contact?.email?.toLowerCase() ?? null,
        context: row.context ?? null,
      })
      .onConflictDoNothing({ target: t.taskId })
      .returning({ taskId: t.taskId });
    return inserted.length === 1;
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

  async get(taskId: string): Promise<AiInteraction | undefined> {
    const rows = await this.db.select().from(t).where(eq(t.taskId, taskId)).limit(1);
    return rows[0];
  }

  /** Earlier completed interactions with the same lead (id or e-mail), newest first: the follow-up memory. */
  history(lead: Lead, limit?: number): Promise<InteractionSummary[]> {
    return leadHistory(this.db, lead, limit);
  }

  /** Applies result events in order, in one transaction. */
  async apply(events: readonly RecordedEvent[]): Promise<void> {
    await this.db.transaction(async (tx) => {
      for (const e of events) {
        if (e.kind === "started") await applyStarted(tx as unknown as Db, e.event);
        else if (e.kind === "completed") await applyCompleted(tx as unknown as Db, e.event);
        else if (e.kind === "retrying") await applyRetrying(tx as unknown as Db, e.event);
        else await applyFailed(tx as unknown as Db, e.event);
      }
    });
  }
}

async function applyStarted(db: Db, e: TaskStartedEvent): Promise<void> {
  const startedAt = new Date(e.started_at);
  await db
    .insert(t)
    .values({
      taskId: e.task_id,
      type: e.type,
      status: "processing",
      priority: e.priority,
      source: "event",
      lead: e.lead,
      leadId: e.lead.id ?? null,
      leadEmail: e.lead.contact?.email?.toLowerCase() ?? null,
      context: e.context ?? null,
      attempts: e.attempt,
      agentId: e.agent_id,
      createdAt: toDate(e.created_at) ?? startedAt,
      startedAt,
    })
    .onConflictDoUpdate({
      target: t.taskId,
      set: {
        // Only a waiting or running task moves to processing; a finished one stays finished.
        status: sql`case when ${t.status} in ('queued', 'processing') then 'processing' else ${t.status} end`,
        attempts: sql`greatest(${t.attempts}, ${e.attempt})`,
        agentId: sql`case when ${t.status} in ('queued', 'processing') then ${e.agent_id} else ${t.agentId} end`,
        startedAt: sql`case when ${t.status} in ('queued', 'processing') then ${startedAt.toISOString()}::timestamptz else ${t.startedAt} end`,
        lead: sql`coalesce(${t.lead}, excluded.lead)`,
        leadId: sql`coalesce(${t.leadId}, excluded.lead_id)`,
        leadEmail: sql`coalesce(${t.leadEmail}, excluded.lead_email)`,
        updatedAt: sql`now()`,
      },
    });
}

async function applyCompleted(db: Db, e: ResultEvent): Promise<void> {
  const values = {
    status: "completed",
    result: e.result,
    model: e.model,
    provider: e.provider,
    degraded: e.degraded,
    degradedReason: e.degraded_reason ?? null,
    promptTokens: e.usage.prompt_tokens,
    completionTokens: e.usage.completion_tokens,
    costUsd: e.cost_usd,
    latencyMs: Math.round(e.latency_ms),
    attempts: e.attempts,
    agentId: e.agent_id,
    error: null,
    startedAt: new Date(e.started_at),
    completedAt: new Date(e.completed_at),
  };
  await db
    .insert(t)
    .values({ taskId: e.task_id, type: e.type, source: "event", leadId: e.lead_id ?? null, createdAt: new Date(e.started_at), ...values })
    .onConflictDoUpdate({
      target: t.taskId,
      set: { ...values, updatedAt: sql`now()` },
      setWhere: sql`${t.status} <> 'completed'`,
    });
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
      setWhere: sql`${t.status} not in ('completed', 'failed')`,
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
      setWhere: sql`${t.status} not in ('completed', 'failed')`,
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
    usage: row.promptTokens === null ? null : { prompt_tokens: row.promptTokens, completion_tokens: row.completionTokens ?? 0 },
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

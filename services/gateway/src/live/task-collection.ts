import type { JetStreamClient } from "@nats-io/jetstream";
import type { KV } from "@nats-io/kv";
import { and, desc, eq, gte, sql } from "drizzle-orm";
import { EVENT_SCHEMA_VERSION, Subjects, cancelledKey, type TaskCancelledEvent, type TaskListQuery, type TaskSummary } from "@gardenos/contracts";
import { errorMessage, type Logger } from "@gardenos/runtime";
import type { Db } from "../db/index.js";
import { aiInteractions as t, type AiInteraction } from "../db/schema.js";
import { HttpError } from "../http/errors.js";
import type { TaskStatus } from "../recording/task-store.js";

/** Keyset cursor: the last row's creation time (full precision, as text) and id. */
function encodeCursor(createdAt: string, taskId: string): string {
  return Buffer.from(JSON.stringify([createdAt, taskId]), "utf8").toString("base64url");
}

function decodeCursor(cursor: string): [string, string] {
  try {
    const v = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as unknown;
    if (Array.isArray(v) && v.length === 2 && typeof v[0] === "string" && typeof v[1] === "string" && !Number.isNaN(Date.parse(v[0]))) return [v[0], v[1]];
  } catch {
    // fall through
  }
  throw new HttpError("ERR_VALIDATION", "query.cursor: is not a cursor this API returned (use next_cursor of the previous page)", { issues: [{ path: "query.cursor", message: "is not a cursor this API returned" }] });
}

export function taskSummary(row: AiInteraction): TaskSummary {
  const error = row.error as { code?: unknown } | null;
  return {
    task_id: row.taskId,
    type: row.type,
    status: row.status as TaskStatus,
    priority: row.priority,
    lead_id: row.leadId,
    attempts: row.attempts,
    agent_id: row.agentId,
    error_code: typeof error?.code === "string" ? error.code : null,
    latency_ms: row.latencyMs,
    cost_usd: row.costUsd,
    created_at: row.createdAt.toISOString(),
    started_at: row.startedAt?.toISOString() ?? null,
    completed_at: row.completedAt?.toISOString() ?? null,
  };
}

/**
 * Tasks as a collection: the filtered, paged list (newest first) and cancelling a task that has not
 * started. Cancelling marks the row `cancelled` (only from `queued`), writes the task id to the KV
 * bucket the agents watch (they drop it when they pull it) and publishes `task.cancelled` on RESULTS
 * for the streams and webhooks. A row once cancelled is never overwritten by a late result.
 */
export class TaskCollection {
  constructor(
    private readonly db: Db,
    private readonly js: Pick<JetStreamClient, "publish">,
    private readonly cancelledKv: () => Promise<Pick<KV, "put">>,
    private readonly log: Logger,
  ) {}

  async list(q: TaskListQuery, tenant: string | undefined): Promise<{ items: TaskSummary[]; next_cursor: string | null }> {
    const conds = [
      tenant !== undefined ? eq(t.tenant, tenant) : undefined,
      q.type ? eq(t.type, q.type) : undefined,
      q.status ? eq(t.status, q.status) : undefined,
      q.lead_id ? eq(t.leadId, q.lead_id) : undefined,
      q.since ? gte(t.createdAt, new Date(q.since)) : undefined,
    ];
    if (q.cursor) {
      const [ts, id] = decodeCursor(q.cursor);
      conds.push(sql`(${t.createdAt}, ${t.taskId}) < (${ts}::timestamptz, ${id})`);
    }
    const rows = await this.db
      .select({ row: t, cursorTs: sql<string>`${t.createdAt}::text` })
      .from(t)
      .where(and(...conds))
      .orderBy(desc(t.createdAt), desc(t.taskId))
      .limit(q.limit + 1);
    const page = rows.slice(0, q.limit);
    const last = page.at(-1);
    return { items: page.map((r) => taskSummary(r.row)), next_cursor: rows.length > q.limit && last ? encodeCursor(last.cursorTs, last.row.taskId) : null };
  }

  async get(taskId: string, tenant: string | undefined): Promise<AiInteraction | undefined> {
    const [row] = await this.db.select().from(t).where(and(eq(t.taskId, taskId), tenant !== undefined ? eq(t.tenant, tenant) : undefined)).limit(1);
    return row;
  }

  /** Cancels a queued task of `tenant` (undefined: any tenant); 404 unknown, 409 started or ended. */
  async cancel(taskId: string, tenant: string | undefined): Promise<AiInteraction> {
    const scope = tenant !== undefined ? eq(t.tenant, tenant) : undefined;
    const [row] = await this.db
      .update(t)
      .set({ status: "cancelled", completedAt: sql`now()`, updatedAt: sql`now()` })
      .where(and(eq(t.taskId, taskId), scope, eq(t.status, "queued")))
      .returning();
    if (!row) {
      const [existing] = await this.db.select({ status: t.status }).from(t).where(and(eq(t.taskId, taskId), scope)).limit(1);
      if (!existing) throw new HttpError("ERR_TASK_NOT_FOUND", `No task with id ${taskId}`);
      throw new HttpError("ERR_TASK_NOT_CANCELLABLE", `Task ${taskId} is ${existing.status}: only a queued task can be cancelled`);
    }
    try {
      const kv = await this.cancelledKv();
      await kv.put(cancelledKey(taskId), new Date().toISOString());
    } catch (e) {
      // Without the marker an agent would run it: undo, and let the caller retry.
      await this.db
        .update(t)
        .set({ status: "queued", completedAt: null, updatedAt: sql`now()` })
        .where(and(eq(t.taskId, taskId), eq(t.status, "cancelled")))
        .catch(() => undefined);
      this.log.warn({ err: errorMessage(e), task_id: taskId }, "could not store the cancellation");
      throw new HttpError("ERR_BROKER_UNAVAILABLE", undefined, { retryAfterSeconds: 2 });
    }
    const event: TaskCancelledEvent = {
      schema_version: EVENT_SCHEMA_VERSION,
      task_id: taskId,
      type: row.type,
      ...(row.leadId ? { lead_id: row.leadId } : {}),
      cancelled_at: (row.completedAt ?? new Date()).toISOString(),
    };
    try {
      await this.js.publish(Subjects.taskCancelled, JSON.stringify(event), { msgID: `${taskId}:cancelled:${row.updatedAt.getTime()}` });
    } catch (e) {
      // The cancellation holds (row and marker); only the live event is missing.
      this.log.warn({ err: errorMessage(e), task_id: taskId }, "could not publish task.cancelled");
    }
    return row;
  }
}

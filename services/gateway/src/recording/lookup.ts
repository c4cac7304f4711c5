import { Subjects, type TaskLookupReply } from "@gardenos/contracts";
import { serveRequests, type Logger } from "@gardenos/runtime";
import type { NatsConnection, Subscription } from "@nats-io/transport-node";
import type { TaskStore } from "./task-store.js";

/**
 * Answers `gardenos.tasks.lookup` for the agents (which hold no database connection): before
 * re-running a redelivered task they ask whether it already has a result. Every gateway replica
 * answers in one queue group; with the database down nobody answers and the agent runs the task.
 */
export function serveTaskLookup(nc: NatsConnection, store: TaskStore, log: Logger): Subscription {
  return serveRequests(nc, { subject: Subjects.taskLookup, queue: "gateway", what: "task lookup", log }, async (request): Promise<TaskLookupReply | undefined> => {
    const taskId = String((request as { task_id?: unknown } | null)?.task_id ?? "");
    if (!taskId) return undefined;
    const row = await store.get(taskId);
    return { task_id: taskId, status: (row?.status as TaskLookupReply["status"]) ?? "unknown" };
  });
}

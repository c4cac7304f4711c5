import { Subjects, type TaskLookupReply } from "@gardenos/contracts";
import { errorMessage, type Logger } from "@gardenos/runtime";
import type { NatsConnection, Subscription } from "@nats-io/transport-node";
import type { TaskStore } from "./task-store.js";

/**
 * Answers `gardenos.tasks.lookup` for the agents (which hold no database connection): before
 * re-running a redelivered task they ask whether it already has a result. Every gateway replica
 * answers in one queue group; with the database down nobody answers and the agent runs the task.
 */
export function serveTaskLookup(nc: NatsConnection, store: TaskStore, log: Logger): Subscription {
  return nc.subscribe(Subjects.taskLookup, {
    queue: "gateway",
    callback: (err, msg) => {
      if (err) return;
      void (async () => {
        let taskId = "";
        try {
          taskId = String((msg.json() as { task_id?: unknown }).task_id ?? "");
          if (!taskId) return;
          const row = await store.get(taskId);
          const reply: TaskLookupReply = { task_id: taskId, status: (row?.status as TaskLookupReply["status"]) ?? "unknown" };
          msg.respond(JSON.stringify(reply));
        } catch (e) {
          log.debug({ err: errorMessage(e), task_id: taskId }, "task lookup unanswered");
        }
      })();
    },
  });
}

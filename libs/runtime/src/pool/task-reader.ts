import { issuesMessage, priorityForBand, toIssues, type TaskEvent } from "@gardenos/contracts";
import type { z } from "zod";
import type { Failure } from "./result-publisher.js";
import type { TaskAttempt } from "./types.js";

const dec = new TextDecoder();

/**
 * Reads and validates a task's event. Pure: a bad event is returned as the failure to record
 * (it can never succeed, so it fails at once, with the issues and the payload).
 */
export class TaskReader<E extends TaskEvent, R> {
  constructor(private readonly eventSchema: z.ZodType<E>) {}

  /** Undefined when the attempt now holds its event, task id and priority; else why it fails. */
  read(a: TaskAttempt<E, R>): Failure | undefined {
    let raw: unknown;
    try {
      raw = JSON.parse(dec.decode(a.msg.data));
    } catch {
      return { code: "ERR_EVENT_MALFORMED", message: "The event is not valid JSON", invalidEvent: true };
    }
    const parsed = this.eventSchema.safeParse(raw);
    if (!parsed.success) {
      const idFromBody = typeof raw === "object" && raw && typeof (raw as { task_id?: unknown }).task_id === "string" ? (raw as { task_id: string }).task_id : undefined;
      if (idFromBody) a.taskId = idFromBody;
      const issues = toIssues(parsed.error);
      return { code: "ERR_EVENT_INVALID", message: issuesMessage(issues), issues, invalidEvent: true };
    }
    const event = parsed.data;
    if (event.task_id && event.task_id !== a.taskId) {
      a.taskId = event.task_id;
      a.log = a.log.child({ task_id: a.taskId });
    }
    a.agent.currentTaskId = a.taskId;
    a.event = event;
    a.priority = event.priority ?? priorityForBand(a.band);
    return undefined;
  }
}

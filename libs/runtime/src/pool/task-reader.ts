import { EVENT_LIMITS, issuesMessage, priorityForBand, toIssues, type TaskEvent } from "@gardenos/contracts";
import type { z } from "zod";
import type { Failure } from "./result-publisher.js";
import type { TaskAttempt } from "./types.js";

const dec = new TextDecoder();

/** A string field of a body that broke the contract, when it is within the contract's length. */
function stringField(value: unknown, max: number): string | undefined {
  return typeof value === "string" && value.length > 0 && value.length <= max ? value : undefined;
}

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
      const body = (typeof raw === "object" && raw ? raw : {}) as { task_id?: unknown; lead?: { id?: unknown }; lead_id?: unknown };
      const idFromBody = typeof body.task_id === "string" ? body.task_id : undefined;
      if (idFromBody) a.taskId = idFromBody;
      // The lead it names, so a CRM can match the task.failed to the lead.
      const leadId = stringField(body.lead?.id, EVENT_LIMITS.leadId) ?? stringField(body.lead_id, EVENT_LIMITS.leadId);
      const issues = toIssues(parsed.error);
      return { code: "ERR_EVENT_INVALID", message: issuesMessage(issues), issues, invalidEvent: true, ...(leadId ? { leadId } : {}) };
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

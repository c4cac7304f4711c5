import type { TaskEvent, TaskStartedEvent } from "@gardenos/contracts";

/*
 * The only place the pool looks inside a task's input. Everything else treats the event as opaque
 * (task_id, priority, created_at aside), so a task type whose input is not a lead changes only this.
 */

/** The input fields task.started carries, in the order they go on the wire. */
export function taskStartedFields(event: TaskEvent): Pick<TaskStartedEvent, "lead" | "context" | "created_at"> {
  return {
    lead: event.lead,
    ...("context" in event && event.context ? { context: event.context } : {}),
    ...(event.created_at ? { created_at: event.created_at } : {}),
  };
}

/** The CRM's id of the lead the task is about (result events carry it as `lead_id`), if any. */
export function leadIdOf(event: TaskEvent): string | undefined {
  return event.lead.id || undefined;
}

import type { AgentTypeDefinition, TaskEvent } from "@gardenos/contracts";

/*
 * The only place the pool looks inside a task's input, and it asks the agent type's definition:
 * the pool itself treats the event as opaque (task_id, priority, created_at aside), so a type whose
 * input is an e-mail or a document runs the same way as a lead-based one.
 */

/** The input fields task.started carries (the type's input, e.g. `lead` and `context`), then `created_at`. */
export function taskStartedFields(def: AgentTypeDefinition, event: TaskEvent): Record<string, unknown> {
  return {
    ...def.pickInput(event),
    ...(event.created_at ? { created_at: event.created_at } : {}),
  };
}

/** The CRM's id of the lead the task is about (result events carry it as `lead_id`), if any. */
export function leadIdOf(def: AgentTypeDefinition, event: TaskEvent): string | undefined {
  return def.leadIdOf(event);
}

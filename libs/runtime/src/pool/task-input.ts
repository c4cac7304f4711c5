import type { AgentTypeDefinition, TaskEvent } from "@gardenos/contracts";

/*
 * The only place the pool looks inside a task's input, and it asks the agent type's definition:
 * the pool itself treats the event as opaque (task_id, priority, created_at aside), so a type whose
 * input is an e-mail or a document runs the same way as a lead-based one.
 */

/**
 * What task.started carries of the task besides the common fields: `lead_id` and `created_at`.
 * Never the input: whoever reads RESULTS would read every lead's contact data.
 */
export function taskStartedFields(def: AgentTypeDefinition, event: TaskEvent): Record<string, unknown> {
  const leadId = def.leadIdOf(event);
  return {
    ...(leadId ? { lead_id: leadId } : {}),
    ...(event.created_at ? { created_at: event.created_at } : {}),
  };
}

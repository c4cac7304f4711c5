/**
 * Names that are data: subjects, streams, consumers and priority bands. Each agent type's own
 * subjects are in its definition (agent-types/).
 * Every service and the README take them from here; nothing else spells them out.
 */

/** Priority bands. JetStream has no message priority: one subject and one consumer per band. */
export const Bands = { high: "high", normal: "normal", low: "low" } as const;
export type Band = (typeof Bands)[keyof typeof Bands];
/** Highest first: the order in which an idle agent looks for work. */
export const BANDS: readonly Band[] = [Bands.high, Bands.normal, Bands.low];

/** Priority 1–10 (default 5) onto bands: 8–10 high, 4–7 normal, 1–3 low. */
export const PRIORITY = { min: 1, max: 10, default: 5, highFrom: 8, normalFrom: 4 } as const;

export function bandForPriority(priority: number): Band {
  if (priority >= PRIORITY.highFrom) return Bands.high;
  if (priority >= PRIORITY.normalFrom) return Bands.normal;
  return Bands.low;
}

/** The representative priority of a band (for tasks published on a band subject without one). */
export function priorityForBand(band: Band): number {
  return band === Bands.high ? 9 : band === Bands.low ? 2 : PRIORITY.default;
}

export const Streams = {
  /** Work queue of task events (file storage, workqueue retention). */
  tasks: "TASKS",
  /** Result and lifecycle events: every type's result subject, task.failed, task.started, task.retrying. */
  results: "RESULTS",
  /** Tasks that used up their attempts, kept for inspection and replay. */
  deadLetters: "DLQ",
  /** Tasks tenants publish on `tenant.<tenant>.<task subject>`, taken in by the gateway (workqueue). */
  intake: "INTAKE",
} as const;
export type StreamName = (typeof Streams)[keyof typeof Streams];

export const Subjects = {
  taskFailed: "task.failed",
  taskStarted: "task.started",
  /** An attempt failed and the task will be retried (its error is kept with the task). */
  taskRetrying: "task.retrying",
  /** A task cancelled before an agent started it (DELETE /ai/tasks/:id); published by the gateway. */
  taskCancelled: "task.cancelled",
  /** Request/reply: the gateway answers whether a task already has a result (agents ask before re-running a redelivered task). */
  taskLookup: "gardenos.tasks.lookup",
  /**
   * Request/reply: the gateway answers whether a lead is on its tenant's do-not-contact list
   * (`{ tenant, lead_id?, email? }` → `{ do_not_contact }`); the follow-up agents ask before writing.
   */
  contactCheck: "gardenos.leads.contact_check",
  /**
   * Request/reply: the gateway reads a lead from its lead source (`{ tenant, lead_id }` →
   * LeadLookupReply); agents ask for a task that carries only `lead_id`.
   */
  leadLookup: "gardenos.leads.lookup",
  /**
   * Request/reply: the gateway answers how the tenant's most similar leads turned out
   * (`{ tenant, lead, k? }` → LeadNeighboursReply); the lead-analysis agents ask, briefly, and go on without it.
   */
  leadNeighbours: "gardenos.leads.similar",
  /** `agent.heartbeat.<agent_type>.<agent_id>` (core NATS, every HEARTBEAT_INTERVAL). */
  heartbeatPrefix: "agent.heartbeat",
  /** Request/reply: the metrics service answers with the system status. */
  metricsStatus: "gardenos.metrics.status",
  /** `dlq.<original subject>` */
  deadLetterPrefix: "dlq",
  /** Something the CRM learned about a lead (sent, replied, converted, lost …), on the RESULTS stream. */
  leadOutcome: "lead.outcome",
  /**
   * A `lead.outcome` event that could not be stored (not JSON, or breaking the contract), in the
   * task.failed shape. Not task.failed itself: the gateway's broker user may not publish that
   * subject, so that it can never forge a task's failure.
   */
  leadOutcomeRefused: "lead.outcome.refused",
} as const;

/** Durable consumer of the RESULTS stream used by the gateway's recorder. */
export const RECORDER_CONSUMER = "recorder";

/** Durable consumer of the RESULTS stream from which the gateway queues webhook deliveries. */
export const WEBHOOK_CONSUMER = "webhooks";

/** Durable consumer of `lead.outcome` on the RESULTS stream used by the gateway's outcome store. */
export const OUTCOME_CONSUMER = "outcome-recorder";

/** Durable consumer of the classification results (`email.classified`) on RESULTS: the gateway's reactions. */
export const REACTION_CONSUMER = "email-reactions";

/** Durable consumer of the INTAKE stream used by the gateway's tenant intake. */
export const INTAKE_CONSUMER = "tenant_intake";

export function heartbeatSubject(type: string, agentId: string): string {
  return `${Subjects.heartbeatPrefix}.${type}.${agentId}`;
}

export function deadLetterSubject(originalSubject: string): string {
  return `${Subjects.deadLetterPrefix}.${originalSubject}`;
}

/** Headers the services read and write on NATS messages. */
export const Headers = {
  msgId: "Nats-Msg-Id",
  taskId: "GardenOS-Task-Id",
  traceparent: "traceparent",
  /**
   * The tenant of a task the gateway accepted for a tenant other than `default` (set by the gateway
   * on TASKS, read by agents for the tenant's LLM budget and do-not-contact list).
   */
  tenant: "GardenOS-Tenant",
} as const;

/** Headers on a dead letter (`dlq.<original subject>`): why the task ended there and after how many attempts. */
export const DeadLetterHeaders = {
  errorCode: "GardenOS-Error-Code",
  error: "GardenOS-Error",
  attempts: "GardenOS-Attempts",
  taskId: "GardenOS-Task-Id",
  /** Set when the dead letter is not a copy of a delivered message (the MAX_DELIVERIES safety net). */
  originalSubject: "GardenOS-Original-Subject",
  /** On a replayed task: the DLQ sequence it came from. */
  replayOf: "GardenOS-Replay-Of",
} as const;
export type DeadLetterHeader = (typeof DeadLetterHeaders)[keyof typeof DeadLetterHeaders];

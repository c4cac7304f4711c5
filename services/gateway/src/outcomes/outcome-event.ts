import { EVENT_SCHEMA_VERSION, ErrorCodes, boundedTaskError, LeadOutcomeEvent, Subjects, issuesMessage, toIssues, type Issue, type TaskFailedEvent } from "@gardenos/contracts";
import type { OutcomeInput } from "@gardenos/contracts";

const dec = new TextDecoder();

/** What a `lead.outcome` message says: an outcome to store, or why it cannot be stored. */
export type OutcomeRead =
  | { readonly ok: true; readonly item: OutcomeInput }
  | { readonly ok: false; readonly code: "ERR_EVENT_MALFORMED" | "ERR_EVENT_INVALID"; readonly message: string; readonly issues?: Issue[]; readonly outcomeId?: string };

/**
 * Reads a `lead.outcome` event (the bare subject or `tenant.<tenant>.lead.outcome`): JSON and the
 * contract, or the refusal naming the fields. Shared by the RESULTS consumer and the tenant intake.
 */
export function readOutcomeEvent(data: Uint8Array): OutcomeRead {
  let raw: unknown;
  try {
    raw = JSON.parse(dec.decode(data));
  } catch {
    return { ok: false, code: "ERR_EVENT_MALFORMED", message: ErrorCodes.ERR_EVENT_MALFORMED.message };
  }
  const id = (raw as { outcome_id?: unknown } | null)?.outcome_id;
  const outcomeId = typeof id === "string" && id && id.length <= 500 ? id : undefined;
  const parsed = LeadOutcomeEvent.safeParse(raw);
  if (!parsed.success) {
    const issues = toIssues(parsed.error);
    return { ok: false, code: "ERR_EVENT_INVALID", message: `${ErrorCodes.ERR_EVENT_INVALID.message}: ${issuesMessage(issues)}`, issues, ...(outcomeId ? { outcomeId } : {}) };
  }
  const { schema_version: _v, ...item } = parsed.data;
  return { ok: true, item };
}

/** The refusal in the `task.failed` shape (type `lead_outcome`), as published on task.failed and lead.outcome.refused. */
export function outcomeRefusal(r: Extract<OutcomeRead, { ok: false }>, fallbackId: string, data: Uint8Array): TaskFailedEvent {
  return {
    schema_version: EVENT_SCHEMA_VERSION,
    task_id: r.outcomeId ?? fallbackId,
    type: OUTCOME_EVENT_TYPE,
    subject: Subjects.leadOutcome,
    agent_id: "gateway",
    attempts: 1,
    error: boundedTaskError({ code: r.code, message: r.message, retryable: false, ...(r.issues ? { issues: r.issues.slice(0, 100) } : {}) }),
    failed_at: new Date().toISOString(),
    payload: dec.decode(data.subarray(0, 4096)),
  };
}

/** `type` of a refused outcome's task.failed event (not an agent type). */
export const OUTCOME_EVENT_TYPE = "lead_outcome";

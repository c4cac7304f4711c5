import type { z } from "zod";

/**
 * The error catalogue: stable codes, the HTTP status they map to, and whether retrying can help.
 * Clients branch on `code`, never on the message text.
 */
export const ErrorCodes = {
  ERR_VALIDATION: { status: 400, retryable: false, message: "The request is invalid" },
  ERR_LEAD_INVALID: { status: 400, retryable: false, message: "The lead is invalid" },
  ERR_BODY_TOO_LARGE: { status: 413, retryable: false, message: "The request body is too large" },
  ERR_UNSUPPORTED_MEDIA_TYPE: { status: 415, retryable: false, message: "Send the body as application/json" },
  ERR_MALFORMED_JSON: { status: 400, retryable: false, message: "The body is not valid JSON" },
  ERR_NOT_FOUND: { status: 404, retryable: false, message: "Not found" },
  ERR_TASK_NOT_FOUND: { status: 404, retryable: false, message: "No task with this id" },
  ERR_LEAD_NOT_FOUND: { status: 404, retryable: false, message: "No lead with this id in the lead source (LEAD_SOURCE_URL / LEAD_SOURCE_MAPPING)" },
  ERR_LEAD_SOURCE_UNAVAILABLE: { status: 503, retryable: true, message: "The lead source (LEAD_SOURCE_URL) is unavailable; retry later" },
  ERR_TYPE_NOT_DEPLOYED: { status: 503, retryable: false, message: "This deployment does not run this agent type (see AGENT_TYPES)" },
  ERR_QUEUE_FULL: { status: 503, retryable: true, message: "The task queue is full; retry later" },
  ERR_BROKER_UNAVAILABLE: { status: 503, retryable: true, message: "The message broker is unavailable; retry later" },
  ERR_DATABASE_UNAVAILABLE: { status: 503, retryable: true, message: "The database is unavailable; retry later" },
  ERR_METRICS_UNAVAILABLE: { status: 503, retryable: true, message: "The metrics service did not answer" },
  ERR_INTERNAL: { status: 500, retryable: true, message: "Internal error" },
  ERR_UNAUTHORIZED: { status: 401, retryable: false, message: "Send a valid key as Authorization: Bearer <key>" },
  ERR_RATE_LIMITED: { status: 429, retryable: true, message: "Too many requests for this key; retry after the time in Retry-After" },
  ERR_FORBIDDEN: { status: 403, retryable: false, message: "This key may not use this endpoint (an admin key is needed)" },
  ERR_AGENT_NOT_FOUND: { status: 404, retryable: false, message: "No agent with this id" },
  ERR_SCALE_LIMIT: { status: 400, retryable: false, message: "The target count is outside the allowed range" },
  ERR_CONTROL_UNAVAILABLE: { status: 503, retryable: true, message: "No agent service answered the control request" },
  ERR_HOST_NOT_ALLOWED: { status: 421, retryable: false, message: "This gateway answers only to Host localhost, 127.0.0.1 or [::1] (it has no API keys)" },
  ERR_TASK_ID_TAKEN: { status: 409, retryable: false, message: "Another tenant already has a task with this id; use unique (random) task ids" },
  ERR_DO_NOT_EMAIL: { status: 409, retryable: false, message: "The contact asked not to be e-mailed (contact.do_not_email); no e-mail was written" },
  ERR_DO_NOT_CONTACT: { status: 409, retryable: false, message: "The lead asked not to be contacted again (do-not-contact list)" },
  ERR_TASK_NOT_CANCELLABLE: { status: 409, retryable: false, message: "Only a queued task can be cancelled (an agent has started it or it has ended)" },
  ERR_CSRF: { status: 403, retryable: false, message: "A request authenticated by the session cookie needs the X-GardenOS-CSRF header from POST /ai/session" },
  ERR_WEBHOOK_URL_REFUSED: { status: 400, retryable: false, message: "The webhook URL is not allowed (https only; no loopback, link-local or private addresses unless WEBHOOK_ALLOWED_TARGETS permits them)" },
  ERR_WEBHOOK_NOT_FOUND: { status: 404, retryable: false, message: "No webhook with this id" },
  ERR_DELIVERY_NOT_FOUND: { status: 404, retryable: false, message: "No webhook delivery with this id" },
  // review queue (routes-reviews.ts)
  ERR_NOT_A_FOLLOW_UP: { status: 409, retryable: false, message: "The task is not a completed follow-up e-mail" },
  ERR_REVIEW_NOT_REQUIRED: { status: 409, retryable: false, message: "This e-mail does not require review" },
  ERR_REVIEW_DECIDED: { status: 409, retryable: false, message: "This e-mail has already been decided or sent" },
  ERR_REVIEW_PENDING: { status: 409, retryable: false, message: "This e-mail requires review and is not approved; it may not be sent" },
  // live streams only (the last message before the gateway closes a stream)
  ERR_SLOW_CONSUMER: { status: 503, retryable: true, message: "The client read too slowly and its buffer filled up; reconnect with Last-Event-ID to resume" },
  // outcomes, models, experiments
  ERR_MODEL_NOT_FOUND: { status: 404, retryable: false, message: "No model with this version" },
  ERR_NOT_ENOUGH_OUTCOMES: { status: 409, retryable: false, message: "Not enough labelled leads (converted or lost) to train a model" },
  ERR_EXPERIMENT_NOT_FOUND: { status: 404, retryable: false, message: "No experiment with this id" },
  ERR_EXPERIMENT_EXISTS: { status: 409, retryable: false, message: "An experiment with this id exists, or another one is running" },
  // task.failed only
  ERR_EVENT_MALFORMED: { status: 400, retryable: false, message: "The event is not valid JSON" },
  ERR_EVENT_INVALID: { status: 400, retryable: false, message: "The event does not follow the contract" },
  ERR_AGENT_FAILED: { status: 500, retryable: true, message: "The agent failed to process the task" },
  ERR_ATTEMPTS_EXHAUSTED: { status: 500, retryable: false, message: "The task failed on every attempt" },
} as const;
export type ErrorCode = keyof typeof ErrorCodes;

export interface Issue {
  /** Dotted path of the offending field, e.g. `lead.contact.email`. */
  path: string;
  message: string;
}

/** Turns zod issues into `{ path, message }` pairs, one per field, with the path prefixed. */
export function toIssues(error: z.ZodError, prefix = ""): Issue[] {
  const out: Issue[] = [];
  for (const issue of error.issues) {
    const base = [prefix, ...issue.path.map(String)].filter(Boolean).join(".");
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) {
        out.push({
          path: base ? `${base}.${key}` : key,
          message: "is not a known field (put extra data in lead.custom_fields)",
        });
      }
      continue;
    }
    out.push({ path: base || "(root)", message: issue.message });
  }
  return out;
}

/** One line naming every field: `lead.contact.email: must be a valid e-mail address; priority: …`. */
export function issuesMessage(issues: readonly Issue[]): string {
  return issues.map((i) => `${i.path}: ${i.message}`).join("; ");
}

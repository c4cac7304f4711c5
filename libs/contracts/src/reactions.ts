import { z } from "zod";
import { EventVersionSchema, PrioritySchema, TimestampSchema, boundedId, boundedString } from "./task-fields.js";

/**
 * What the gateway does when a reply e-mail has been classified (`email.classified`): the
 * reactions, the events announcing them (`email.reaction.<kind>`), the per-tenant suppression list
 * (do-not-email addresses and leads) and the delayed tasks of the scheduler (`gardenos_scheduled`).
 */

// ---------------------------------------------------------------- reactions

/**
 * What a category may trigger (EMAIL_REACTIONS maps categories onto these):
 * - `follow_up`: queue a follow-up for the lead at high priority with the e-mail as context;
 * - `suppress`: put the lead and the sender's address on the suppression list (unsubscribed), drop
 *   the lead's queued follow-ups, never e-mail;
 * - `schedule_follow_up`: schedule the follow-up for the morning after the out-of-office's return date;
 * - `mark_bounced`: put the bounced address on the suppression list (bounced);
 * - `colleague_follow_up`: queue a follow-up to the colleague a wrong-person reply names (when it gives an address);
 * - `none`: do nothing but announce it.
 */
export const REACTION_ACTIONS = ["follow_up", "suppress", "schedule_follow_up", "mark_bounced", "colleague_follow_up", "none"] as const;
export type ReactionAction = (typeof REACTION_ACTIONS)[number];

/** The defaults of EMAIL_REACTIONS (issue 16); a category not named reacts with `none`. */
export const DEFAULT_EMAIL_REACTIONS: Readonly<Record<string, ReactionAction>> = {
  meeting_request: "follow_up",
  interested: "follow_up",
  question: "follow_up",
  unsubscribe: "suppress",
  out_of_office: "schedule_follow_up",
  bounce: "mark_bounced",
  wrong_person: "colleague_follow_up",
  objection: "none",
  not_interested: "none",
};

/**
 * What happened, the last part of the event's subject `email.reaction.<kind>`:
 * `follow_up_queued`, `follow_up_scheduled`, `unsubscribed`, `bounced`, `colleague_follow_up_queued`,
 * `skipped` (the action could not be taken: no lead known, no address, an address at another domain, the lead is
 * suppressed; `reason` says which) and `none` (the category's reaction is `none`).
 */
export const REACTION_KINDS = ["follow_up_queued", "follow_up_scheduled", "unsubscribed", "bounced", "colleague_follow_up_queued", "skipped", "none"] as const;
export type ReactionKind = (typeof REACTION_KINDS)[number];

export const REACTION_SUBJECT_PREFIX = "email.reaction";
export function reactionSubject(kind: ReactionKind): string {
  return `${REACTION_SUBJECT_PREFIX}.${kind}`;
}

/** The outcome a reply records for the outcomes loop (`lead.outcome`). */
export const REPLY_OUTCOMES = ["replied", "unsubscribed", "bounced"] as const;

export const EmailReactionEvent = z
  .object({
    schema_version: EventVersionSchema,
    /** `<classification task id>:reaction`: one reaction per classified e-mail. */
    reaction_id: boundedId(300),
    kind: z.enum(REACTION_KINDS),
    action: z.enum(REACTION_ACTIONS).describe("The reaction EMAIL_REACTIONS configures for the category"),
    tenant: boundedId(40),
    /** The classification task (POST /ai/classify-email, `email.classify`). */
    task_id: boundedId(200),
    category: boundedString(40),
    lead_id: boundedString(200).optional().describe("The lead the reply is from (the task's lead_id, else the follow-up it answers)"),
    lead_known: z.boolean().describe("Whether a kept lead was found for it (a follow-up needs one)"),
    reason: boundedString(500).optional().describe("Why nothing was done (kind skipped): no_lead, no_address, other_domain, suppressed …"),
    follow_up_task_id: boundedString(200).optional().describe("The follow-up queued (or, when scheduled, the id it will run under)"),
    due_at: TimestampSchema.optional().describe("When a scheduled follow-up is released"),
    suppressed: z
      .array(z.object({ kind: z.enum(["lead", "email"]), value: boundedString(320), reason: z.enum(["unsubscribed", "bounced", "manual"]) }))
      .max(10)
      .optional()
      .describe("Entries put on the tenant's suppression list"),
    cancelled_task_ids: z.array(boundedString(200)).max(1000).optional().describe("Queued follow-ups of the lead dropped (unsubscribe)"),
    cancelled_scheduled_ids: z.array(boundedString(200)).max(1000).optional().describe("Scheduled follow-ups of the lead dropped (unsubscribe)"),
    outcome: z.enum(REPLY_OUTCOMES).optional().describe("The lead.outcome recorded for the reply"),
    in_reply_to_task_id: boundedString(200).optional().describe("The follow-up the reply answers (its Message-ID is <task_id@gardenos>)"),
    at: TimestampSchema,
  })
  .describe("email.reaction.<kind>: what the gateway did about a classified reply e-mail");
export type EmailReactionEvent = z.infer<typeof EmailReactionEvent>;

/** The Message-ID a follow-up e-mail is sent with: `<task_id@gardenos>` (its task id, so a reply's In-Reply-To names it). */
export const FOLLOW_UP_MESSAGE_ID_DOMAIN = "gardenos";
export function followUpMessageId(taskId: string): string {
  return `<${taskId}@${FOLLOW_UP_MESSAGE_ID_DOMAIN}>`;
}
/**
 * The follow-up task id an In-Reply-To / References value names, if it is one of ours:
 * `<task_id@gardenos>`, or the same under a domain of the sender's beginning with `gardenos.`
 * (`<task_id@gardenos.acme.example>`).
 */
export function taskIdOfMessageId(messageId: string | undefined): string | undefined {
  if (!messageId) return undefined;
  const m = /<([A-Za-z0-9_.:-]{1,200})@gardenos(?:\.[A-Za-z0-9-]+)*>/i.exec(messageId);
  return m?.[1];
}

// ---------------------------------------------------------------- suppressions

export const SUPPRESSION_REASONS = ["unsubscribed", "bounced", "manual"] as const;
export type SuppressionReason = (typeof SUPPRESSION_REASONS)[number];

export const SuppressionBody = z
  .strictObject({
    lead_id: z.string().trim().min(1, "must not be empty").max(200, "must be at most 200 characters").optional(),
    email: z.email("must be a valid e-mail address").max(320, "must be at most 320 characters").optional(),
    reason: z.enum(SUPPRESSION_REASONS, { message: `must be one of ${SUPPRESSION_REASONS.join(", ")}` }).default("manual"),
    note: z.string().max(500, "must be at most 500 characters").optional(),
  })
  .refine((b) => b.lead_id !== undefined || b.email !== undefined, { message: "give lead_id or email (or both)", path: ["lead_id"] })
  .describe("POST /ai/suppressions: a lead or an address never to be e-mailed");

export const SuppressionView = z.object({
  tenant: z.string(),
  kind: z.enum(["lead", "email"]),
  value: z.string(),
  reason: z.string(),
  note: z.string().nullable(),
  task_id: z.string().nullable().describe("The classification task that put it there, if any"),
  created_at: z.string(),
});
export const SuppressionList = z.object({ items: z.array(SuppressionView), next_cursor: z.string().nullable() }).describe("GET /ai/suppressions");

// ---------------------------------------------------------------- scheduled tasks

/** A delayed task as the scheduler keeps it in `gardenos_scheduled` under `<tenant>.<id>`. */
export const ScheduledTaskRecord = z
  .object({
    id: boundedId(200).describe("The task id the task is released under (Nats-Msg-Id, so a double release is one task)"),
    tenant: boundedId(40),
    type: boundedId(100).describe("The agent type (follow_up …)"),
    due_at: TimestampSchema,
    /** The request body the task is released with: its input fields and priority. */
    body: z.record(z.string(), z.unknown()),
    priority: PrioritySchema,
    lead_id: boundedString(200).optional(),
    reason: boundedString(500).optional(),
    created_at: TimestampSchema,
  })
  .describe("A delayed task waiting in the gardenos_scheduled KV bucket");
export type ScheduledTaskRecord = z.infer<typeof ScheduledTaskRecord>;

export const ScheduledTaskView = ScheduledTaskRecord.omit({ body: true }).extend({ status: z.enum(["scheduled", "cancelled"]) });
export const ScheduledTaskList = z.object({ items: z.array(ScheduledTaskView) }).describe("GET /ai/scheduled");

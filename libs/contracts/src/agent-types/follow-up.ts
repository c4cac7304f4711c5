import { z } from "zod";
import { leadRefInput } from "../lead-ref.js";
import { ContextSchema } from "../task-fields.js";
import { VariantAssignment } from "../outcomes.js";
import { defineAgentType } from "./define.js";

/**
 * Why the output policy held an e-mail back for a person to review (`review_reasons`). A
 * consumer should show codes it does not know as they are: new codes may come within version 1.
 */
export const ReviewReasons = {
  /** A link, domain or e-mail address outside the sender's own domains was removed from the text. */
  foreignLink: "foreign_link",
  /** HTML or markdown markup was removed (plain-text e-mails only). */
  markup: "markup_removed",
  /** The text asks for a payment, a transfer or bank/card details. */
  payment: "payment_request",
  /** The text asks for a password, a code, a login or other credentials. */
  credentials: "credentials_request",
  /** The text pressures for urgent action (deadlines in hours, "act now", account suspended …). */
  urgency: "urgent_action",
  /** The text reads like an instruction to a model ("ignore previous instructions", "system prompt" …). */
  injection: "prompt_injection",
  /** The text repeats an instruction written in the lead's own fields (notes, custom fields, names …). */
  leadInstruction: "lead_instruction_echo",
  /** The contact asked not to be e-mailed (`contact.do_not_email`). */
  doNotEmail: "do_not_email",
} as const;
export type ReviewReason = (typeof ReviewReasons)[keyof typeof ReviewReasons];

/** The e-mail as a writer (template or LLM) produces it. */
export const FollowUpDraft = z.object({
  subject: z.string().min(1).max(300),
  body: z.string().min(1).max(10_000),
  full_message: z.string().min(1).max(12_000),
});

/**
 * What a model must answer for a follow-up: subject and body. `full_message` is built from them
 * ("Subject: …", a blank line, the body); a model's own `full_message` (the seed's shape) is ignored.
 */
export const FollowUpAnswer = FollowUpDraft.pick({ subject: true, body: true }).describe("A model's follow-up answer: subject and body");
/**
 * The sales stage a writer read from the context (what happened last). A consumer should show
 * values it does not know as they are: new stages may come within version 1.
 */
export const FOLLOW_UP_STAGES = [
  "first_touch",
  "no_reply",
  "demo_requested",
  "demo_done",
  "pricing_sent",
  "objection",
  "competitor",
  "question",
  "meeting_booked",
  "signed",
  "customer",
  "complaint",
] as const;
export type FollowUpStage = (typeof FOLLOW_UP_STAGES)[number];

export const FollowUpResult = FollowUpDraft.extend({
  // What the built-in writer read and decided; optional (an LLM answer may not say), additive within version 1.
  language: z.string().min(2).max(35).optional().describe("Language the e-mail is written in (BCP 47, e.g. en, de)"),
  stage: z.string().min(1).max(40).optional().describe(`Sales stage read from the context: ${FOLLOW_UP_STAGES.join(", ")}`),
  reconnect_month: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, "must be YYYY-MM")
    .optional()
    .describe("The context asked to come back later: the month (YYYY-MM) the next contact is planned for, as the e-mail says"),

  // Set by the follow-up service's output policy (services/follow-up/src/policy.ts) after the
  // writer, on every result; optional so that version-1 results written before it stay valid.
  review_required: z.boolean().optional().describe("true: a person must approve the e-mail before it is sent (POST /ai/reviews/:task_id/approve)"),
  review_reasons: z.array(z.string().min(1).max(100)).max(20).optional().describe("Why review is required: foreign_link, payment_request, credentials_request, urgent_action, prompt_injection, lead_instruction_echo, markup_removed, do_not_email"),
  ready_to_send: z.boolean().optional().describe("true only when the output policy passed the e-mail unchanged and nothing requires review"),
  removed_links: z.array(z.string().max(2000)).max(50).optional().describe("Links, domains and addresses the policy removed from the text (for the reviewer)"),
  message_id: z.string().max(300).optional().describe("Send the e-mail with this Message-ID (<task_id@gardenos>): a reply's In-Reply-To then names this follow-up, for reply reactions and A/B attribution"),
  experiment: z.string().max(100).optional().describe("The A/B experiment the e-mail was written for"),
  variant: z.string().max(100).optional().describe("The experiment's variant the e-mail was written with"),
}).describe("A follow-up e-mail, checked by the output policy");

/** Follow-up: a personalised e-mail, with the lead's earlier interactions as memory. */
export const followUp = defineAgentType({
  type: "follow_up",
  service: "follow-up",
  description: "write a follow-up e-mail",
  subject: "followup.generate",
  resultSubject: "followup.generated",
  input: {
    ...leadRefInput,
    context: ContextSchema.optional().describe("What happened last, e.g. \"Demo completed\""),
    variant: VariantAssignment.optional().describe("The experiment variant to write with (the gateway sets it for leads in a running experiment)"),
  },
  result: FollowUpResult,
  http: { path: "/ai/generate-follow-up", summary: "Queue a follow-up e-mail" },
  agents: { default: 2, max: 5 },
  timeoutSeconds: 20,
  taskIdPrefix: "followup",
  history: true,
});

export type FollowUpResult = z.infer<typeof FollowUpResult>;
export type FollowUpDraft = z.infer<typeof FollowUpDraft>;
export type FollowUpAnswer = z.infer<typeof FollowUpAnswer>;

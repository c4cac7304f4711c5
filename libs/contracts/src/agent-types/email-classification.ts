import { z } from "zod";
import { TimestampSchema, boundedString } from "../task-fields.js";
import { defineAgentType } from "./define.js";

/**
 * What a reply to a sales e-mail means. The reactions (follow-up, do-not-email, scheduling after
 * an absence …) are chosen by category; a consumer should treat an unknown category as
 * `question` (a person reads it): new categories may come within version 1.
 */
export const EMAIL_CATEGORIES = [
  "interested",
  "meeting_request",
  "question",
  "objection",
  "not_interested",
  "unsubscribe",
  "out_of_office",
  "bounce",
  "wrong_person",
] as const;
export type EmailCategory = (typeof EMAIL_CATEGORIES)[number];
export const EmailCategorySchema = z.enum(EMAIL_CATEGORIES);

export const EMAIL_SENTIMENTS = ["positive", "neutral", "negative"] as const;
export type EmailSentiment = (typeof EMAIL_SENTIMENTS)[number];

/** Bounds of an e-mail to classify. */
export const EMAIL_LIMITS = {
  /**
   * Characters of `email.body`. A longer body is refused (400 / task.failed naming `email.body`):
   * a reply is read from its first screen, and a task must fit one NATS message (1 MB).
   */
  body: 100_000,
  subject: 1000,
  /** An address, optionally with a display name: `Ana Ruiz <ana@example.com>`. */
  address: 500,
  /** `to`: one address line (comma-separated addresses) or a list. */
  toLine: 5000,
  toList: 100,
  messageId: 1000,
  headers: 100,
  headerName: 200,
  headerValue: 4000,
  /** The HTTP route takes JSON up to this many bytes, so that an over-long body is a 400 naming it, not a 413. */
  httpBodyBytes: 2 * 1024 * 1024,
} as const;

/**
 * A `signals` entry: the text shows weak signs of a request to stop that no rule decided on. The
 * gateway's reactions then e-mail nobody automatically; a person decides.
 */
export const POSSIBLE_UNSUBSCRIBE = "possible_unsubscribe";

/** How much of a reply's own text a result carries. */
export const REPLY_TEXT_MAX = 3000;

const HAS_ADDRESS = /[^\s<>@,;]+@[^\s<>@,;]+/;
const AddressSchema = boundedString(EMAIL_LIMITS.address)
  .trim()
  .min(1, "must not be empty")
  .regex(HAS_ADDRESS, "must contain an e-mail address, e.g. ana@example.com or Ana Ruiz <ana@example.com>");

/** Raw headers as the mail server received them (name → value). They never decide the category. */
export const EmailHeadersSchema = z
  .record(boundedString(EMAIL_LIMITS.headerName).min(1, "must not be empty"), boundedString(EMAIL_LIMITS.headerValue))
  .refine((h) => Object.keys(h).length <= EMAIL_LIMITS.headers, `must have at most ${EMAIL_LIMITS.headers} headers`);

/** The e-mail to classify: a reply from a prospect (or a mail server's bounce). */
export const EmailSchema = z.strictObject({
  from: AddressSchema.describe("Sender: an address, optionally with a display name"),
  to: z
    .union([boundedString(EMAIL_LIMITS.toLine), z.array(AddressSchema).max(EMAIL_LIMITS.toList, `must have at most ${EMAIL_LIMITS.toList} addresses`)])
    .describe("Recipient(s): one line (comma-separated) or a list"),
  subject: boundedString(EMAIL_LIMITS.subject).describe("Subject line (may be empty)"),
  body: z
    .string()
    .max(EMAIL_LIMITS.body, `must be at most ${EMAIL_LIMITS.body} characters`)
    .describe("Body as received: plain text or HTML (HTML is read as text); quoted earlier messages and signatures are stripped before classifying"),
  received_at: TimestampSchema.describe("When the e-mail arrived; relative dates (\"next Tuesday\") are read from it"),
  in_reply_to: boundedString(EMAIL_LIMITS.messageId).optional().describe("The Message-ID this e-mail answers (matches a follow-up the CRM sent)"),
  headers: EmailHeadersSchema.optional().describe("Raw headers; shown to nothing that decides the category"),
});

/** Facts about the lead that routing rules may match on (EMAIL_ROUTES). */
export const RoutingFactsSchema = z.strictObject({
  lead_score: z.number().int().min(1).max(10).optional().describe("The lead's quality score (1–10), e.g. from lead analysis"),
  territory: boundedString(100).optional().describe("Sales territory, e.g. emea, us-west"),
  owner: boundedString(200).optional().describe("The lead's owner (a route may send to `owner`)"),
});

/** What the classifier found in the e-mail's own text (only what it found is present). */
export const EmailFindingsSchema = z.object({
  meeting_times: z
    .array(TimestampSchema)
    .max(10)
    .optional()
    .describe("Proposed meeting times, ISO 8601 with the sender's offset when stated (else UTC), read relative to received_at"),
  return_date: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, "must be YYYY-MM-DD")
    .optional()
    .describe("Out of office: the first day the sender is back (YYYY-MM-DD)"),
  colleague: z
    .object({
      name: boundedString(200).optional(),
      email: z.email().max(320).optional(),
    })
    .optional()
    .describe("Wrong person: the colleague the sender names, with the address when given"),
  competitor: boundedString(200).optional().describe("Objection: the competitor or current tool named"),
  price: boundedString(100).optional().describe("Objection: the price or budget named, as written (e.g. \"€2,000/month\")"),
  bounced_address: z.email().max(320).optional().describe("Bounce: the address that could not be delivered to"),
});

/**
 * The reply as the classifier read it, carried in the result so that a subscriber (the gateway's
 * reactions, a CRM) needs no copy of the task's input: who wrote, what it answers, its own text.
 */
export const EmailReplySchema = z.object({
  from: boundedString(EMAIL_LIMITS.address).describe("Sender, as in the e-mail"),
  subject: boundedString(EMAIL_LIMITS.subject).optional(),
  in_reply_to: boundedString(EMAIL_LIMITS.messageId).optional().describe("The Message-ID it answers (a follow-up's is <task_id@gardenos>)"),
  received_at: TimestampSchema.optional(),
  text: boundedString(REPLY_TEXT_MAX).describe(`The e-mail's own text: quoted messages, signature and markup removed (at most ${REPLY_TEXT_MAX} characters)`),
});

export const EmailClassificationResult = z
  .object({
    category: EmailCategorySchema,
    confidence: z.number().min(0).max(1).describe("0–1: how sure the classifier is of the category"),
    sentiment: z.enum(EMAIL_SENTIMENTS),
    urgency: z.number().int().min(1).max(10).describe("1 (whenever) to 10 (answer now)"),
    route: boundedString(200).min(1).describe("Queue or owner from the routing rules (EMAIL_ROUTES), e.g. sales-urgent, ae:west"),
    suggested_action: boundedString(500).min(1).describe("What should happen next, in words a salesperson understands"),
    found: EmailFindingsSchema,
    language: z.string().min(2).max(35).optional().describe("Language of the e-mail's own text (BCP 47, e.g. en, de)"),
    signals: z.array(boundedString(200)).max(20).optional().describe("Why: the rules or phrases that decided (for a reviewer)"),
    reply: EmailReplySchema.optional().describe("The reply as read: sender, Message-ID it answers, its own text"),
  })
  .describe("What a reply means and where it goes");

/**
 * What a model must answer for an e-mail classification. Route and suggested action come from
 * the routing rules, never from the model; unknown fields are ignored.
 */
export const EmailClassificationAnswer = z
  .object({
    category: EmailCategorySchema,
    confidence: z.number().min(0).max(1),
    sentiment: z.enum(EMAIL_SENTIMENTS),
    urgency: z.number().int().min(1).max(10),
    found: EmailFindingsSchema.optional(),
  })
  .describe("A model's e-mail classification answer");

/** E-mail classification: what a prospect's reply means, where it goes and what it names. */
export const emailClassification = defineAgentType({
  type: "email_classification",
  service: "email-classification",
  description: "classify a reply e-mail and route it",
  subject: "email.classify",
  resultSubject: "email.classified",
  input: {
    email: EmailSchema,
    lead_id: boundedString(500).min(1, "must not be empty").optional().describe("The CRM's lead the e-mail is from, when known"),
    routing: RoutingFactsSchema.optional().describe("What the CRM knows about the lead for routing (lead score, territory, owner)"),
  },
  result: EmailClassificationResult,
  http: { path: "/ai/classify-email", summary: "Queue the classification of a reply e-mail", bodyLimit: EMAIL_LIMITS.httpBodyBytes },
  agents: { default: 2, max: 8 },
  timeoutSeconds: 20,
  taskIdPrefix: "email",
});

export type EmailInput = z.infer<typeof EmailSchema>;
export type EmailFindings = z.infer<typeof EmailFindingsSchema>;
export type EmailClassificationResult = z.infer<typeof EmailClassificationResult>;
export type EmailClassificationAnswer = z.infer<typeof EmailClassificationAnswer>;

export type EmailReply = z.infer<typeof EmailReplySchema>;

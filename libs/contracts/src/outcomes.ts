import { z } from "zod";
import { LeadSchema } from "./lead.js";
import { EventVersionSchema, TaskIdSchema, TimestampSchema } from "./task-fields.js";

/**
 * What the CRM learns about a lead after we scored it or wrote to it (outcomes), the learned
 * conversion model's versions, and the follow-up A/B experiments.
 */

// ---------------------------------------------------------------- outcomes

/** What happened: `sent` (an e-mail went out), the answers to it, and the end of the deal. */
export const OutcomeKinds = ["sent", "converted", "lost", "replied", "meeting_booked", "unsubscribed", "bounced"] as const;
export type OutcomeKind = (typeof OutcomeKinds)[number];

/** Outcomes that answer a follow-up e-mail and count as its success in an experiment. */
export const SUCCESS_OUTCOMES: readonly OutcomeKind[] = ["replied", "meeting_booked", "converted"];
/** Outcomes that label a lead for training: converted = 1, lost = 0. */
export const LABEL_OUTCOMES: readonly OutcomeKind[] = ["converted", "lost"];

const leadId = z.string().trim().min(1, "must not be empty").max(200, "must be at most 200 characters");
const shortId = z.string().trim().min(1, "must not be empty").max(100, "must be at most 100 characters").regex(/^[A-Za-z0-9_.:-]+$/, "may hold only letters, digits and _ . : -");

/** One outcome, as POST /ai/outcomes and the `lead.outcome` event carry it. */
export const OutcomeFields = {
  lead_id: leadId.describe("The CRM's id of the lead (lead.id of the analysed lead)"),
  outcome: z.enum(OutcomeKinds, { message: `must be one of ${OutcomeKinds.join(", ")}` }),
  /** Deal value (for `converted`), in `currency`. */
  value: z.number().min(0, "must be 0 or more").max(1e15, "is too large").optional(),
  currency: z.string().regex(/^[A-Z]{3}$/, "must be an ISO 4217 code such as USD").optional(),
  at: TimestampSchema.describe("When it happened (ISO 8601 with a time zone)"),
  task_id: TaskIdSchema.optional().describe("The follow-up task the outcome concerns"),
  experiment: shortId.optional().describe("The experiment of the e-mail (when the CRM knows it; else taken from task_id)"),
  variant: shortId.optional().describe("The variant of the e-mail (when the CRM knows it; else taken from task_id)"),
  /** Idempotency key: the same id is stored once. Default: derived from lead, outcome, time and task. */
  outcome_id: z.string().trim().min(1).max(200, "must be at most 200 characters").optional(),
  /** The lead as the CRM knows it (imports of history): kept as the lead's latest version for training. */
  lead: LeadSchema.optional(),
};

export const OutcomeInput = z.strictObject(OutcomeFields).describe("One outcome of a lead");

/** POST /ai/outcomes: a batch of outcomes; all are checked before any is stored. */
export const OutcomesBody = z
  .strictObject({ outcomes: z.array(OutcomeInput).min(1, "must hold at least one outcome").max(1000, "must hold at most 1000 outcomes") })
  .describe("POST /ai/outcomes");

export const OutcomesAccepted = z
  .object({
    stored: z.number().int().describe("Outcomes stored now"),
    duplicates: z.number().int().describe("Outcomes already stored (same outcome_id): left as they were"),
    leads_updated: z.number().int().describe("Leads whose data came with the outcome"),
    outcome_ids: z.array(z.string()),
  })
  .describe("POST /ai/outcomes");

/** `lead.outcome` on the RESULTS stream, published by a CRM service. A bad one is answered on `lead.outcome.refused` (ERR_EVENT_INVALID, the fields named). */
export const LeadOutcomeEvent = z.strictObject({ schema_version: EventVersionSchema, ...OutcomeFields }).describe("lead.outcome: something the CRM learned about a lead");

// ---------------------------------------------------------------- models

export const EvaluationView = z.object({
  rows: z.number().int(),
  roc_auc: z.number().nullable(),
  brier_score: z.number().nullable(),
  log_loss: z.number().nullable(),
  base_rate: z.number().nullable(),
});

export const ModelView = z
  .object({
    version: z.number().int(),
    active: z.boolean(),
    created_at: z.string(),
    activated_at: z.string().nullable(),
    /** file (gardenos train <file>), outcomes (trained from stored outcomes), schedule (automatic retrain). */
    source: z.string(),
    algorithm: z.string(),
    features: z.array(z.string()),
    training_rows: z.number().int(),
    validation: EvaluationView,
    /** The active model's numbers on the same validation split when this one was trained (null: there was none). */
    champion_validation: EvaluationView.nullable(),
    decision: z.string().describe("Why it was or was not activated"),
    training_ms: z.number().int(),
  })
  .describe("A version of the conversion model");

export const ModelsResponse = z.object({
  models: z.array(ModelView),
  active_version: z.number().int().nullable(),
  /** Labelled leads (converted or lost) stored for this tenant, and the least the first model needs. */
  labelled_leads: z.number().int(),
  min_outcomes: z.number().int(),
  cold_start: z.boolean().describe("true: no model is active, the built-in heuristic scores"),
});

export const TrainBody = z
  .strictObject({
    /** Custom fields never to use (added to Tags and Lead Quality). */
    exclude: z.array(z.string().min(1).max(100)).max(100).optional(),
    /** Activate even when it does not beat the active model (an operator's decision). */
    force: z.boolean().optional(),
    /** Where the labelled leads came from, for the version's record: `file` (gardenos train <file>) or `outcomes`. */
    source: z.enum(["outcomes", "file"]).default("outcomes"),
  })
  .describe("POST /ai/models/train");

export const TrainResponse = z.object({ model: ModelView, activated: z.boolean(), decision: z.string() });

/** The active model of a tenant as published in KV `gardenos_models` under `active.<tenant>`. */
export const ActiveModelRecord = z.object({
  tenant: z.string(),
  version: z.number().int(),
  /** The serialised ConversionModel (format gardenos-logreg/1). */
  model: z.unknown(),
  activated_at: z.string(),
});

// ---------------------------------------------------------------- experiments

export const VariantSpec = z.strictObject({
  id: shortId,
  /** Share of new leads under a fixed split (relative weights; default equal). */
  weight: z.number().positive("must be more than 0").max(1000).optional(),
  /** Built-in writer: the subject line to use instead of the template's ({first_name} and {company} are filled in). */
  subject: z.string().trim().min(1).max(300).optional(),
  /** Built-in writer: a closing "P.S." line. LLM writer: an extra instruction for the e-mail (tone, length, call to action). */
  instructions: z.string().trim().min(1).max(1000).optional(),
});

export const ExperimentBody = z
  .strictObject({
    id: shortId,
    description: z.string().max(1000).optional(),
    variants: z.array(VariantSpec).min(2, "must hold at least two variants").max(10),
    /** fixed: the weights decide; bandit: Thompson sampling shifts new leads towards the best variant. */
    mode: z.enum(["fixed", "bandit"]).default("fixed"),
    /** Days after a send within which a reply, meeting or conversion of the same lead counts for it. */
    attribution_days: z.number().int().min(1).max(365).default(14),
    /** The stop rule: looked at every check_every sends per variant; a winner is named when P(best) ≥ win_probability and every variant has min_sends sends; none after max_sends: no difference. */
    win_probability: z.number().min(0.5).max(0.99999).default(0.999),
    min_sends: z.number().int().min(1).max(1_000_000).default(300),
    check_every: z.number().int().min(1).max(1_000_000).default(250),
    max_sends: z.number().int().min(1).max(10_000_000).default(3000),
  })
  .superRefine((b, ctx) => {
    const ids = b.variants.map((v) => v.id);
    if (new Set(ids).size !== ids.length) ctx.addIssue({ code: "custom", path: ["variants"], message: "variant ids must be different" });
  })
  .describe("POST /ai/experiments");

/** What a follow-up task carries when its lead is in an experiment (set by the gateway; the writer applies it). */
export const VariantAssignment = z
  .strictObject({
    experiment: shortId,
    variant: shortId,
    subject: z.string().max(300).optional(),
    instructions: z.string().max(1000).optional(),
  })
  .describe("The experiment variant the follow-up e-mail is written with");

export const VariantStats = z.object({
  id: z.string(),
  weight: z.number(),
  /** Share of new leads it gets now (the bandit's split in bandit mode). */
  traffic: z.number(),
  assigned: z.number().int(),
  sends: z.number().int(),
  successes: z.number().int(),
  rate: z.number().nullable(),
  /** 95 % interval of the rate (Wilson). */
  ci95: z.tuple([z.number(), z.number()]).nullable(),
  /** Posterior probability that this variant has the highest rate (Beta(1+s, 1+n−s)). */
  p_best: z.number(),
  outcomes: z.record(z.string(), z.number().int()),
});

export const ExperimentView = z
  .object({
    id: z.string(),
    description: z.string().nullable(),
    status: z.enum(["running", "stopped"]),
    mode: z.enum(["fixed", "bandit"]),
    attribution_days: z.number().int(),
    win_probability: z.number(),
    min_sends: z.number().int(),
    check_every: z.number().int(),
    max_sends: z.number().int(),
    created_at: z.string(),
    variants: z.array(VariantStats),
    /** The variant the stop rule names, or null while undecided (or when no difference was found). */
    winner: z.string().nullable(),
    state: z.enum(["undecided", "winner", "no_difference"]),
    /** Sends per variant at the look that decided (or the last look). */
    decided_at_sends: z.number().int(),
    decision: z.string(),
  })
  .describe("An experiment and its results");

export type OutcomeInput = z.infer<typeof OutcomeInput>;
export type OutcomesBody = z.infer<typeof OutcomesBody>;
export type LeadOutcomeEvent = z.infer<typeof LeadOutcomeEvent>;
export type ModelView = z.infer<typeof ModelView>;
export type EvaluationView = z.infer<typeof EvaluationView>;
export type ActiveModelRecord = z.infer<typeof ActiveModelRecord>;
export type ExperimentBody = z.infer<typeof ExperimentBody>;
export type VariantSpec = z.infer<typeof VariantSpec>;
export type VariantAssignment = z.infer<typeof VariantAssignment>;
export type VariantStats = z.infer<typeof VariantStats>;
export type ExperimentView = z.infer<typeof ExperimentView>;

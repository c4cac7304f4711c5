import { sql } from "drizzle-orm";
import { bigint, boolean, doublePrecision, index, integer, jsonb, pgTable, primaryKey, real, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";

/** The store of record: one row per task, from acceptance to result. */
export const aiInteractions = pgTable(
  "ai_interactions",
  {
    taskId: text("task_id").primaryKey(),
    /** The tenant the task belongs to: its client key's, or `default` (open gateways, tasks published to NATS). */
    tenant: text("tenant").notNull().default("default"),
    /** The agent type: lead_analysis | follow_up | a plugin's type. */
    type: text("type").notNull(),
    /** queued | processing | completed | failed | cancelled */
    status: text("status").notNull(),
    priority: integer("priority").notNull().default(5),
    /** http | event (published straight to NATS by another service) */
    source: text("source").notNull().default("http"),
    idempotencyKey: text("idempotency_key"),
    /** The task's input fields as its agent type defines them (`{ lead, context }` for follow-ups). */
    input: jsonb("input"),
    /** The CRM's lead id, where the input has a lead (or a `lead_id`). */
    leadId: text("lead_id"),
    /** The lead's contact e-mail in lower case, where the input has a lead (follow-up memory). */
    leadEmail: text("lead_email"),
    result: jsonb("result"),
    model: text("model"),
    provider: text("provider"),
    degraded: boolean("degraded"),
    degradedReason: text("degraded_reason"),
    promptTokens: integer("prompt_tokens"),
    completionTokens: integer("completion_tokens"),
    /** Of prompt_tokens, those the provider served from its prompt cache, when it reported them. */
    promptCacheHitTokens: integer("prompt_cache_hit_tokens"),
    costUsd: doublePrecision("cost_usd"),
    latencyMs: integer("latency_ms"),
    attempts: integer("attempts").notNull().default(0),
    agentId: text("agent_id"),
    error: jsonb("error"),
    /** The W3C trace id the task was accepted under (HTTP and tenant intake; null for tasks published straight to NATS). */
    traceId: text("trace_id"),
    /** Every failed attempt: `{ attempt, agent_id, at, code, message }`, oldest first. */
    attemptLog: jsonb("attempt_log").notNull().default([]),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    startedAt: timestamp("started_at", { withTimezone: true, mode: "date" }),
    completedAt: timestamp("completed_at", { withTimezone: true, mode: "date" }),
    updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [
    index("ai_interactions_lead_id_idx").on(t.tenant, t.leadId),
    index("ai_interactions_lead_email_idx").on(t.tenant, t.leadEmail),
    index("ai_interactions_status_idx").on(t.status, t.createdAt),
    /** The retention sweep (RETENTION_DAYS) deletes by age. */
    index("ai_interactions_created_at_idx").on(t.createdAt),
    /** GET /ai/tasks: a tenant's tasks, newest first. */
    index("ai_interactions_tenant_created_idx").on(t.tenant, t.createdAt, t.taskId),
    /** The review queue (GET /ai/reviews): follow-ups the output policy held back, oldest first. */
    index("ai_interactions_review_idx").on(t.completedAt, t.taskId).where(sql`${t.type} = 'follow_up' and (${t.result} ->> 'review_required') = 'true'`),
  ],
);

export type AiInteraction = typeof aiInteractions.$inferSelect;
export type NewAiInteraction = typeof aiInteractions.$inferInsert;

/**
 * Leads that asked not to be contacted again: kept when a lead's data is erased
 * (`DELETE /ai/leads/:id?do_not_contact=true`), so no new follow-up is written for them. Holds
 * only the CRM's lead id and/or the e-mail address, nothing else about the lead.
 */
export const doNotContact = pgTable(
  "do_not_contact",
  {
    /** The tenant whose lead asked (a lead id means something only within its tenant's CRM). */
    tenant: text("tenant").notNull().default("default"),
    /** The CRM's lead id, when known. */
    leadId: text("lead_id"),
    /** The contact's e-mail in lower case, when given. */
    leadEmail: text("lead_email"),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("do_not_contact_tenant_lead_id_idx").on(t.tenant, t.leadId), uniqueIndex("do_not_contact_tenant_lead_email_idx").on(t.tenant, t.leadEmail)],
);

export type DoNotContact = typeof doNotContact.$inferSelect;

/**
 * What people decided about a follow-up e-mail and whether it went out: one row per task, written
 * by the review routes (routes-reviews.ts). Whether review is required is read from the task's
 * `result` (`review_required`, set by the follow-up service's output policy).
 */
export const followUpReviews = pgTable(
  "follow_up_reviews",
  {
    taskId: text("task_id")
      .primaryKey()
      .references(() => aiInteractions.taskId, { onDelete: "cascade" }),
    /** approved | rejected; null while undecided (a row made by mark-sent alone). */
    decision: text("decision"),
    /** The reviewer's subject and body when they edited the e-mail (approved as edited). */
    editedSubject: text("edited_subject"),
    editedBody: text("edited_body"),
    /** Why it was rejected or what changed (free text from the reviewer). */
    note: text("note"),
    /** admin | reviewer, and the first 12 hex digits of the key's SHA-256 (never the key). */
    decidedBy: text("decided_by"),
    decidedAt: timestamp("decided_at", { withTimezone: true, mode: "date" }),
    /** When the CRM reported the e-mail as sent (POST /ai/tasks/:task_id/sent). */
    sentAt: timestamp("sent_at", { withTimezone: true, mode: "date" }),
    sentBy: text("sent_by"),
    updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [index("follow_up_reviews_decision_idx").on(t.decision)],
);

export type FollowUpReview = typeof followUpReviews.$inferSelect;

/**
 * The latest version of each analysed (or imported) lead, per tenant and CRM lead id: what the
 * conversion model trains on, joined with the lead's outcomes.
 */
export const leadProfiles = pgTable(
  "lead_profiles",
  {
    tenant: text("tenant").notNull().default("default"),
    leadId: text("lead_id").notNull(),
    lead: jsonb("lead").notNull(),
    /** analysis (POST /ai/analyze-lead) | outcome (came with an outcome, e.g. an import) */
    source: text("source").notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenant, t.leadId] })],
);

/** What the CRM learned about a lead: sent, replied, meeting_booked, converted, lost, unsubscribed, bounced. */
export const leadOutcomes = pgTable(
  "lead_outcomes",
  {
    /** Idempotency key within the tenant (given, or derived from lead, outcome, time and task). */
    outcomeId: text("outcome_id").notNull(),
    tenant: text("tenant").notNull().default("default"),
    leadId: text("lead_id").notNull(),
    outcome: text("outcome").notNull(),
    value: doublePrecision("value"),
    currency: text("currency"),
    at: timestamp("at", { withTimezone: true, mode: "date" }).notNull(),
    taskId: text("task_id"),
    experiment: text("experiment"),
    variant: text("variant"),
    /** http | event | review (mark sent) */
    source: text("source").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenant, t.outcomeId] }),
    index("lead_outcomes_lead_idx").on(t.tenant, t.leadId),
    index("lead_outcomes_experiment_idx").on(t.tenant, t.experiment),
    index("lead_outcomes_created_idx").on(t.tenant, t.createdAt),
  ],
);

/** Versions of the conversion model, per tenant; at most one active. */
export const models = pgTable(
  "models",
  {
    tenant: text("tenant").notNull().default("default"),
    version: integer("version").notNull(),
    algorithm: text("algorithm").notNull(),
    /** file | outcomes | schedule */
    source: text("source").notNull(),
    features: jsonb("features").notNull(),
    trainingRows: integer("training_rows").notNull(),
    /** Labelled outcomes stored when it was trained (the scheduled retrain counts new ones from here). */
    labelledAtTraining: integer("labelled_at_training").notNull().default(0),
    validation: jsonb("validation").notNull(),
    championValidation: jsonb("champion_validation"),
    decision: text("decision").notNull(),
    /** The serialised model (ConversionModel). */
    params: jsonb("params").notNull(),
    trainingMs: integer("training_ms").notNull().default(0),
    active: boolean("active").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    activatedAt: timestamp("activated_at", { withTimezone: true, mode: "date" }),
  },
  (t) => [primaryKey({ columns: [t.tenant, t.version] }), uniqueIndex("models_one_active_idx").on(t.tenant).where(sql`${t.active}`)],
);

/** Follow-up A/B experiments, per tenant; at most one running. */
export const experiments = pgTable(
  "experiments",
  {
    tenant: text("tenant").notNull().default("default"),
    id: text("id").notNull(),
    description: text("description"),
    /** [{ id, weight?, subject?, instructions? }] */
    variants: jsonb("variants").notNull(),
    mode: text("mode").notNull(),
    attributionDays: integer("attribution_days").notNull(),
    winProbability: doublePrecision("win_probability").notNull(),
    minSends: integer("min_sends").notNull(),
    checkEvery: integer("check_every").notNull(),
    maxSends: integer("max_sends").notNull(),
    /** running | stopped */
    status: text("status").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    stoppedAt: timestamp("stopped_at", { withTimezone: true, mode: "date" }),
  },
  (t) => [primaryKey({ columns: [t.tenant, t.id] }), uniqueIndex("experiments_one_running_idx").on(t.tenant).where(sql`${t.status} = 'running'`)],
);

/** Sticky variant per lead: written at the lead's first follow-up in the experiment, never changed. */
export const experimentAssignments = pgTable(
  "experiment_assignments",
  {
    tenant: text("tenant").notNull().default("default"),
    experimentId: text("experiment_id").notNull(),
    /** The CRM lead id, else `email:<address>`. */
    leadKey: text("lead_key").notNull(),
    variant: text("variant").notNull(),
    assignedAt: timestamp("assigned_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenant, t.experimentId, t.leadKey] })],
);

/**
 * Webhooks (routes-webhooks.ts): where a tenant wants its task events sent, signed with `secret`
 * (HMAC-SHA256 needs the secret itself, so it is stored as given; it is never shown again).
 */
export const webhooks = pgTable(
  "webhooks",
  {
    id: text("id").primaryKey(),
    tenant: text("tenant").notNull().default("default"),
    url: text("url").notNull(),
    /** Event names (`task.completed`, …) or `*`. */
    events: jsonb("events").notNull(),
    secret: text("secret").notNull(),
    description: text("description"),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [index("webhooks_tenant_idx").on(t.tenant)],
);

export type Webhook = typeof webhooks.$inferSelect;

/**
 * The delivery log and outbox: one row per event per webhook, written (idempotently, by webhook and
 * RESULTS sequence) before the event is acknowledged on the durable consumer, then sent, retried
 * with back-off, and ended `succeeded` or `dead` (replayable).
 */
export const webhookDeliveries = pgTable(
  "webhook_deliveries",
  {
    id: text("id").primaryKey(),
    webhookId: text("webhook_id")
      .notNull()
      .references(() => webhooks.id, { onDelete: "cascade" }),
    tenant: text("tenant").notNull(),
    event: text("event").notNull(),
    taskId: text("task_id").notNull(),
    /** The RESULTS stream sequence of the event: the order of deliveries per task. */
    seq: bigint("seq", { mode: "number" }).notNull(),
    /** The body sent (the live event). */
    payload: jsonb("payload").notNull(),
    /** pending | succeeded | dead */
    status: text("status").notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    lastStatusCode: integer("last_status_code"),
    lastError: text("last_error"),
    lastDurationMs: integer("last_duration_ms"),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    deliveredAt: timestamp("delivered_at", { withTimezone: true, mode: "date" }),
  },
  (t) => [
    uniqueIndex("webhook_deliveries_webhook_seq_idx").on(t.webhookId, t.seq),
    index("webhook_deliveries_due_idx").on(t.status, t.nextAttemptAt),
    index("webhook_deliveries_task_idx").on(t.webhookId, t.taskId, t.seq),
  ],
);

export type WebhookDelivery = typeof webhookDeliveries.$inferSelect;

/**
 * The per-tenant suppression list: leads and addresses never to be e-mailed (unsubscribed, bounced,
 * or added by an admin). One row per lead id or address; the follow-up agents' contact check
 * (`gardenos.leads.contact_check`) and the follow-up intake refuse them as the do-not-contact list.
 */
export const emailSuppressions = pgTable(
  "email_suppressions",
  {
    tenant: text("tenant").notNull().default("default"),
    /** lead | email */
    kind: text("kind").notNull(),
    /** The CRM's lead id, or the address in lower case. */
    value: text("value").notNull(),
    /** unsubscribed | bounced | manual */
    reason: text("reason").notNull(),
    note: text("note"),
    /** The classification task whose reaction put it there, if any. */
    taskId: text("task_id"),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenant, t.kind, t.value] })],
);

export type EmailSuppression = typeof emailSuppressions.$inferSelect;

/**
 * One embedding per analysed lead (its latest version), for similar-lead search. Plain `real[]`
 * so that the migration runs on any Postgres; where the pgvector extension is available the
 * gateway adds a `vector(n)` column and an HNSW index at start (embeddings/vector-index.ts).
 */
export const leadEmbeddings = pgTable(
  "lead_embeddings",
  {
    tenant: text("tenant").notNull().default("default"),
    leadId: text("lead_id").notNull(),
    /** Which embedding: `builtin-hash-v2-64`, or the EMBEDDING_MODEL. */
    model: text("model").notNull(),
    dim: integer("dim").notNull(),
    /** L2-normalised: cosine similarity is the dot product. */
    embedding: real("embedding").array().notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenant, t.leadId] })],
);

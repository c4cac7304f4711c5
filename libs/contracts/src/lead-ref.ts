import { z } from "zod";
import { LeadSchema } from "./lead.js";

/** The CRM's id of a lead, as `lead_id` in a task (the same bounds as `lead.id`). */
export const LeadIdSchema = z.string().trim().min(1, "must not be empty").max(200, "must be at most 200 characters");

/**
 * The input of a lead-based agent type: the lead itself, or only its id (`lead_id`), which the
 * gateway looks up in the configured lead source (LEAD_SOURCE_URL + LEAD_SOURCE_MAPPING). Exactly
 * one of the two (defineAgentType adds the check when an input has both).
 */
export const leadRefInput = {
  lead: LeadSchema.optional().describe("The lead (or give lead_id instead)"),
  lead_id: LeadIdSchema.optional().describe("The CRM's id of the lead, read from the configured lead source (LEAD_SOURCE_URL) instead of sending `lead`"),
};

/** `gardenos.leads.lookup` request: the agents ask the gateway for a lead they have only the id of. */
export const LeadLookupRequest = z.object({ tenant: z.string().min(1).max(40), lead_id: LeadIdSchema });
export type LeadLookupRequest = z.infer<typeof LeadLookupRequest>;

/**
 * `gardenos.leads.lookup` reply: the lead; or why not — `not_found` (no such lead), `invalid` (the
 * source's row does not map onto a valid lead; `issues` name the lead field and the source column),
 * `unavailable` (the source is down: retry later).
 */
export const LeadLookupReply = z.union([
  z.object({ status: z.literal("found"), lead: LeadSchema }),
  z.object({ status: z.literal("not_found") }),
  z.object({ status: z.literal("invalid"), message: z.string().max(4000), issues: z.array(z.object({ path: z.string(), message: z.string() })).max(100).optional() }),
  z.object({ status: z.literal("unavailable"), message: z.string().max(1000).optional() }),
]);
export type LeadLookupReply = z.infer<typeof LeadLookupReply>;

/** `gardenos.leads.similar` request: how the tenant's most similar leads with outcomes turned out. */
export const LeadNeighboursRequest = z.object({ tenant: z.string().min(1).max(40), lead: LeadSchema, k: z.number().int().min(1).max(100).optional() });
export type LeadNeighboursRequest = z.infer<typeof LeadNeighboursRequest>;

/** `gardenos.leads.similar` reply: of the `k` nearest leads, `labelled` have an outcome (converted or lost), `converted` converted. */
export const LeadNeighboursReply = z.object({
  k: z.number().int(),
  labelled: z.number().int(),
  converted: z.number().int(),
  /** false: the tenant has no converted/lost outcome at all (agents need not ask again for a while). */
  tenant_has_outcomes: z.boolean().optional(),
});
export type LeadNeighboursReply = z.infer<typeof LeadNeighboursReply>;

/** One neighbour in `GET /ai/leads/:id/similar`. */
export const SimilarLeadSchema = z.object({
  lead_id: z.string(),
  similarity: z.number().describe("Cosine similarity of the two leads' embeddings (1 = same)"),
  lead_quality_score: z.number().nullable().describe("The latest analysis's score, null when none is recorded"),
  conversion_probability: z.number().nullable().describe("The latest analysis's conversion probability, null when none is recorded"),
  outcome: z.string().nullable().describe("The lead's latest outcome (converted, lost, …), null when none is known"),
});
export const SimilarLeadsView = z.object({
  lead_id: z.string(),
  k: z.number().int(),
  /** `hnsw` (pgvector's index) or `exact` (cosine over every stored embedding). */
  search: z.enum(["hnsw", "exact"]),
  embedding_model: z.string(),
  similar: z.array(SimilarLeadSchema),
  /** Among the neighbours with a converted/lost outcome: how many converted; null when none has one. */
  knn_conversion_rate: z.number().nullable(),
});
export type SimilarLeadsView = z.infer<typeof SimilarLeadsView>;

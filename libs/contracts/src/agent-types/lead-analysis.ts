import { z } from "zod";
import { leadRefInput } from "../lead-ref.js";
import { defineAgentType } from "./define.js";

export const FactorSchema = z.object({
  factor: z.string().describe("Short name, e.g. \"Time on site\""),
  impact: z.number().describe("Signed contribution in points of conversion probability"),
  detail: z.string().describe("Why, in words a salesperson understands"),
});

export const LeadAnalysisResult = z
  .object({
    lead_quality_score: z.number().int().min(1).max(10),
    conversion_probability: z.number().min(0).max(100),
    recommended_action: z.string().min(1).max(500),
    follow_up_timeline: z.string().min(1).max(200),
    key_insights: z.array(z.string().min(1).max(500)).min(1).max(10),
    top_positive_factors: z.array(FactorSchema).max(5),
    top_negative_factors: z.array(FactorSchema).max(5),
    model_version: z
      .string()
      .max(100)
      .optional()
      .describe("The conversion model behind conversion_probability: `model-<n>` (a learned version) or `heuristic` (the built-in scorer, before a model is active)"),
    factors_source: z
      .enum(["model", "scorer", "mixed"])
      .optional()
      .describe("Who wrote the factor arrays: the model, the built-in scorer (the built-in agent, or filled in because the model gave none), or mixed (the model gave one array, the scorer the other)"),
    knn_conversion_probability: z
      .number()
      .min(0)
      .max(100)
      .optional()
      .describe("Share (0–100) of the most similar earlier leads with an outcome that converted (k-nearest neighbours on the leads' embeddings); only when such leads exist. An estimate of its own, beside conversion_probability"),
    knn_neighbours: z.number().int().min(0).max(100).optional().describe("How many similar leads with an outcome knn_conversion_probability is based on"),
  })
  .describe("What lead analysis produces (the seed's fields plus the factors behind the score)");

/** `factors_source` values. */
export const FactorsSources = { model: "model", scorer: "scorer", mixed: "mixed" } as const;
export type FactorsSource = (typeof FactorsSources)[keyof typeof FactorsSources];

/**
 * What a model must answer for a lead analysis: the seed's five fields. The factor arrays are
 * optional (the built-in scorer's are used when they are missing); unknown fields are ignored.
 */
export const LeadAnalysisAnswer = LeadAnalysisResult.omit({ factors_source: true, model_version: true, knn_conversion_probability: true, knn_neighbours: true })
  .partial({ top_positive_factors: true, top_negative_factors: true })
  .describe("A model's lead-analysis answer: the seed's fields; the factor arrays are optional");

/** Lead analysis: quality score, conversion probability, next step. */
export const leadAnalysis = defineAgentType({
  type: "lead_analysis",
  service: "lead-analysis",
  description: "analyse a lead",
  subject: "lead.analyze",
  resultSubject: "lead.analyzed",
  input: { ...leadRefInput },
  result: LeadAnalysisResult,
  http: { path: "/ai/analyze-lead", summary: "Queue a lead analysis" },
  agents: { default: 4, max: 10 },
  timeoutSeconds: 30,
  taskIdPrefix: "analysis",
});

export type LeadAnalysisResult = z.infer<typeof LeadAnalysisResult>;
export type LeadAnalysisAnswer = z.infer<typeof LeadAnalysisAnswer>;
export type Factor = z.infer<typeof FactorSchema>;

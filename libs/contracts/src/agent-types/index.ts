import { AgentTypeRegistry, agentTypeSchema, type AgentType } from "./registry.js";
import { Bands, type Band } from "../names.js";
import { followUp } from "./follow-up.js";
import { leadAnalysis } from "./lead-analysis.js";
import { emailClassification } from "./email-classification.js";

export { defineAgentType, taskEventBase, type AgentTypeDefinition, type AgentTypeSpec, type AgentTypeEnv } from "./define.js";
export { AgentTypeRegistry, agentTypeSchema, type AgentType } from "./registry.js";
export { leadAnalysis, LeadAnalysisResult, LeadAnalysisAnswer, FactorSchema, FactorsSources, type Factor, type FactorsSource } from "./lead-analysis.js";
export {
  emailClassification,
  EmailClassificationResult,
  EmailClassificationAnswer,
  EmailSchema,
  EmailHeadersSchema,
  EmailFindingsSchema,
  EmailReplySchema,
  REPLY_TEXT_MAX,
  POSSIBLE_UNSUBSCRIBE,
  EmailCategorySchema,
  RoutingFactsSchema,
  EMAIL_CATEGORIES,
  EMAIL_SENTIMENTS,
  EMAIL_LIMITS,
  type EmailCategory,
  type EmailSentiment,
  type EmailInput,
  type EmailFindings,
  type EmailReply,
} from "./email-classification.js";
export { followUp, FollowUpResult, FollowUpDraft, FollowUpAnswer, ReviewReasons, FOLLOW_UP_STAGES, type ReviewReason, type FollowUpStage } from "./follow-up.js";

/** The built-in agent types — the registry's list. A new in-tree type is one line here. */
export const BUILTIN_AGENT_TYPES = [leadAnalysis, followUp, emailClassification] as const;

/** The process-wide registry: the built-in types, plus those plugin modules register at start. */
export const agentTypes = new AgentTypeRegistry(BUILTIN_AGENT_TYPES);

/** `agent_type` in request bodies: any registered type. */
export const AgentTypeSchema = agentTypeSchema(agentTypes);

/** `lead.analyze.high`, `lead.analyze`, `lead.analyze.low` … */
export function taskSubject(type: AgentType, band: Band): string {
  const base = agentTypes.require(type).subject;
  return band === Bands.normal ? base : `${base}.${band}`;
}

/** Durable pull consumer shared by every replica of a service, one per band. */
export function consumerName(type: AgentType, band: Band): string {
  const base = agentTypes.require(type).service;
  return band === Bands.normal ? base : `${base}-${band}`;
}

/** Finds task type and band from a task subject; undefined for anything else. */
export function parseTaskSubject(subject: string): { type: AgentType; band: Band } | undefined {
  return agentTypes.parseTaskSubject(subject);
}

/**
 * @gardenos/lead-features — what the built-in agents derive from a lead (seniority, occupation,
 * company size, industry, engagement), in one place so that the scorer and the e-mail writer agree.
 * Pure functions over the contracts' `Lead`; no I/O, no state.
 */
export { findKeyword, hasKeyword, firstMatch, normalise } from "./match.js";
export { leadFeatures } from "./features.js";
export type { LeadFeatures } from "./features.js";

export { SENIORITIES, OCCUPATIONS, seniorityOf, occupationOf } from "./role.js";
export type { Seniority, Occupation } from "./role.js";

export { COMPANY_SIZES, INDUSTRIES, companySizeOf, employeesOf, employeesFromSize, sizeBand, industryOf, sectorOf, buysBusinessSoftware } from "./company.js";
export type { CompanySize, Employees, Industry, IndustryFeature } from "./company.js";

export { LEAD_SOURCES, LEAD_ORIGINS, WEB_ENGAGEMENTS, leadSourceOf, leadOriginOf, engagementOf } from "./engagement.js";
export type { LeadSource, LeadOrigin, WebEngagement, EngagementFeatures } from "./engagement.js";

export { readContext, rolesNamed, asksNotToBeCalled, asksNotToBeEmailed, detectLanguage, requestedLanguage, writerLanguage, findReconnect, findWhens, monthOfWord, LANGUAGES, STAGES } from "./context/index.js";
export type { ContextReading, ReadContextOptions, Label, Lang, Point, PointKind, Reconnect, Signal, Stage, When } from "./context/index.js";

export { embedLead, embeddingFeatures, leadEmbeddingText, BUILTIN_EMBEDDING_DIM, BUILTIN_EMBEDDING_MODEL } from "./embedding.js";

import { BANDS, Bands, type Band } from "./names.js";
import { agentTypes, type AgentType, type AgentTypeDefinition } from "./agent-types/index.js";
import { Subjects } from "./names.js";
import { REACTION_SUBJECT_PREFIX } from "./reactions.js";

/**
 * Tenants on the NATS path. nats-server 2.9 does not stamp who published a message, so the tenant
 * of a task published straight to NATS comes from its subject, and the broker's permissions make
 * the subject trustworthy: tenant `acme`'s user may publish only `tenant.acme.<task subject>` and
 * hear only `tenant.acme.<result subject>` and `tenant.acme.task.failed`.
 *
 *   tenant.<tenant>.lead.analyze[.high|.low]   → INTAKE stream → gateway → TASKS (tenant recorded)
 *   lead.analyzed (RESULTS, internal)          → gateway recorder → tenant.<tenant>.lead.analyzed
 *   tenant.<tenant>.lead.outcome               → INTAKE stream → gateway → lead_outcomes (tenant's)
 *
 * The seed's bare subjects (`lead.analyze`, `lead.analyzed`) are the default tenant's when the
 * broker has no tenant users, and internal (gateway and agents only) when it has.
 */

/** Tenant ids: lower case letters, digits, `_` and `-`, at most 40 (the same as API-key prefixes). */
export const TENANT_ID = /^[a-z0-9][a-z0-9_-]{0,39}$/;

/** The tenant of clients without a tenant prefix and of tasks published on the bare subjects. */
export const DEFAULT_TENANT = "default";

export const TENANT_SUBJECT_PREFIX = "tenant";

/** `tenant.<tenant>.<subject>`. */
export function tenantSubject(tenant: string, subject: string): string {
  if (!TENANT_ID.test(tenant)) throw new TypeError(`"${tenant}" is not a valid tenant id (a-z, 0-9, _ and -, at most 40)`);
  return `${TENANT_SUBJECT_PREFIX}.${tenant}.${subject}`;
}

/** The INTAKE stream's subjects: every type's task subjects and `lead.outcome` under any tenant. */
export function tenantIntakeSubjects(types: readonly AgentTypeDefinition[] = agentTypes.list()): string[] {
  return [...types.flatMap((t) => [`${TENANT_SUBJECT_PREFIX}.*.${t.subject}`, `${TENANT_SUBJECT_PREFIX}.*.${t.subject}.*`]), `${TENANT_SUBJECT_PREFIX}.*.${Subjects.leadOutcome}`];
}

/** Reads `tenant.<tenant>.lead.outcome`: the tenant; undefined for any other subject. */
export function parseTenantOutcomeSubject(subject: string): string | undefined {
  const parts = subject.split(".");
  if (parts.length < 3 || parts[0] !== TENANT_SUBJECT_PREFIX || !TENANT_ID.test(parts[1]!)) return undefined;
  return parts.slice(2).join(".") === Subjects.leadOutcome ? parts[1] : undefined;
}

/** Reads `tenant.<tenant>.<task subject>`: the tenant, the agent type and the band; undefined if it is none. */
export function parseTenantTaskSubject(subject: string, registry = agentTypes): { tenant: string; type: AgentType; band: Band } | undefined {
  const parts = subject.split(".");
  if (parts.length < 3 || parts[0] !== TENANT_SUBJECT_PREFIX || !TENANT_ID.test(parts[1]!)) return undefined;
  const task = registry.parseTaskSubject(parts.slice(2).join("."));
  return task ? { tenant: parts[1]!, ...task } : undefined;
}

/** What a tenant hears: its result subjects and task.failed, under its prefix. */
export function tenantResultSubjects(tenant: string, types: readonly AgentTypeDefinition[] = agentTypes.list()): string[] {
  return [...types.map((t) => tenantSubject(tenant, t.resultSubject)), tenantSubject(tenant, Subjects.taskFailed), tenantSubject(tenant, `${REACTION_SUBJECT_PREFIX}.>`)];
}

/** What a tenant's CRM publishes: every band subject of every type, and its `lead.outcome`. */
export function tenantPublishSubjects(tenant: string, types: readonly AgentTypeDefinition[] = agentTypes.list()): string[] {
  return [...tenantTaskSubjects(tenant, types), tenantSubject(tenant, Subjects.leadOutcome)];
}

/** Every band subject of one type under a tenant. */
export function tenantTaskSubjects(tenant: string, types: readonly AgentTypeDefinition[] = agentTypes.list()): string[] {
  return types.flatMap((t) => BANDS.map((b) => tenantSubject(tenant, b === Bands.normal ? t.subject : `${t.subject}.${b}`)));
}

import { and, desc, eq, sql } from "drizzle-orm";
import { LeadSchema, type Lead } from "@gardenos/contracts";
import type { Db } from "../db/index.js";
import { leadProfiles as p } from "../db/schema.js";

/** How a lead is asked for: the CRM's id when the reply (or the follow-up it answers) names one, else the sender's address. */
export interface LeadQuery {
  leadId?: string | undefined;
  email?: string | undefined;
}

/** Finds the lead a reply is from. The one place that knows where leads come from. */
export type LeadResolver = (tenant: string, q: LeadQuery) => Promise<Lead | undefined>;

/**
 * The lead source of the reactions: for now the latest kept analysed lead (`lead_profiles`, kept by
 * the LeadKeeper for every lead sent to POST /ai/analyze-lead with an id), by id, else by its
 * contact address. A CRM lead source plugs in here.
 */
export function keptLeadResolver(db: Db): LeadResolver {
  return async (tenant, q) => {
    const row = q.leadId
      ? (await db.select({ lead: p.lead }).from(p).where(and(eq(p.tenant, tenant), eq(p.leadId, q.leadId))).limit(1))[0]
      : q.email
        ? (await db
            .select({ lead: p.lead })
            .from(p)
            .where(and(eq(p.tenant, tenant), sql`lower(${p.lead} -> 'contact' ->> 'email') = ${q.email.toLowerCase()}`))
            .orderBy(desc(p.updatedAt))
            .limit(1))[0]
        : undefined;
    if (!row) return undefined;
    const parsed = LeadSchema.safeParse(row.lead);
    return parsed.success ? parsed.data : undefined;
  };
}

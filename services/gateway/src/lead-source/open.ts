import { and, eq } from "drizzle-orm";
import { LeadSchema } from "@gardenos/contracts";
import type { Logger } from "@gardenos/runtime";
import pg from "pg";
import { z } from "zod";
import type { Database } from "../db/index.js";
import { leadProfiles } from "../db/schema.js";
import { KeptLeadSource, SqlLeadSource, type LeadSource } from "./lead-source.js";
import { loadMapping } from "./mapping.js";

/** The gateway's lead-source settings. */
export const leadSourceConfigShape = {
  /**
   * Where leads named by `lead_id` are read: a postgres:// URL (the CRM's database), or `same` for
   * the gateway's own database (PGlite by default). Unset: `same` when LEAD_SOURCE_MAPPING is set,
   * else the leads this gateway analysed before (lead_profiles).
   */
  LEAD_SOURCE_URL: z.string().regex(/^(same|postgres(ql)?:\/\/.*)$/, "must be a postgres:// URL or same").optional(),
  /** The mapping file (YAML or JSON): a `query` with :lead_id and :tenant, or `table` + `id_column` + `columns`. See deploy/examples/crm-leads/. */
  LEAD_SOURCE_MAPPING: z.string().min(1).optional(),
};

export interface OpenedLeadSource {
  source: LeadSource;
  close(): Promise<void>;
}

/** Builds the lead source from the settings; a bad mapping file fails the start (naming the field). */
export function openLeadSource(cfg: { LEAD_SOURCE_URL?: string | undefined; LEAD_SOURCE_MAPPING?: string | undefined }, database: Database, log: Logger): OpenedLeadSource {
  if (!cfg.LEAD_SOURCE_MAPPING) {
    if (cfg.LEAD_SOURCE_URL) throw new Error("LEAD_SOURCE_URL is set but LEAD_SOURCE_MAPPING is not: say how rows become leads (see deploy/examples/crm-leads/)");
    const source = new KeptLeadSource(async (tenant, leadId) => {
      const [row] = await database.db.select({ lead: leadProfiles.lead }).from(leadProfiles).where(and(eq(leadProfiles.tenant, tenant), eq(leadProfiles.leadId, leadId))).limit(1);
      const r = row ? LeadSchema.safeParse(row.lead) : undefined;
      return r?.success ? r.data : undefined;
    });
    return { source, close: async () => undefined };
  }
  const mapping = loadMapping(cfg.LEAD_SOURCE_MAPPING);
  if (!cfg.LEAD_SOURCE_URL || cfg.LEAD_SOURCE_URL === "same") {
    return { source: new SqlLeadSource((t, p) => database.query(t, p), mapping, `the gateway's own database (${database.kind})`, log), close: async () => undefined };
  }
  const pool = new pg.Pool({ connectionString: cfg.LEAD_SOURCE_URL, max: 5, connectionTimeoutMillis: 3000, query_timeout: 5000 });
  pool.on("error", () => undefined);
  pool.on("connect", (client) => void client.on("error", () => undefined));
  const url = new URL(cfg.LEAD_SOURCE_URL);
  url.password = "";
  return {
    source: new SqlLeadSource(async (t, p) => (await pool.query(t, p as unknown[])).rows as Record<string, unknown>[], mapping, url.toString(), log),
    close: () => pool.end(),
  };
}

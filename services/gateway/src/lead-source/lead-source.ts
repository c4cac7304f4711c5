import type { Issue, Lead } from "@gardenos/contracts";
import { errorMessage, isDatabaseError, summarizeDatabaseError, type Logger } from "@gardenos/runtime";
import type { LeadMapping } from "./mapping.js";
import { rowToLead } from "./row-to-lead.js";

/** A parameterised query on some database: rows as objects. */
export type RawQuery = (text: string, params: readonly unknown[]) => Promise<Record<string, unknown>[]>;

/** Why a lead could not be read. */
export type LeadSourceFailure = { status: "not_found" } | { status: "invalid"; issues: Issue[] } | { status: "unavailable"; message: string };
export type LeadLookup = { status: "found"; lead: Lead } | LeadSourceFailure;

/** Where leads named by `lead_id` are read from. */
export interface LeadSource {
  /** What it is, for the start-up log (no password). */
  readonly description: string;
  get(tenant: string, leadId: string): Promise<LeadLookup>;
}

/** Postgres errors that mean the input is no id of this table (e.g. "abc" for an integer column): not found. */
const NOT_AN_ID = new Set(["22P02", "22003", "22007", "22008"]);

/**
 * The CRM's own database: one parameterised statement from LEAD_SOURCE_MAPPING per lookup. Any
 * other failure (connection refused, timeout, a mapping naming a missing column) is "unavailable":
 * nothing is published and the caller retries later; the log says which.
 */
export class SqlLeadSource implements LeadSource {
  constructor(
    private readonly query: RawQuery,
    private readonly mapping: LeadMapping,
    readonly description: string,
    private readonly log: Logger,
  ) {}

  async get(tenant: string, leadId: string): Promise<LeadLookup> {
    let rows: Record<string, unknown>[];
    try {
      rows = await this.query(this.mapping.text, this.mapping.params.map((p) => (p === "lead_id" ? leadId : tenant)));
    } catch (e) {
      const code = isDatabaseError(e) ? summarizeDatabaseError(e).code : undefined;
      if (code && NOT_AN_ID.has(code)) return { status: "not_found" };
      this.log.warn({ err: errorMessage(e), source: this.description }, code?.startsWith("42") ? "the lead source's query failed: check LEAD_SOURCE_MAPPING against the table" : "the lead source is unavailable");
      return { status: "unavailable", message: "The lead source is unavailable" };
    }
    const row = rows[0];
    if (!row) return { status: "not_found" };
    const r = rowToLead(row, this.mapping.columns, leadId);
    return r.ok ? { status: "found", lead: r.lead } : { status: "invalid", issues: r.issues };
  }
}

/**
 * No LEAD_SOURCE_URL and no mapping: the latest version of each analysed lead the gateway keeps
 * (lead_profiles, written by the outcomes work) answers — a lead analysed once can be named by id.
 */
export class KeptLeadSource implements LeadSource {
  readonly description = "lead_profiles (the leads this gateway analysed before)";
  constructor(private readonly read: (tenant: string, leadId: string) => Promise<Lead | undefined>) {}

  async get(tenant: string, leadId: string): Promise<LeadLookup> {
    try {
      const lead = await this.read(tenant, leadId);
      return lead ? { status: "found", lead } : { status: "not_found" };
    } catch (e) {
      return { status: "unavailable", message: errorMessage(e) };
    }
  }
}

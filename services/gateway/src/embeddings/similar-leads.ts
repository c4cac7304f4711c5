import { LABEL_OUTCOMES, type Lead, type SimilarLeadsView } from "@gardenos/contracts";
import { errorMessage, type Logger } from "@gardenos/runtime";
import type { Database } from "../db/index.js";
import type { EmbeddingStore } from "./embedding-store.js";
import type { LeadEmbedder } from "./lead-embedder.js";

/** Largest k of a search. */
export const MAX_K = 100;

/**
 * Similar leads: embeddings written in batches for analysed leads (off the request path), the
 * nearest neighbours of a stored lead with their latest scores and outcomes, and the k-NN
 * conversion rate of a new lead among earlier ones with outcomes.
 */
export class SimilarLeads {
  /** Tenants with labelled outcomes (a tenant without any is answered without a search). */
  private labelled = new Map<string, { has: boolean; at: number }>();

  constructor(
    private readonly database: Pick<Database, "query">,
    readonly store: EmbeddingStore,
    readonly embedder: LeadEmbedder,
    private readonly log: Logger,
  ) {}

  /** Embeds and stores one tenant's analysed leads (LeadKeeper's batches). A failure is logged; the next analysis writes it. */
  async write(tenant: string, leads: readonly Lead[]): Promise<void> {
    const withId = leads.filter((l): l is Lead & { id: string } => !!l.id);
    if (!withId.length) return;
    try {
      const vectors = await this.embedder.embed(withId);
      await this.store.upsert(tenant, withId.map((l, i) => ({ leadId: l.id, vector: vectors[i]! })));
    } catch (e) {
      this.log.warn({ err: errorMessage(e), leads: withId.length }, "could not store lead embeddings; the next analysis writes them");
    }
  }

  /** `GET /ai/leads/:id/similar`: undefined when the lead has no embedding (unknown to this tenant). */
  async similarTo(tenant: string, leadId: string, k: number): Promise<SimilarLeadsView | undefined> {
    const v = await this.store.vectorOf(tenant, leadId);
    if (!v) return undefined;
    const near = await this.store.nearest(tenant, v, Math.min(k, MAX_K), leadId);
    const ids = near.map((n) => n.leadId);
    const [scores, outcomes] = await Promise.all([this.latestScores(tenant, ids), this.latestOutcomes(tenant, ids)]);
    const similar = near.map((n) => ({
      lead_id: n.leadId,
      similarity: Math.round(n.similarity * 10_000) / 10_000,
      lead_quality_score: scores.get(n.leadId)?.score ?? null,
      conversion_probability: scores.get(n.leadId)?.probability ?? null,
      outcome: outcomes.get(n.leadId) ?? null,
    }));
    const labelled = similar.filter((s) => s.outcome === "converted" || s.outcome === "lost");
    return {
      lead_id: leadId,
      k: Math.min(k, MAX_K),
      search: this.store.mode,
      embedding_model: this.store.model,
      similar,
      knn_conversion_rate: labelled.length ? labelled.filter((s) => s.outcome === "converted").length / labelled.length : null,
    };
  }

  /** Of the `k` stored leads nearest to a (new) lead, how many have a converted/lost outcome and how many converted. */
  async neighbours(tenant: string, lead: Lead, k: number): Promise<{ k: number; labelled: number; converted: number; tenant_has_outcomes: boolean }> {
    if (!(await this.hasLabelled(tenant))) return { k, labelled: 0, converted: 0, tenant_has_outcomes: false };
    const [v] = await this.embedder.embed([lead]);
    const near = await this.store.nearest(tenant, v!, k, lead.id);
    const outcomes = await this.labelledOutcomes(tenant, near.map((n) => n.leadId));
    let converted = 0;
    for (const o of outcomes.values()) if (o === "converted") converted++;
    return { k, labelled: outcomes.size, converted, tenant_has_outcomes: true };
  }

  private async hasLabelled(tenant: string): Promise<boolean> {
    const c = this.labelled.get(tenant);
    // Outcomes, once there, stay: a yes is kept a minute, a no (checked on every analysis) two seconds.
    if (c && Date.now() - c.at < (c.has ? 60_000 : 2_000)) return c.has;
    const rows = await this.database.query("select 1 from lead_outcomes where tenant = $1 and outcome = any($2) limit 1", [tenant, LABEL_OUTCOMES]);
    this.labelled.set(tenant, { has: rows.length > 0, at: Date.now() });
    return rows.length > 0;
  }

  private async latestScores(tenant: string, ids: string[]): Promise<Map<string, { score: number | null; probability: number | null }>> {
    if (!ids.length) return new Map();
    const rows = await this.database.query(
      `select distinct on (lead_id) lead_id, result ->> 'lead_quality_score' as score, result ->> 'conversion_probability' as probability
         from ai_interactions where tenant = $1 and type = 'lead_analysis' and status = 'completed' and lead_id = any($2)
        order by lead_id, completed_at desc nulls last`,
      [tenant, ids],
    );
    const num = (x: unknown) => (x === null || x === undefined ? null : Number(x));
    return new Map(rows.map((r) => [String(r.lead_id), { score: num(r.score), probability: num(r.probability) }]));
  }

  private async latestOutcomes(tenant: string, ids: string[]): Promise<Map<string, string>> {
    if (!ids.length) return new Map();
    const rows = await this.database.query("select distinct on (lead_id) lead_id, outcome from lead_outcomes where tenant = $1 and lead_id = any($2) order by lead_id, at desc", [tenant, ids]);
    return new Map(rows.map((r) => [String(r.lead_id), String(r.outcome)]));
  }

  /** The latest converted/lost outcome of each lead that has one. */
  private async labelledOutcomes(tenant: string, ids: string[]): Promise<Map<string, string>> {
    if (!ids.length) return new Map();
    const rows = await this.database.query(
      "select distinct on (lead_id) lead_id, outcome from lead_outcomes where tenant = $1 and lead_id = any($2) and outcome = any($3) order by lead_id, at desc",
      [tenant, ids, LABEL_OUTCOMES],
    );
    return new Map(rows.map((r) => [String(r.lead_id), String(r.outcome)]));
  }
}

import { LeadNeighboursReply, Subjects, type LeadAnalysisResult, type LeadAnalyzeEvent } from "@gardenos/contracts";
import type { AgentHandler } from "@gardenos/runtime";

/** How long an analysis waits for the gateway's similar-lead answer before going on without it. */
export const NEIGHBOURS_TIMEOUT_MS = 250;
/** Fewer neighbours with an outcome than this: no estimate (too few to say anything). */
export const MIN_LABELLED = 3;
export const KNN_K = 10;
/**
 * A tenant without outcomes (or no gateway answering) is not asked about again for this long: the
 * k-NN view costs a request per analysis only where it can say something.
 */
export const QUIET_MS = 30_000;

/** "7 of the 10 most similar leads converted" (of those with an outcome when not all have one). */
export function neighboursInsight(r: LeadNeighboursReply): string {
  const of = r.labelled === r.k ? `the ${r.k} most similar leads` : `the ${r.labelled} most similar leads with an outcome (of ${r.k} nearest)`;
  return `${r.converted} of ${of} converted`;
}

/**
 * Adds the k-nearest-neighbour view to an analysis: the gateway (which holds the embeddings and
 * outcomes) answers how the tenant's most similar earlier leads turned out. The result gains an
 * insight and `knn_conversion_probability` beside the model's `conversion_probability`. Best
 * effort: no answer within NEIGHBOURS_TIMEOUT_MS, or too few leads with outcomes, and the
 * analysis is as it was.
 */
export function withNeighbours(handler: AgentHandler<LeadAnalyzeEvent, LeadAnalysisResult>, o: { quietMs?: number } = {}): AgentHandler<LeadAnalyzeEvent, LeadAnalysisResult> {
  const quietMs = o.quietMs ?? QUIET_MS;
  /** Tenant → until when it is not asked about. */
  const quiet = new Map<string, number>();
  return {
    ...handler,
    async process(event, ctx) {
      const until = quiet.get(ctx.tenant);
      if (until !== undefined && Date.now() < until) return handler.process(event, ctx);
      const asked = ctx.ask(Subjects.leadNeighbours, { tenant: ctx.tenant, lead: event.lead, k: KNN_K }, NEIGHBOURS_TIMEOUT_MS).catch(() => undefined);
      const out = await handler.process(event, ctx);
      const parsed = LeadNeighboursReply.safeParse(await asked);
      if (!parsed.success || parsed.data.tenant_has_outcomes === false) quiet.set(ctx.tenant, Date.now() + quietMs);
      else quiet.delete(ctx.tenant);
      if (!parsed.success || parsed.data.labelled < MIN_LABELLED) return out;
      const r = parsed.data;
      const insights = [...out.result.key_insights.slice(0, 9), neighboursInsight(r)];
      return {
        ...out,
        result: { ...out.result, key_insights: insights, knn_conversion_probability: Math.round((1000 * r.converted) / r.labelled) / 10, knn_neighbours: r.labelled },
      };
    },
  };
}

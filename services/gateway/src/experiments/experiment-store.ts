import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { SUCCESS_OUTCOMES, type ExperimentBody, type ExperimentView, type VariantAssignment, type VariantSpec } from "@gardenos/contracts";
import type { Db } from "../db/index.js";
import { experimentAssignments as a, experiments as x, leadOutcomes as o } from "../db/schema.js";
import { banditSplit, probabilityBest, pick, sequentialDecision, stickyPoint, wilson95, type Arm, type StopRule } from "./stats.js";

type ExperimentRow = typeof x.$inferSelect;

export class ExperimentConflictError extends Error {
  override name = "ExperimentConflictError";
}

const DAY_MS = 86_400_000;
/** How long a bandit split is reused before it is computed again from the outcomes. */
const SPLIT_TTL_MS = 30_000;
/** How long the intake reuses "which experiment runs" (another gateway replica's start or stop shows after this). */
const RUNNING_TTL_MS = 2_000;

const ruleOf = (r: ExperimentRow): StopRule => ({ winProbability: r.winProbability, minSends: r.minSends, checkEvery: r.checkEvery, maxSends: r.maxSends });

interface Send {
  variant: string;
  leadId: string;
  taskId: string | null;
  at: Date;
}

interface Results {
  arms: Arm[];
  /** Success flags of each variant's sends, oldest send first. */
  sequences: number[][];
  outcomes: Record<string, number>[];
}

/**
 * Follow-up A/B experiments: definitions, sticky assignment of leads to variants, and the
 * results. Only sends (a `sent` outcome, e.g. from the review queue's mark sent) count as
 * exposures; a reply, meeting or conversion counts for a send when it names the send's task, or
 * comes from the same lead within `attribution_days` after it.
 */
export class ExperimentStore {
  private splits = new Map<string, { at: number; weights: number[] }>();
  /** The running experiment per tenant, for the intake (every follow-up asks): reused for RUNNING_TTL_MS. */
  private runningCache = new Map<string, { at: number; row: ExperimentRow | undefined }>();

  constructor(private readonly db: Db) {}

  async create(tenant: string, body: ExperimentBody): Promise<ExperimentView> {
    const running = await this.running(tenant);
    if (running) throw new ExperimentConflictError(`experiment ${running.id} is running; stop it first (POST /ai/experiments/${running.id}/stop)`);
    const inserted = await this.db
      .insert(x)
      .values({
        tenant,
        id: body.id,
        description: body.description ?? null,
        variants: body.variants,
        mode: body.mode,
        attributionDays: body.attribution_days,
        winProbability: body.win_probability,
        minSends: body.min_sends,
        checkEvery: body.check_every,
        maxSends: body.max_sends,
        status: "running",
      })
      .onConflictDoNothing()
      .returning();
    if (!inserted[0]) throw new ExperimentConflictError(`an experiment with id ${body.id} exists (or another one started meanwhile)`);
    this.runningCache.delete(tenant);
    return this.view(inserted[0]);
  }

  async list(tenant: string): Promise<ExperimentView[]> {
    const rows = await this.db.select().from(x).where(eq(x.tenant, tenant)).orderBy(asc(x.createdAt));
    return Promise.all(rows.map((r) => this.view(r)));
  }

  async get(tenant: string, id: string): Promise<ExperimentView | undefined> {
    const row = await this.row(tenant, id);
    return row ? this.view(row) : undefined;
  }

  async stop(tenant: string, id: string): Promise<ExperimentView | undefined> {
    const rows = await this.db.update(x).set({ status: "stopped", stoppedAt: sql`coalesce(${x.stoppedAt}, now())` }).where(and(eq(x.tenant, tenant), eq(x.id, id))).returning();
    this.runningCache.delete(tenant);
    return rows[0] ? this.view(rows[0]) : undefined;
  }

  private async row(tenant: string, id: string): Promise<ExperimentRow | undefined> {
    return (await this.db.select().from(x).where(and(eq(x.tenant, tenant), eq(x.id, id))).limit(1))[0];
  }

  private async running(tenant: string): Promise<ExperimentRow | undefined> {
    return (await this.db.select().from(x).where(and(eq(x.tenant, tenant), eq(x.status, "running"))).limit(1))[0];
  }

  /**
   * The variant of a lead in the tenant's running experiment (undefined when none runs). Sticky:
   * stored at the first assignment and returned from then on; a new lead's variant is decided by a
   * hash of the lead under the current split (the weights, or the bandit's split).
   */
  async assign(tenant: string, leadKey: string): Promise<VariantAssignment | undefined> {
    let cached = this.runningCache.get(tenant);
    if (!cached || Date.now() - cached.at > RUNNING_TTL_MS) this.runningCache.set(tenant, (cached = { at: Date.now(), row: await this.running(tenant) }));
    const exp = cached.row;
    if (!exp) return undefined;
    const variants = exp.variants as VariantSpec[];
    const existing = (await this.db.select({ v: a.variant }).from(a).where(and(eq(a.tenant, tenant), eq(a.experimentId, exp.id), eq(a.leadKey, leadKey))).limit(1))[0];
    let variantId = existing?.v;
    if (!variantId) {
      const weights = await this.split(tenant, exp);
      const chosen = variants[pick(stickyPoint(exp.id, leadKey), weights)]!.id;
      await this.db.insert(a).values({ tenant, experimentId: exp.id, leadKey, variant: chosen }).onConflictDoNothing();
      // Another request may have assigned the lead a moment ago: the stored one wins.
      variantId = (await this.db.select({ v: a.variant }).from(a).where(and(eq(a.tenant, tenant), eq(a.experimentId, exp.id), eq(a.leadKey, leadKey))).limit(1))[0]?.v ?? chosen;
    }
    const spec = variants.find((v) => v.id === variantId) ?? variants[0]!;
    return { experiment: exp.id, variant: spec.id, ...(spec.subject ? { subject: spec.subject } : {}), ...(spec.instructions ? { instructions: spec.instructions } : {}) };
  }

  /** The split for new leads: the weights (fixed), or Thompson sampling's (bandit), cached for a short while. */
  private async split(tenant: string, exp: ExperimentRow): Promise<number[]> {
    const variants = exp.variants as VariantSpec[];
    const fixed = variants.map((v) => v.weight ?? 1);
    if (exp.mode !== "bandit") return fixed;
    const key = `${tenant}\n${exp.id}`;
    const cached = this.splits.get(key);
    if (cached && Date.now() - cached.at < SPLIT_TTL_MS) return cached.weights;
    const { arms } = await this.results(tenant, exp);
    const weights = banditSplit(arms);
    this.splits.set(key, { at: Date.now(), weights });
    return weights;
  }

  /** Sends and attributed successes per variant. */
  private async results(tenant: string, exp: ExperimentRow): Promise<Results> {
    const variants = (exp.variants as VariantSpec[]).map((v) => v.id);
    const sentRows = await this.db
      .select({ variant: o.variant, leadId: o.leadId, taskId: o.taskId, at: o.at })
      .from(o)
      .where(and(eq(o.tenant, tenant), eq(o.experiment, exp.id), eq(o.outcome, "sent")))
      .orderBy(asc(o.at), asc(o.outcomeId));
    // One send per task (a task marked sent twice is one e-mail).
    const seen = new Set<string>();
    const sends: Send[] = [];
    for (const r of sentRows) {
      if (!r.variant || !variants.includes(r.variant)) continue;
      const key = r.taskId ?? `${r.leadId}@${r.at.toISOString()}`;
      if (seen.has(key)) continue;
      seen.add(key);
      sends.push({ variant: r.variant, leadId: r.leadId, taskId: r.taskId, at: r.at });
    }
    const leadIds = [...new Set(sends.map((s) => s.leadId))];
    const answers = leadIds.length
      ? await this.db
          .select({ leadId: o.leadId, taskId: o.taskId, at: o.at, outcome: o.outcome })
          .from(o)
          .where(and(eq(o.tenant, tenant), inArray(o.leadId, leadIds), inArray(o.outcome, [...SUCCESS_OUTCOMES])))
      : [];
    const byLead = new Map<string, typeof answers>();
    for (const ans of answers) byLead.set(ans.leadId, [...(byLead.get(ans.leadId) ?? []), ans]);
    const windowMs = exp.attributionDays * DAY_MS;
    const sequences = variants.map(() => [] as number[]);
    const outcomes = variants.map(() => ({}) as Record<string, number>);
    for (const s of sends) {
      const i = variants.indexOf(s.variant);
      const hits = (byLead.get(s.leadId) ?? []).filter((ans) =>
        ans.taskId && s.taskId ? ans.taskId === s.taskId : ans.at.getTime() >= s.at.getTime() && ans.at.getTime() <= s.at.getTime() + windowMs,
      );
      sequences[i]!.push(hits.length ? 1 : 0);
      for (const kind of new Set(hits.map((h) => h.outcome))) outcomes[i]![kind] = (outcomes[i]![kind] ?? 0) + 1;
    }
    const arms = sequences.map((seq) => ({ sends: seq.length, successes: seq.reduce((t, v) => t + v, 0) }));
    return { arms, sequences, outcomes };
  }

  private async view(exp: ExperimentRow): Promise<ExperimentView> {
    const variants = exp.variants as VariantSpec[];
    const { arms, sequences, outcomes } = await this.results(exp.tenant, exp);
    const counts = await this.db
      .select({ variant: a.variant, n: sql<number>`count(*)::int` })
      .from(a)
      .where(and(eq(a.tenant, exp.tenant), eq(a.experimentId, exp.id)))
      .groupBy(a.variant);
    const pBest = probabilityBest(arms);
    const traffic = exp.mode === "bandit" ? banditSplit(arms, pBest) : variants.map((v) => v.weight ?? 1);
    const total = traffic.reduce((t, v) => t + v, 0);
    const decision = sequentialDecision(sequences, ruleOf(exp));
    const named = decision.winner === undefined ? null : variants[decision.winner]!.id;
    const text =
      decision.state === "winner"
        ? `${named} is best with probability ≥ ${exp.winProbability} after ${decision.atSends} sends per variant: stop the experiment and use it`
        : decision.state === "no_difference"
          ? `no variant is better after ${exp.maxSends} sends per variant: stop the experiment`
          : `undecided: the rule is looked at every ${exp.checkEvery} sends per variant (at least ${exp.minSends}; at most ${exp.maxSends})`;
    return {
      id: exp.id,
      description: exp.description,
      status: exp.status === "stopped" ? "stopped" : "running",
      mode: exp.mode === "bandit" ? "bandit" : "fixed",
      attribution_days: exp.attributionDays,
      win_probability: exp.winProbability,
      min_sends: exp.minSends,
      check_every: exp.checkEvery,
      max_sends: exp.maxSends,
      created_at: exp.createdAt.toISOString(),
      variants: variants.map((v, i) => ({
        id: v.id,
        weight: v.weight ?? 1,
        traffic: total > 0 ? Math.round((traffic[i]! / total) * 10_000) / 10_000 : 0,
        assigned: counts.find((c) => c.variant === v.id)?.n ?? 0,
        sends: arms[i]!.sends,
        successes: arms[i]!.successes,
        rate: arms[i]!.sends ? arms[i]!.successes / arms[i]!.sends : null,
        ci95: wilson95(arms[i]!),
        p_best: Math.round(pBest[i]! * 10_000) / 10_000,
        outcomes: outcomes[i]!,
      })),
      winner: named,
      state: decision.state,
      decided_at_sends: decision.atSends,
      decision: text,
    };
  }
}

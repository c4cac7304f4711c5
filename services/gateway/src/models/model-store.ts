import { and, desc, eq, lt, sql } from "drizzle-orm";
import type { ActiveModelRecord, EvaluationView, ModelView } from "@gardenos/contracts";
import type { ConversionModel, Evaluation } from "@gardenos/conversion-model";
import type { Db } from "../db/index.js";
import { models as m } from "../db/schema.js";

export type ModelRow = typeof m.$inferSelect;

/** Where the active models are published for the lead-analysis agents (the KV bucket `gardenos_models`). */
export interface ModelPublisher {
  /** Publishes a tenant's active model, or withdraws it (`undefined`: back to the built-in heuristic). */
  publish(tenant: string, record: ActiveModelRecord | undefined): Promise<void>;
}

export interface NewModel {
  algorithm: string;
  source: string;
  features: string[];
  trainingRows: number;
  labelledAtTraining: number;
  validation: Evaluation;
  championValidation: Evaluation | undefined;
  decision: string;
  params: ConversionModel;
  trainingMs: number;
  activate: boolean;
}

const num = (x: number | undefined) => (x === undefined || Number.isNaN(x) ? null : Math.round(x * 10_000) / 10_000);

export function evaluationView(e: Partial<Evaluation> | null | undefined): EvaluationView {
  return { rows: e?.rows ?? 0, roc_auc: num(e?.roc_auc), brier_score: num(e?.brier_score), log_loss: num(e?.log_loss), base_rate: num(e?.base_rate) };
}

export function modelView(r: ModelRow): ModelView {
  return {
    version: r.version,
    active: r.active,
    created_at: r.createdAt.toISOString(),
    activated_at: r.activatedAt?.toISOString() ?? null,
    source: r.source,
    algorithm: r.algorithm,
    features: r.features as string[],
    training_rows: r.trainingRows,
    validation: evaluationView(r.validation as Evaluation),
    champion_validation: r.championValidation ? evaluationView(r.championValidation as Evaluation) : null,
    decision: r.decision,
    training_ms: r.trainingMs,
  };
}

const record = (r: ModelRow): ActiveModelRecord => ({ tenant: r.tenant, version: r.version, model: r.params, activated_at: (r.activatedAt ?? new Date()).toISOString() });

/** The `models` table: versions per tenant, at most one active, each activation published to the agents. */
export class ModelStore {
  constructor(
    private readonly db: Db,
    private readonly publisher: ModelPublisher,
  ) {}

  async list(tenant: string): Promise<ModelRow[]> {
    return this.db.select().from(m).where(eq(m.tenant, tenant)).orderBy(desc(m.version));
  }

  async get(tenant: string, version: number): Promise<ModelRow | undefined> {
    return (await this.db.select().from(m).where(and(eq(m.tenant, tenant), eq(m.version, version))).limit(1))[0];
  }

  async active(tenant: string): Promise<ModelRow | undefined> {
    return (await this.db.select().from(m).where(and(eq(m.tenant, tenant), eq(m.active, true))).limit(1))[0];
  }

  async latest(tenant: string): Promise<ModelRow | undefined> {
    return (await this.db.select().from(m).where(eq(m.tenant, tenant)).orderBy(desc(m.version)).limit(1))[0];
  }

  /** Stores a new version (the next number), active when `activate`, and publishes it then. */
  async insert(tenant: string, n: NewModel): Promise<ModelRow> {
    const row = await this.db.transaction(async (tx) => {
      // One writer per tenant at a time: the version number and the single active row.
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`models:${tenant}`}))`);
      const last = (await tx.select({ v: m.version }).from(m).where(eq(m.tenant, tenant)).orderBy(desc(m.version)).limit(1))[0];
      if (n.activate) await tx.update(m).set({ active: false }).where(and(eq(m.tenant, tenant), eq(m.active, true)));
      const inserted = await tx
        .insert(m)
        .values({
          tenant,
          version: (last?.v ?? 0) + 1,
          algorithm: n.algorithm,
          source: n.source,
          features: n.features,
          trainingRows: n.trainingRows,
          labelledAtTraining: n.labelledAtTraining,
          validation: n.validation,
          championValidation: n.championValidation ?? null,
          decision: n.decision,
          params: n.params,
          trainingMs: n.trainingMs,
          active: n.activate,
          activatedAt: n.activate ? new Date() : null,
        })
        .returning();
      return inserted[0]!;
    });
    if (row.active) await this.publisher.publish(tenant, record(row));
    return row;
  }

  /** Makes `version` the active model (undefined when there is no such version). */
  async activate(tenant: string, version: number): Promise<ModelRow | undefined> {
    const row = await this.db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`models:${tenant}`}))`);
      const target = (await tx.select().from(m).where(and(eq(m.tenant, tenant), eq(m.version, version))).limit(1))[0];
      if (!target) return undefined;
      if (target.active) return target;
      await tx.update(m).set({ active: false }).where(and(eq(m.tenant, tenant), eq(m.active, true)));
      return (await tx.update(m).set({ active: true, activatedAt: new Date() }).where(and(eq(m.tenant, tenant), eq(m.version, version))).returning())[0];
    });
    if (row) await this.publisher.publish(tenant, record(row));
    return row;
  }

  /**
   * Goes back to the version active before the current one: the newest earlier version that was
   * ever activated; with none, no model is active and the built-in heuristic scores again.
   */
  async rollback(tenant: string): Promise<ModelRow | undefined> {
    const current = await this.active(tenant);
    const before = current
      ? (await this.db.select().from(m).where(and(eq(m.tenant, tenant), lt(m.version, current.version), sql`${m.activatedAt} is not null`)).orderBy(desc(m.version)).limit(1))[0]
      : undefined;
    if (before) return this.activate(tenant, before.version);
    await this.db.update(m).set({ active: false }).where(and(eq(m.tenant, tenant), eq(m.active, true)));
    await this.publisher.publish(tenant, undefined);
    return undefined;
  }

  /** Publishes every tenant's active model again (at start: the database is the source of truth). */
  async publishAll(): Promise<number> {
    const rows = await this.db.select().from(m).where(eq(m.active, true));
    for (const r of rows) await this.publisher.publish(r.tenant, record(r));
    return rows.length;
  }
}

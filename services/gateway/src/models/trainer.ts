import { DEFAULT_EXCLUDED_FIELDS, beatsChampion, evaluateModel, isConversionModel, trainConversionModel, validationExamples, type Evaluation } from "@gardenos/conversion-model";
import { errorMessage, type Logger } from "@gardenos/runtime";
import type { OutcomeStore } from "../outcomes/outcome-store.js";
import type { ModelRow, ModelStore } from "./model-store.js";

export const ALGORITHM = "logistic-regression-l2+platt";

export class NotEnoughOutcomesError extends Error {
  override name = "NotEnoughOutcomesError";
}

export interface TrainerOptions {
  /** Fewest labelled leads before the first model may be trained (MODEL_MIN_OUTCOMES): below it the heuristic stays. */
  minOutcomes: number;
  log: Logger;
}

export interface TrainOutcome {
  row: ModelRow;
  activated: boolean;
  decision: string;
}

/**
 * Trains a conversion model from a tenant's stored outcomes and decides champion / challenger on
 * the validation split (leads chosen by a hash of their id, so no version ever trained on them).
 */
export class ModelTrainer {
  constructor(
    private readonly outcomes: Pick<OutcomeStore, "trainingExamples" | "labelledLeads" | "tenantsWithLabels">,
    private readonly models: ModelStore,
    private readonly o: TrainerOptions,
  ) {}

  get minOutcomes(): number {
    return this.o.minOutcomes;
  }

  async train(tenant: string, source: string, opts: { exclude?: readonly string[]; force?: boolean } = {}): Promise<TrainOutcome> {
    const examples = await this.outcomes.trainingExamples(tenant);
    if (examples.length < this.o.minOutcomes) {
      throw new NotEnoughOutcomesError(`${examples.length} labelled leads (converted or lost) are stored; the first model needs ${this.o.minOutcomes} (MODEL_MIN_OUTCOMES). Until then the built-in heuristic scores.`);
    }
    let result;
    try {
      result = trainConversionModel(examples, { exclude: [...DEFAULT_EXCLUDED_FIELDS, ...(opts.exclude ?? [])] });
    } catch (e) {
      throw new NotEnoughOutcomesError(errorMessage(e));
    }
    const champion = await this.models.active(tenant);
    let championEval: Evaluation | undefined;
    if (champion && isConversionModel(champion.params)) championEval = evaluateModel(champion.params, validationExamples(examples));
    const verdict = beatsChampion(result.validation, championEval);
    const activate = verdict.beats || opts.force === true;
    const decision = verdict.beats ? `activated: ${verdict.reason}` : opts.force ? `activated by force: ${verdict.reason}` : `kept the active model: challenger ${verdict.reason}`;
    const row = await this.models.insert(tenant, {
      algorithm: ALGORITHM,
      source,
      features: result.features,
      trainingRows: result.rows.train,
      labelledAtTraining: examples.length,
      validation: result.validation,
      championValidation: championEval,
      decision,
      params: result.model,
      trainingMs: result.training_ms,
      activate,
    });
    this.o.log.info({ tenant, version: row.version, activated: activate, roc_auc: result.validation.roc_auc, brier: result.validation.brier_score, training_ms: result.training_ms }, "conversion model trained");
    return { row, activated: activate, decision };
  }

  /**
   * The scheduled retrain: every `intervalMs`, for each tenant with labelled outcomes, trains when
   * `minNew` labelled leads arrived since the last version (or the first model's minimum is reached).
   * Returns a stop function.
   */
  startSchedule(o: { intervalMs: number; minNew: number; onError?: (e: unknown) => void }): () => void {
    let running = false;
    const tick = async () => {
      if (running) return;
      running = true;
      try {
        for (const tenant of await this.outcomes.tenantsWithLabels()) {
          const labelled = await this.outcomes.labelledLeads(tenant);
          const last = await this.models.latest(tenant);
          const due = last ? labelled - last.labelledAtTraining >= o.minNew : labelled >= this.o.minOutcomes;
          if (due) await this.train(tenant, "schedule").catch((e) => (e instanceof NotEnoughOutcomesError ? undefined : Promise.reject(e)));
        }
      } catch (e) {
        o.onError?.(e);
      } finally {
        running = false;
      }
    };
    const timer = setInterval(() => void tick(), o.intervalMs);
    timer.unref();
    return () => clearInterval(timer);
  }
}

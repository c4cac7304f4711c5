import { createHash } from "node:crypto";
import type { Lead } from "@gardenos/contracts";
import { fitFeatures, vectorize, type FitFeatureOptions } from "./featurize.js";
import { fitLogistic, linear, sigmoid, type SparseRow } from "./logistic.js";
import { brierScore, calibrationTable, rocAuc, type CalibrationBin } from "./metrics.js";
import { MODEL_FORMAT, calibrated, modelFeatureList, type ConversionModel } from "./model.js";

/** One labelled lead: the CRM's id (it decides the split), the lead, 1 = converted, 0 = lost. */
export interface Example {
  id: string;
  lead: Lead;
  label: number;
}

export type Split = "train" | "calibration" | "validation";

/** Shares of the leads held out by id: 20 % validation, 15 % calibration, the rest for training. */
export const SPLIT = { validation: 0.2, calibration: 0.15 } as const;

/**
 * The split a lead belongs to, from a hash of its id alone: the same lead is in the same split
 * for every model ever trained, so the champion and a challenger are compared on leads neither
 * of them trained on.
 */
export function splitOf(id: string): Split {
  const h = createHash("sha256").update(id, "utf8").digest().readUInt32BE(0) / 2 ** 32;
  if (h < SPLIT.validation) return "validation";
  if (h < SPLIT.validation + SPLIT.calibration) return "calibration";
  return "train";
}

export interface Evaluation {
  rows: number;
  roc_auc: number;
  brier_score: number;
  log_loss: number;
  base_rate: number;
  calibration: CalibrationBin[];
}

/** Measures probabilities (0–1) against the labels. */
export function evaluate(probabilities: readonly number[], labels: readonly number[]): Evaluation {
  const eps = 1e-12;
  let ll = 0;
  probabilities.forEach((p, i) => (ll -= labels[i] === 1 ? Math.log(Math.max(eps, p)) : Math.log(Math.max(eps, 1 - p))));
  return {
    rows: labels.length,
    roc_auc: rocAuc(probabilities, labels),
    brier_score: brierScore(probabilities, labels),
    log_loss: labels.length ? ll / labels.length : Number.NaN,
    base_rate: labels.length ? labels.reduce((s, l) => s + l, 0) / labels.length : Number.NaN,
    calibration: calibrationTable(probabilities, labels, 10),
  };
}

export interface TrainOptions extends FitFeatureOptions {
  /** L2 penalties tried; the one with the lowest log loss on the calibration split wins. */
  l2Grid?: readonly number[];
}

export interface TrainResult {
  model: ConversionModel;
  /** The fields the model reads (`engagement.source`, `custom_fields.Lead Profile` …). */
  features: string[];
  rows: Record<Split, number>;
  /** On the validation split, which the model never saw. */
  validation: Evaluation;
  l2: number;
  training_ms: number;
}

/** Fewest labelled leads to train on, and of each outcome. */
export const MIN_TRAINING = { total: 50, perClass: 10 } as const;

export class NotEnoughDataError extends Error {
  override name = "NotEnoughDataError";
}

/**
 * Trains a calibrated, L2-regularised logistic regression: features are learned on the training
 * split, the penalty is chosen on the calibration split, Platt scaling is fitted on the
 * calibration split, and the result is measured on the validation split.
 */
export function trainConversionModel(examples: readonly Example[], o: TrainOptions = {}): TrainResult {
  const started = performance.now();
  const parts: Record<Split, Example[]> = { train: [], calibration: [], validation: [] };
  for (const e of examples) parts[splitOf(e.id)].push(e);
  const positives = examples.filter((e) => e.label === 1).length;
  if (examples.length < MIN_TRAINING.total || positives < MIN_TRAINING.perClass || examples.length - positives < MIN_TRAINING.perClass) {
    throw new NotEnoughDataError(`need at least ${MIN_TRAINING.total} labelled leads with ${MIN_TRAINING.perClass} of each outcome (have ${examples.length}: ${positives} converted)`);
  }
  for (const s of ["train", "calibration", "validation"] as const) {
    if (new Set(parts[s].map((e) => e.label)).size < 2) throw new NotEnoughDataError(`the ${s} split holds only one outcome; more labelled leads are needed`);
  }
  const spec = fitFeatures(
    parts.train.map((e) => e.lead),
    o,
  );
  const rows = (list: Example[]) => list.map((e) => vectorize(spec, e.lead));
  const trainRows = rows(parts.train);
  const calRows = rows(parts.calibration);
  const trainLabels = parts.train.map((e) => e.label);
  const calLabels = parts.calibration.map((e) => e.label);

  let best: { l2: number; fit: ReturnType<typeof fitLogistic>; loss: number } | undefined;
  let previous: ReturnType<typeof fitLogistic> | undefined;
  // From the strongest penalty down, each fit starting from the last one (fewer Newton steps).
  for (const l2 of [...(o.l2Grid ?? [0.3, 1, 3, 10, 30])].sort((a, b) => b - a)) {
    const fit = fitLogistic(trainRows, trainLabels, spec.columns, { l2, ...(previous ? { init: previous } : {}) });
    previous = fit;
    const loss = evaluate(calRows.map((r) => sigmoid(linear(r, fit.weights, fit.bias))), calLabels).log_loss;
    if (!best || loss < best.loss) best = { l2, fit, loss };
  }
  const { fit, l2 } = best!;
  // Platt scaling: a one-feature logistic regression of the label on the raw log-odds.
  const platt = fitLogistic(
    calRows.map((r) => ({ idx: Int32Array.of(0), val: Float64Array.of(linear(r, fit.weights, fit.bias)) })),
    calLabels,
    1,
    { l2: 1e-6 },
  );
  const means = new Array<number>(spec.columns).fill(0);
  for (const r of trainRows) for (let k = 0; k < r.idx.length; k++) means[r.idx[k]!]! += r.val[k]! / trainRows.length;
  const model: ConversionModel = {
    format: MODEL_FORMAT,
    spec,
    weights: Array.from(fit.weights),
    bias: fit.bias,
    means,
    calibration: { a: platt.weights[0]!, b: platt.bias },
    l2,
  };
  const validation = evaluateModel(model, parts.validation);
  return {
    model,
    features: modelFeatureList(model),
    rows: { train: parts.train.length, calibration: parts.calibration.length, validation: parts.validation.length },
    validation,
    l2,
    training_ms: Math.round(performance.now() - started),
  };
}

function rowLogit(model: ConversionModel, row: SparseRow): number {
  return linear(row, model.weights, model.bias);
}

/** A model's evaluation on labelled leads. */
export function evaluateModel(model: ConversionModel, examples: readonly Example[]): Evaluation {
  return evaluate(
    examples.map((e) => calibrated(model, rowLogit(model, vectorize(model.spec, e.lead)))),
    examples.map((e) => e.label),
  );
}

/** The labelled leads of the validation split (the leads no model trains on). */
export function validationExamples(examples: readonly Example[]): Example[] {
  return examples.filter((e) => splitOf(e.id) === "validation");
}

/** Largest drop in ROC AUC a challenger may have and still win on a lower Brier score. */
export const AUC_TOLERANCE = 0.005;

/**
 * Champion / challenger on the same validation split: the challenger wins with a lower Brier
 * score and a ROC AUC no more than AUC_TOLERANCE below the champion's. With no champion it wins
 * when it ranks better than chance (ROC AUC > 0.5).
 */
export function beatsChampion(challenger: Evaluation, champion: Evaluation | undefined): { beats: boolean; reason: string } {
  const f = (x: number) => x.toFixed(4);
  if (!champion) {
    return challenger.roc_auc > 0.5
      ? { beats: true, reason: `no active model; ROC AUC ${f(challenger.roc_auc)} on ${challenger.rows} validation leads` }
      : { beats: false, reason: `ROC AUC ${f(challenger.roc_auc)} is no better than chance` };
  }
  const brier = challenger.brier_score < champion.brier_score;
  const auc = challenger.roc_auc >= champion.roc_auc - AUC_TOLERANCE;
  const text = `Brier ${f(challenger.brier_score)} vs ${f(champion.brier_score)}, ROC AUC ${f(challenger.roc_auc)} vs ${f(champion.roc_auc)} on ${challenger.rows} validation leads`;
  return { beats: brier && auc, reason: brier && auc ? `beats the active model: ${text}` : `does not beat the active model: ${text}` };
}

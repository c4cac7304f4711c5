import type { Lead } from "@gardenos/contracts";
import { describeValue, vectorize, type FeatureSpec } from "./featurize.js";
import { sigmoid } from "./logistic.js";

/** Format tag of a serialised model: a consumer refuses formats it does not know. */
export const MODEL_FORMAT = "gardenos-logreg/1";

/**
 * A trained conversion model, as stored (plain JSON): the feature layout, the logistic
 * regression's weights, the mean of every column over the training leads (contributions are
 * measured against the average lead) and the Platt calibration `p = σ(a·z + b)`.
 */
export interface ConversionModel {
  format: typeof MODEL_FORMAT;
  spec: FeatureSpec;
  weights: number[];
  bias: number;
  means: number[];
  calibration: { a: number; b: number };
  /** L2 penalty the weights were fitted with. */
  l2: number;
}

/** One field's share of a score. */
export interface Contribution {
  /** `engagement.source`, `custom:Lead Profile` … */
  field: string;
  label: string;
  /** The lead's value in words. */
  value: string;
  /** Change in (uncalibrated) log-odds against the average training lead. */
  logit: number;
  /** Points of calibrated conversion probability this field adds (negative: takes away). */
  impact: number;
}

export interface ModelScore {
  /** Calibrated probability of conversion, 0–1. */
  probability: number;
  /** Every field with a non-zero share, largest |impact| first. */
  contributions: Contribution[];
}

export function isConversionModel(v: unknown): v is ConversionModel {
  const m = v as Partial<ConversionModel> | null;
  return !!m && m.format === MODEL_FORMAT && Array.isArray(m.weights) && typeof m.bias === "number" && !!m.spec && Array.isArray(m.spec.features) && Array.isArray(m.means);
}

/** The model's calibrated probability for a raw log-odds. */
export function calibrated(model: Pick<ConversionModel, "calibration">, z: number): number {
  return sigmoid(model.calibration.a * z + model.calibration.b);
}

/** Log-odds (before calibration) of one lead. */
export function logitOf(model: ConversionModel, lead: Lead): number {
  const row = vectorize(model.spec, lead);
  let z = model.bias;
  for (let k = 0; k < row.idx.length; k++) z += (model.weights[row.idx[k]!] ?? 0) * row.val[k]!;
  return z;
}

/**
 * Scores a lead and explains the score from the model's own terms: each field's contribution is
 * Σ w·(x − mean) over its columns, and its impact is how many probability points the lead would
 * lose (or gain) if that field were average.
 */
export function scoreWithModel(model: ConversionModel, lead: Lead): ModelScore {
  const row = vectorize(model.spec, lead);
  const x = new Map<number, number>();
  for (let k = 0; k < row.idx.length; k++) x.set(row.idx[k]!, row.val[k]!);
  let z = model.bias;
  for (const [j, v] of x) z += (model.weights[j] ?? 0) * v;
  const p = calibrated(model, z);
  const contributions: Contribution[] = [];
  for (const feat of model.spec.features) {
    const width = feat.kind === "numeric" ? 3 + feat.edges.length : feat.values.length + 1;
    let c = 0;
    for (let j = feat.offset; j < feat.offset + width; j++) c += (model.weights[j] ?? 0) * ((x.get(j) ?? 0) - (model.means[j] ?? 0));
    if (Math.abs(c) < 1e-9) continue;
    const impact = Math.round(1000 * (p - calibrated(model, z - c))) / 10;
    contributions.push({ field: feat.field, label: feat.label, value: describeValue(feat, lead), logit: c, impact });
  }
  contributions.sort((a, b) => Math.abs(b.impact) - Math.abs(a.impact) || a.field.localeCompare(b.field));
  return { probability: p, contributions };
}

/** The fields a model reads, in words (for `gardenos models list` and the README). */
export function modelFeatureList(model: Pick<ConversionModel, "spec">): string[] {
  return model.spec.features.map((f) => (f.field.startsWith("custom:") ? `custom_fields.${f.field.slice(7)}` : f.field));
}

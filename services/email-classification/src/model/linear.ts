import { EMAIL_CATEGORIES, type EmailCategory } from "@gardenos/contracts";
import { seededRandom } from "@gardenos/conversion-model";
import { FEATURE_BITS, featurize, type SparseVector } from "./features.js";

/** The trained linear model as shipped (data/model.json), written by `npm run email-model:train`. */
export interface LinearModelData {
  version: 2;
  kind: "linear";
  trained_on: { files: string[]; emails: number };
  /** How it was trained (train-linear.ts), so that the file says how to reproduce it. */
  training: LinearTrainingOptions;
  classes: EmailCategory[];
  feature_bits: number;
  bias: number[];
  /**
   * The kept features, packed so that loading costs little memory: `buckets` the sorted bucket
   * numbers (base64 of little-endian uint32), `values` their weights (base64 of little-endian
   * int16, one per class in the order of `classes`, bucket after bucket), each weight × `scale`.
   */
  weights: { count: number; scale: number; buckets: string; values: string };
}

export interface LinearTrainingOptions {
  epochs: number;
  /** Learning rate at the start; it falls as rate / (1 + decay · step). */
  rate: number;
  decay: number;
  /** L2 penalty on the weights a step touches. */
  l2: number;
  /** Seed of the order the e-mails are read in each epoch. */
  seed: number;
  /** Features kept in the shipped file (those with the largest weight); the rest are dropped. */
  keep: number;
  /** Decimals the shipped weights are rounded to. */
  decimals: number;
}

export const DEFAULT_TRAINING: LinearTrainingOptions = { epochs: 30, rate: 0.5, decay: 1e-4, l2: 1e-4, seed: 16, keep: 20000, decimals: 3 };

/**
 * A multinomial logistic regression (softmax over the nine categories) over hashed word,
 * word-bigram and character n-gram features (features.ts): the "small trained model" of the
 * built-in classifier. Its scores are the logits (log-odds up to a constant) per category.
 */
export class LinearModel {
  readonly classes: readonly EmailCategory[];
  private readonly bias: Float64Array;
  private readonly buckets: Uint32Array;
  private readonly values: Int16Array;
  private readonly scale: number;

  /** Keeps the unpacked weights only, not `data` (its base64 text). */
  constructor(data: LinearModelData) {
    if (data.feature_bits !== FEATURE_BITS) throw new Error(`model.json was trained with ${data.feature_bits}-bit features, this code reads ${FEATURE_BITS}`);
    this.classes = [...data.classes];
    this.bias = Float64Array.from(data.bias);
    const w = unpackWeights(data.weights, data.classes.length);
    [this.buckets, this.values, this.scale] = [w.buckets, w.values, data.weights.scale];
  }

  /** The row of a bucket among the kept features, or -1 (binary search: the buckets are sorted). */
  private row(bucket: number): number {
    let lo = 0;
    let hi = this.buckets.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const b = this.buckets[mid]!;
      if (b === bucket) return mid;
      if (b < bucket) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  scores(text: string): Map<EmailCategory, number> {
    return this.scoresOf(featurize(text));
  }

  scoresOf(x: SparseVector): Map<EmailCategory, number> {
    const z = Float64Array.from(this.bias);
    const K = z.length;
    for (let i = 0; i < x.idx.length; i++) {
      const r = this.row(x.idx[i]!);
      if (r < 0) continue;
      const v = x.val[i]! / this.scale;
      for (let k = 0; k < K; k++) z[k]! += this.values[r * K + k]! * v;
    }
    return new Map(this.classes.map((c, k) => [c, z[k]!]));
  }
}


/**
 * Fits the model by stochastic gradient descent on the cross-entropy (deterministic: a seeded
 * order, no threads), then keeps the `keep` features with the largest weights, rounded. Sample
 * weights (default 1) let one file count more or less than another.
 */
export function trainLinear(
  samples: readonly { text: string; label: EmailCategory; weight?: number }[],
  o: { files: string[]; options?: Partial<LinearTrainingOptions> },
): LinearModelData {
  const opt = { ...DEFAULT_TRAINING, ...o.options };
  const classes = [...EMAIL_CATEGORIES];
  const K = classes.length;
  const xs = samples.map((s) => featurize(s.text));
  const ys = samples.map((s) => classes.indexOf(s.label));
  const W = new Float64Array((1 << FEATURE_BITS) * K);
  const b = new Float64Array(K);
  const used = new Set<number>();
  for (const x of xs) for (const j of x.idx) used.add(j);
  const next = seededRandom(opt.seed);
  const order = samples.map((_, i) => i);
  const z = new Float64Array(K);
  let step = 0;
  for (let e = 0; e < opt.epochs; e++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    for (const i of order) {
      const x = xs[i]!;
      const sw = samples[i]!.weight ?? 1;
      const lr = opt.rate / (1 + opt.decay * step++);
      z.set(b);
      for (let t = 0; t < x.idx.length; t++) {
        const base = x.idx[t]! * K;
        for (let k = 0; k < K; k++) z[k]! += W[base + k]! * x.val[t]!;
      }
      let max = -Infinity;
      for (let k = 0; k < K; k++) max = Math.max(max, z[k]!);
      let sum = 0;
      for (let k = 0; k < K; k++) sum += z[k] = Math.exp(z[k]! - max);
      for (let k = 0; k < K; k++) z[k] = (sw * (z[k]! / sum - (k === ys[i] ? 1 : 0)));
      for (let t = 0; t < x.idx.length; t++) {
        const base = x.idx[t]! * K;
        const v = x.val[t]!;
        for (let k = 0; k < K; k++) W[base + k]! -= lr * (z[k]! * v + opt.l2 * W[base + k]!);
      }
      for (let k = 0; k < K; k++) b[k]! -= lr * z[k]!;
    }
  }
  const p = 10 ** opt.decimals;
  const r = (x: number) => Math.round(x * p) / p || 0;
  const strength = [...used].map((j) => {
    let m = 0;
    for (let k = 0; k < K; k++) m = Math.max(m, Math.abs(W[j * K + k]!));
    return [j, m] as const;
  });
  strength.sort((a, c) => c[1] - a[1] || a[0] - c[0]);
  const kept = strength.slice(0, opt.keep).map(([j]) => j).sort((a, c) => a - c);
  const rows: number[] = [];
  const q: number[] = [];
  for (const j of kept) {
    const w = Array.from(W.subarray(j * K, j * K + K), (x) => Math.max(-32767, Math.min(32767, Math.round(x * p))));
    if (w.every((x) => x === 0)) continue;
    rows.push(j);
    q.push(...w);
  }
  return { version: 2, kind: "linear", trained_on: { files: o.files, emails: samples.length }, training: opt, classes, feature_bits: FEATURE_BITS, bias: Array.from(b, r), weights: packWeights(rows, q, p) };
}

function packWeights(buckets: readonly number[], values: readonly number[], scale: number): LinearModelData["weights"] {
  const b = new DataView(new ArrayBuffer(buckets.length * 4));
  buckets.forEach((x, i) => b.setUint32(i * 4, x, true));
  const v = new DataView(new ArrayBuffer(values.length * 2));
  values.forEach((x, i) => v.setInt16(i * 2, x, true));
  return { count: buckets.length, scale, buckets: Buffer.from(b.buffer).toString("base64"), values: Buffer.from(v.buffer).toString("base64") };
}

function unpackWeights(w: LinearModelData["weights"], classes: number): { buckets: Uint32Array; values: Int16Array } {
  const b = new DataView(Uint8Array.from(Buffer.from(w.buckets, "base64")).buffer);
  const v = new DataView(Uint8Array.from(Buffer.from(w.values, "base64")).buffer);
  if (b.byteLength !== w.count * 4 || v.byteLength !== w.count * classes * 2) throw new Error("model.json: the packed weights do not match their count");
  const buckets = new Uint32Array(w.count);
  for (let i = 0; i < w.count; i++) buckets[i] = b.getUint32(i * 4, true);
  const values = new Int16Array(w.count * classes);
  for (let i = 0; i < values.length; i++) values[i] = v.getInt16(i * 2, true);
  return { buckets, values };
}

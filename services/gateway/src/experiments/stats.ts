import { createHash } from "node:crypto";
import { seededRandom } from "@gardenos/conversion-model";

/**
 * The statistics of an A/B experiment over variants with `sends` exposures and `successes`
 * (replies, meetings, conversions): Wilson intervals, the Beta-Binomial probability that each
 * variant is best, the stop rule, and the split for new leads (fixed weights or Thompson sampling).
 */

export interface Arm {
  sends: number;
  successes: number;
}

/** 95 % Wilson score interval of a rate (null without sends). */
export function wilson95(a: Arm): [number, number] | null {
  if (a.sends <= 0) return null;
  const z = 1.959964;
  const n = a.sends;
  const p = a.successes / n;
  const denom = 1 + (z * z) / n;
  const centre = (p + (z * z) / (2 * n)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / denom;
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

/**
 * P(variant i has the highest rate) under independent Beta(1 + s, 1 + n − s) posteriors (uniform
 * priors), by numerical integration on a grid over the posteriors' common support:
 * P(i best) = ∫ f_i(x) Π_{j≠i} F_j(x) dx. Deterministic (no sampling).
 */
export function probabilityBest(arms: readonly Arm[], gridPoints = 1000): number[] {
  if (arms.length === 0) return [];
  if (arms.length === 1) return [1];
  const params = arms.map((a) => ({ a: 1 + a.successes, b: 1 + Math.max(0, a.sends - a.successes) }));
  // Integrate where any posterior has mass: mean ± 10 standard deviations, within (0, 1).
  let lo = 1;
  let hi = 0;
  for (const { a, b } of params) {
    const mean = a / (a + b);
    const sd = Math.sqrt((a * b) / ((a + b) ** 2 * (a + b + 1)));
    lo = Math.min(lo, mean - 10 * sd);
    hi = Math.max(hi, mean + 10 * sd);
  }
  lo = Math.max(1e-9, lo);
  hi = Math.min(1 - 1e-9, hi);
  const dx = (hi - lo) / gridPoints;
  const pdfs = params.map(({ a, b }) => {
    const logs = new Float64Array(gridPoints);
    let max = -Infinity;
    for (let k = 0; k < gridPoints; k++) {
      const x = lo + (k + 0.5) * dx;
      logs[k] = (a - 1) * Math.log(x) + (b - 1) * Math.log1p(-x);
      if (logs[k]! > max) max = logs[k]!;
    }
    let sum = 0;
    const pdf = new Float64Array(gridPoints);
    for (let k = 0; k < gridPoints; k++) sum += pdf[k] = Math.exp(logs[k]! - max);
    for (let k = 0; k < gridPoints; k++) pdf[k]! /= sum;
    return pdf;
  });
  // CDF at each grid point's midpoint: the mass below it plus half its own cell.
  const cdfs = pdfs.map((pdf) => {
    const cdf = new Float64Array(gridPoints);
    let acc = 0;
    for (let k = 0; k < gridPoints; k++) {
      cdf[k] = acc + pdf[k]! / 2;
      acc += pdf[k]!;
    }
    return cdf;
  });
  const out = arms.map((_, i) => {
    let p = 0;
    for (let k = 0; k < gridPoints; k++) {
      let others = 1;
      for (let j = 0; j < arms.length; j++) if (j !== i) others *= cdfs[j]![k]!;
      p += pdfs[i]![k]! * others;
    }
    return p;
  });
  const total = out.reduce((s, v) => s + v, 0);
  return out.map((v) => v / total);
}

export interface StopRule {
  /** A winner needs P(best) at least this … */
  winProbability: number;
  /** … and every variant at least this many sends. */
  minSends: number;
  /** The rule is looked at only every this many sends per variant (fewer looks, fewer false winners). */
  checkEvery: number;
  /** With no winner after this many sends per variant the experiment has found no difference. */
  maxSends: number;
}

/** The defaults, chosen by simulation (services/gateway/tests/experiment-stats.test.ts; README, A/B-tested follow-ups). */
export const DEFAULT_STOP_RULE: StopRule = { winProbability: 0.999, minSends: 300, checkEvery: 250, maxSends: 3000 };

/** The index of the winning variant under the stop rule at one look, or undefined while undecided. */
export function winner(arms: readonly Arm[], rule: Pick<StopRule, "winProbability" | "minSends">, given?: readonly number[]): number | undefined {
  if (arms.length < 2 || arms.some((a) => a.sends < rule.minSends)) return undefined;
  const pBest = given ?? probabilityBest(arms);
  const best = pBest.reduce((bi, p, i) => (p > pBest[bi]! ? i : bi), 0);
  return pBest[best]! >= rule.winProbability ? best : undefined;
}

export interface Decision {
  /** The named variant's index, undefined while undecided or when no difference was found. */
  winner: number | undefined;
  /** Sends per variant at the look that decided (or the last look). */
  atSends: number;
  state: "undecided" | "winner" | "no_difference";
}

/**
 * The stop rule applied as the simulation applies it: looks at every `checkEvery` sends per
 * variant, on the first sends of each variant in the order they went out (`outcomes[i][k]` is 1
 * when variant i's k-th send succeeded). The first look that names a winner decides; a variant
 * whose sends reach `maxSends` without one ends the experiment with no difference found.
 */
export function sequentialDecision(outcomes: readonly (readonly number[])[], rule: StopRule): Decision {
  const shortest = Math.min(...outcomes.map((o) => o.length));
  let look = 0;
  // Successes among the first k sends of each variant.
  const prefix = outcomes.map((o) => {
    const c = new Int32Array(o.length + 1);
    for (let k = 0; k < o.length; k++) c[k + 1] = c[k]! + (o[k] ? 1 : 0);
    return c;
  });
  for (let n = rule.checkEvery; n <= Math.min(shortest, rule.maxSends); n += rule.checkEvery) {
    look = n;
    const arms = prefix.map((c) => ({ sends: n, successes: c[n]! }));
    const w = winner(arms, rule);
    if (w !== undefined) return { winner: w, atSends: n, state: "winner" };
  }
  if (shortest >= rule.maxSends) return { winner: undefined, atSends: rule.maxSends, state: "no_difference" };
  return { winner: undefined, atSends: look, state: "undecided" };
}

/** A number in [0, 1) from the experiment and the lead alone: the same lead always lands in the same place. */
export function stickyPoint(experimentId: string, leadKey: string): number {
  return createHash("sha256").update(`${experimentId}\n${leadKey}`, "utf8").digest().readUInt32BE(0) / 2 ** 32;
}

/** The variant a point falls into under a split (weights need not sum to 1). */
export function pick(point: number, weights: readonly number[]): number {
  const total = weights.reduce((s, w) => s + Math.max(0, w), 0);
  if (!(total > 0)) return 0;
  let acc = 0;
  for (let i = 0; i < weights.length; i++) {
    acc += Math.max(0, weights[i]!) / total;
    if (point < acc) return i;
  }
  return weights.length - 1;
}

/** Smallest share a variant keeps under the bandit, so a variant that looks bad early can still recover. */
export const BANDIT_FLOOR = 0.05;

/**
 * Thompson sampling as a split: Thompson picks variant i with probability P(i is best), so new
 * leads are spread by those probabilities (each kept at BANDIT_FLOOR at least), while the hash of
 * the lead still decides which one a lead gets.
 */
export function banditSplit(arms: readonly Arm[], pBest = probabilityBest(arms)): number[] {
  const n = arms.length;
  const floor = Math.min(BANDIT_FLOOR, 1 / n);
  const raw = pBest.map((p) => Math.max(floor, p));
  const total = raw.reduce((s, v) => s + v, 0);
  return raw.map((v) => v / total);
}


export interface SimulationResult {
  runs: number;
  /** Runs whose rule named the variant with the highest true rate within the horizon. */
  correct: number;
  /** Runs that named any other variant. */
  wrong: number;
  undecided: number;
  /** Sends per variant when the winner was named (median over decided runs). */
  medianSendsPerVariant: number | undefined;
}

/**
 * Simulates experiments with known true rates: every variant gets one send per step (successes
 * drawn with the true rates), and the stop rule decides as sequentialDecision does.
 */
export function simulate(o: { rates: readonly number[]; runs: number; seed: number; rule: StopRule }): SimulationResult {
  const rnd = seededRandom(o.seed);
  const best = o.rates.indexOf(Math.max(...o.rates));
  const allEqual = o.rates.every((r) => r === o.rates[0]);
  let correct = 0;
  let wrong = 0;
  const decidedAt: number[] = [];
  for (let run = 0; run < o.runs; run++) {
    const outcomes = o.rates.map((r) => Array.from({ length: o.rule.maxSends }, () => (rnd() < r ? 1 : 0)));
    const d = sequentialDecision(outcomes, o.rule);
    if (d.winner === undefined) continue;
    decidedAt.push(d.atSends);
    if (!allEqual && d.winner === best) correct++;
    else wrong++;
  }
  decidedAt.sort((a, b) => a - b);
  return {
    runs: o.runs,
    correct,
    wrong,
    undecided: o.runs - correct - wrong,
    medianSendsPerVariant: decidedAt.length ? decidedAt[Math.floor(decidedAt.length / 2)] : undefined,
  };
}

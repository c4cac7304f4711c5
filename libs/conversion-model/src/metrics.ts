/**
 * Metrics for checking a lead scorer against known outcomes (labels 1 = converted, 0 = not).
 */

function checkLengths(a: readonly number[], b: readonly number[]): void {
  if (a.length !== b.length) throw new Error(`scores and labels differ in length (${a.length} vs ${b.length})`);
}

/**
 * ROC AUC by ranks (Mann–Whitney U): the probability that a random positive scores above a random
 * negative, ties counting one half. NaN when either class is missing.
 */
export function rocAuc(scores: readonly number[], labels: readonly number[]): number {
  checkLengths(scores, labels);
  const idx = scores.map((_, i) => i).sort((a, b) => (scores[a] as number) - (scores[b] as number));
  const ranks = new Array<number>(scores.length);
  for (let i = 0; i < idx.length; ) {
    let j = i;
    while (j + 1 < idx.length && scores[idx[j + 1] as number] === scores[idx[i] as number]) j++;
    const avg = (i + j) / 2 + 1; // ranks are 1-based; a tie group shares the average
    for (let k = i; k <= j; k++) ranks[idx[k] as number] = avg;
    i = j + 1;
  }
  let nPos = 0;
  let rankSum = 0;
  labels.forEach((l, i) => {
    if (l === 1) {
      nPos++;
      rankSum += ranks[i] as number;
    }
  });
  const nNeg = labels.length - nPos;
  if (nPos === 0 || nNeg === 0) return Number.NaN;
  return (rankSum - (nPos * (nPos + 1)) / 2) / (nPos * nNeg);
}

/** Mean squared error of probabilities (0–1) against 0/1 outcomes; lower is better. */
export function brierScore(probabilities01: readonly number[], labels: readonly number[]): number {
  checkLengths(probabilities01, labels);
  if (probabilities01.length === 0) return Number.NaN;
  let sum = 0;
  probabilities01.forEach((p, i) => {
    const d = p - (labels[i] as number);
    sum += d * d;
  });
  return sum / probabilities01.length;
}

export interface CalibrationBin {
  bin: number;
  from: number;
  to: number;
  count: number;
  /** Mean predicted probability in the bin (NaN when empty). */
  mean_predicted: number;
  /** Share of positives in the bin (NaN when empty). */
  observed_rate: number;
}

/** Equal-width probability bins (tenths by default): predicted vs observed rate per bin. */
export function calibrationTable(probabilities01: readonly number[], labels: readonly number[], bins = 10): CalibrationBin[] {
  checkLengths(probabilities01, labels);
  if (!Number.isInteger(bins) || bins < 1) throw new Error("bins must be a whole number of 1 or more");
  const sums = Array.from({ length: bins }, () => ({ count: 0, pred: 0, pos: 0 }));
  probabilities01.forEach((p, i) => {
    const b = Math.min(bins - 1, Math.max(0, Math.floor(p * bins)));
    const s = sums[b] as { count: number; pred: number; pos: number };
    s.count++;
    s.pred += p;
    s.pos += labels[i] as number;
  });
  return sums.map((s, b) => ({
    bin: b + 1,
    from: b / bins,
    to: (b + 1) / bins,
    count: s.count,
    mean_predicted: s.count ? s.pred / s.count : Number.NaN,
    observed_rate: s.count ? s.pos / s.count : Number.NaN,
  }));
}

/**
 * L2-regularised logistic regression, fitted by Newton's method (iteratively reweighted least
 * squares) on sparse rows. With a few hundred features and a few thousand rows each step is a
 * sparse X'WX, a Cholesky factorisation and two triangular solves: exact, deterministic and fast
 * (no learning rate, no epochs). The intercept is not penalised.
 */

/** One row: indices of its non-zero features and their values (same length). */
export interface SparseRow {
  idx: Int32Array;
  val: Float64Array;
}

export interface LogisticFit {
  weights: Float64Array;
  bias: number;
  iterations: number;
  /** Penalised negative log-likelihood at the solution. */
  loss: number;
  converged: boolean;
}

export interface LogisticOptions {
  /** L2 penalty λ on the weights: the loss is Σ logloss + λ/2 · Σ w². Default 1. */
  l2?: number;
  maxIterations?: number;
  /** Stop when the largest Newton step is below this. Default 1e-8. */
  tolerance?: number;
  /** Per-row weights (default 1 each). */
  sampleWeights?: readonly number[];
  /** Start from these parameters (e.g. the fit for a neighbouring penalty) instead of the base rate. */
  init?: { weights: ArrayLike<number>; bias: number };
}

export const sigmoid = (z: number) => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));

/** log(1 + e^z) without overflow. */
const softplus = (z: number) => (z > 30 ? z : z < -30 ? Math.exp(z) : Math.log1p(Math.exp(z)));

export function linear(row: SparseRow, weights: ArrayLike<number>, bias: number): number {
  let z = bias;
  for (let k = 0; k < row.idx.length; k++) z += (weights[row.idx[k]!] ?? 0) * row.val[k]!;
  return z;
}

/**
 * Solves A x = b for a symmetric positive-definite A (row-major, n×n) by Cholesky; A is overwritten.
 * Throws when A is not positive definite.
 */
export function choleskySolve(a: Float64Array, b: Float64Array, n: number): Float64Array {
  for (let j = 0; j < n; j++) {
    let d = a[j * n + j]!;
    for (let k = 0; k < j; k++) d -= a[j * n + k]! * a[j * n + k]!;
    if (!(d > 0)) throw new Error("matrix is not positive definite");
    const ljj = Math.sqrt(d);
    a[j * n + j] = ljj;
    for (let i = j + 1; i < n; i++) {
      let s = a[i * n + j]!;
      for (let k = 0; k < j; k++) s -= a[i * n + k]! * a[j * n + k]!;
      a[i * n + j] = s / ljj;
    }
  }
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = b[i]!;
    for (let k = 0; k < i; k++) s -= a[i * n + k]! * y[k]!;
    y[i] = s / a[i * n + i]!;
  }
  const x = new Float64Array(n);
  for (let i = n - 1; i >= 0; i--) {
    let s = y[i]!;
    for (let k = i + 1; k < n; k++) s -= a[k * n + i]! * x[k]!;
    x[i] = s / a[i * n + i]!;
  }
  return x;
}

/** Fits weights and bias for `features` columns; labels are 0/1. */
export function fitLogistic(rows: readonly SparseRow[], labels: readonly number[], features: number, o: LogisticOptions = {}): LogisticFit {
  if (rows.length !== labels.length) throw new Error(`rows and labels differ in length (${rows.length} vs ${labels.length})`);
  if (rows.length === 0) throw new Error("no rows to fit");
  const l2 = o.l2 ?? 1;
  const maxIterations = o.maxIterations ?? 50;
  const tolerance = o.tolerance ?? 1e-8;
  const sw = o.sampleWeights;
  // Parameters: the weights, then the bias (index `features`).
  const n = features + 1;
  const theta = new Float64Array(n);
  const pos = labels.reduce((s, l, i) => s + l * (sw?.[i] ?? 1), 0);
  const total = sw ? sw.reduce((s, w) => s + w, 0) : labels.length;
  const rate = Math.min(1 - 1e-6, Math.max(1e-6, pos / total));
  theta[features] = Math.log(rate / (1 - rate));
  if (o.init) {
    for (let j = 0; j < features; j++) theta[j] = o.init.weights[j] ?? 0;
    theta[features] = o.init.bias;
  }
  const lossAt = (t: Float64Array) => {
    let loss = 0;
    for (let i = 0; i < rows.length; i++) {
      const z = linear(rows[i]!, t, t[features]!);
      loss += (sw?.[i] ?? 1) * (softplus(z) - labels[i]! * z);
    }
    for (let j = 0; j < features; j++) loss += (l2 / 2) * t[j]! * t[j]!;
    return loss;
  };
  let loss = lossAt(theta);
  let iterations = 0;
  let converged = false;
  for (; iterations < maxIterations; iterations++) {
    const grad = new Float64Array(n);
    const hess = new Float64Array(n * n);
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i]!;
      const w = sw?.[i] ?? 1;
      const p = sigmoid(linear(row, theta, theta[features]!));
      const r = w * (p - labels[i]!);
      const h = w * p * (1 - p);
      const { idx, val } = row;
      for (let a = 0; a < idx.length; a++) {
        const ia = idx[a]!;
        const va = val[a]!;
        grad[ia]! += r * va;
        const hv = h * va;
        const base = ia * n;
        for (let b = 0; b < idx.length; b++) hess[base + idx[b]!]! += hv * val[b]!;
        hess[base + features]! += hv;
        hess[features * n + ia]! += hv;
      }
      grad[features]! += r;
      hess[features * n + features]! += h;
    }
    for (let j = 0; j < features; j++) {
      grad[j]! += l2 * theta[j]!;
      hess[j * n + j]! += l2;
    }
    // A tiny ridge keeps the system solvable when a column is all zeros and λ is 0.
    for (let j = 0; j < n; j++) hess[j * n + j]! += 1e-9;
    const step = choleskySolve(hess, grad, n);
    // Backtracking line search: Newton steps can overshoot on separable data.
    let scale = 1;
    let next = theta;
    let nextLoss = loss;
    for (let tries = 0; tries < 30; tries++) {
      next = theta.map((v, j) => v - scale * step[j]!);
      nextLoss = lossAt(next);
      if (nextLoss <= loss + 1e-12) break;
      scale /= 2;
    }
    let largest = 0;
    for (let j = 0; j < n; j++) largest = Math.max(largest, Math.abs(next[j]! - theta[j]!));
    theta.set(next);
    loss = nextLoss;
    if (largest < tolerance) {
      converged = true;
      iterations++;
      break;
    }
  }
  return { weights: theta.slice(0, features), bias: theta[features]!, iterations, loss, converged };
}

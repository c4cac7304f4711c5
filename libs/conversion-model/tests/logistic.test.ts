import { describe, expect, it } from "vitest";
import { choleskySolve, fitLogistic, linear, sigmoid, type SparseRow } from "../src/logistic.js";
import { seededRandom as seededRandomForTests } from "../src/random.js";

const row = (values: number[]): SparseRow => {
  const idx: number[] = [];
  const val: number[] = [];
  values.forEach((v, i) => {
    if (v !== 0) (idx.push(i), val.push(v));
  });
  return { idx: Int32Array.from(idx), val: Float64Array.from(val) };
};

describe("logistic regression (Newton, L2)", () => {
  it("solves a known symmetric positive-definite system", () => {
    // A = [[4,2,0],[2,5,1],[0,1,3]], x = [1,-2,3] → b = A x = [0,-5,7]
    const x = choleskySolve(Float64Array.of(4, 2, 0, 2, 5, 1, 0, 1, 3), Float64Array.of(0, -5, 7), 3);
    expect([...x].map((v) => Number(v.toFixed(10)))).toEqual([1, -2, 3]);
  });

  it("without a penalty, one binary feature gives the analytic log-odds of each group", () => {
    // x = 0: 30 converted of 100; x = 1: 60 of 100. MLE: bias = ln(30/70), weight = ln(60/40) − ln(30/70).
    const rows: SparseRow[] = [];
    const labels: number[] = [];
    for (let i = 0; i < 100; i++) (rows.push(row([0])), labels.push(i < 30 ? 1 : 0));
    for (let i = 0; i < 100; i++) (rows.push(row([1])), labels.push(i < 60 ? 1 : 0));
    const fit = fitLogistic(rows, labels, 1, { l2: 0 });
    expect(fit.converged).toBe(true);
    expect(fit.bias).toBeCloseTo(Math.log(30 / 70), 8);
    expect(fit.weights[0]).toBeCloseTo(Math.log(60 / 40) - Math.log(30 / 70), 8);
  });

  it("with a penalty, stops where the penalised gradient is zero, and shrinks the weights", () => {
    const rnd = seededRandomForTests(7);
    const rows: SparseRow[] = [];
    const labels: number[] = [];
    for (let i = 0; i < 400; i++) {
      const x = [rnd() * 2 - 1, rnd() * 2 - 1, rnd() < 0.3 ? 1 : 0];
      rows.push(row(x));
      labels.push(rnd() < sigmoid(1.5 * x[0]! - 2 * x[1]! + 0.8 * x[2]! - 0.3) ? 1 : 0);
    }
    const l2 = 5;
    const fit = fitLogistic(rows, labels, 3, { l2 });
    const grad = [0, 0, 0];
    let gBias = 0;
    rows.forEach((r, i) => {
      const e = sigmoid(linear(r, fit.weights, fit.bias)) - labels[i]!;
      for (let k = 0; k < r.idx.length; k++) grad[r.idx[k]!]! += e * r.val[k]!;
      gBias += e;
    });
    grad.forEach((g, j) => expect(Math.abs(g + l2 * fit.weights[j]!)).toBeLessThan(1e-6));
    expect(Math.abs(gBias)).toBeLessThan(1e-6);
    const free = fitLogistic(rows, labels, 3, { l2: 0 });
    const norm = (w: Float64Array) => Math.hypot(...w);
    expect(norm(fit.weights)).toBeLessThan(norm(free.weights));
  });

  it("recovers the coefficients of a known model from enough data", () => {
    const rnd = seededRandomForTests(11);
    const rows: SparseRow[] = [];
    const labels: number[] = [];
    for (let i = 0; i < 20_000; i++) {
      const x = [rnd() * 2 - 1, rnd() * 2 - 1];
      rows.push(row(x));
      labels.push(rnd() < sigmoid(2 * x[0]! - 1 * x[1]! + 0.5) ? 1 : 0);
    }
    const fit = fitLogistic(rows, labels, 2, { l2: 1e-6 });
    expect(fit.weights[0]).toBeCloseTo(2, 0);
    expect(fit.weights[1]).toBeCloseTo(-1, 0);
    expect(fit.bias).toBeCloseTo(0.5, 0);
    expect(Math.abs(fit.weights[0]! - 2)).toBeLessThan(0.15);
  });
});

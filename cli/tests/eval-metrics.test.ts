import { describe, expect, it } from "vitest";
import { brierScore, calibrationTable, rocAuc } from "../src/eval/metrics.js";

describe("rocAuc", () => {
  it("is 1 for a perfect ranking and 0 for a reversed one", () => {
    expect(rocAuc([0.1, 0.2, 0.8, 0.9], [0, 0, 1, 1])).toBe(1);
    expect(rocAuc([0.9, 0.8, 0.2, 0.1], [0, 0, 1, 1])).toBe(0);
  });

  it("counts pairs by hand", () => {
    // positives 0.8, 0.4; negatives 0.6, 0.2, 0.1 → pairs won: (0.8 beats 3) + (0.4 beats 2) = 5 of 6
    expect(rocAuc([0.8, 0.6, 0.4, 0.2, 0.1], [1, 0, 1, 0, 0])).toBeCloseTo(5 / 6, 12);
  });

  it("counts ties as one half", () => {
    expect(rocAuc([0.5, 0.5, 0.5, 0.5], [1, 0, 1, 0])).toBe(0.5);
    // positive 0.7 vs negatives 0.7 (tie, ½) and 0.3 (win); positive 0.3 vs 0.7 (loss) and 0.3 (tie, ½) → 2 of 4
    expect(rocAuc([0.7, 0.7, 0.3, 0.3], [1, 0, 1, 0])).toBe(0.5);
    // positives 0.9, 0.5; negatives 0.5, 0.1 → 1 + 1 + ½ + 1 = 3.5 of 4
    expect(rocAuc([0.9, 0.5, 0.5, 0.1], [1, 1, 0, 0])).toBeCloseTo(3.5 / 4, 12);
  });

  it("does not depend on the order of the rows", () => {
    const s = [0.3, 0.9, 0.1, 0.5, 0.5, 0.7];
    const l = [0, 1, 0, 1, 0, 1];
    const order = [5, 2, 0, 4, 1, 3];
    expect(rocAuc(order.map((i) => s[i] as number), order.map((i) => l[i] as number))).toBeCloseTo(rocAuc(s, l), 12);
  });

  it("is NaN with one class only and throws on length mismatch", () => {
    expect(rocAuc([0.1, 0.2], [1, 1])).toBeNaN();
    expect(() => rocAuc([0.1], [1, 0])).toThrow(/length/);
  });
});

describe("brierScore", () => {
  it("is the mean squared error", () => {
    expect(brierScore([1, 0], [1, 0])).toBe(0);
    expect(brierScore([0.5, 0.5], [1, 0])).toBe(0.25);
    expect(brierScore([0.8, 0.3], [1, 0])).toBeCloseTo((0.04 + 0.09) / 2, 12);
  });
});

describe("calibrationTable", () => {
  it("bins probabilities and compares predicted with observed rates", () => {
    const t = calibrationTable([0.05, 0.15, 0.12, 0.95, 1], [0, 1, 0, 1, 1]);
    expect(t).toHaveLength(10);
    expect(t[0]).toMatchObject({ bin: 1, from: 0, to: 0.1, count: 1, mean_predicted: 0.05, observed_rate: 0 });
    expect(t[1]!.count).toBe(2);
    expect(t[1]!.mean_predicted).toBeCloseTo(0.135, 12);
    expect(t[1]!.observed_rate).toBe(0.5);
    expect(t[9]).toMatchObject({ count: 2, observed_rate: 1 });
    expect(t[9]!.mean_predicted).toBeCloseTo(0.975, 12);
    expect(t[5]!.count).toBe(0);
    expect(t[5]!.observed_rate).toBeNaN();
    expect(calibrationTable([0.3, 0.6], [0, 1], 2).map((b) => b.count)).toEqual([1, 1]);
  });
});

import { describe, expect, it } from "vitest";
import { DEFAULT_STOP_RULE, banditSplit, pick, probabilityBest, sequentialDecision, simulate, stickyPoint, wilson95 } from "../src/experiments/stats.js";

/**
 * The experiment statistics, and the stop rule checked by simulation with known true rates and
 * fixed seeds (README: "A/B-tested follow-ups" quotes these numbers).
 */
describe("experiment statistics", () => {
  it("Wilson 95 % interval matches the textbook values", () => {
    // 10 successes of 100: [0.0552, 0.1744] (Wilson score interval, z = 1.96).
    const [lo, hi] = wilson95({ sends: 100, successes: 10 })!;
    expect(lo).toBeCloseTo(0.0552, 3);
    expect(hi).toBeCloseTo(0.1744, 3);
    expect(wilson95({ sends: 0, successes: 0 })).toBeNull();
  });

  it("P(best) is ½ for equal data, sums to 1, and matches the exact value for small counts", () => {
    expect(probabilityBest([{ sends: 50, successes: 5 }, { sends: 50, successes: 5 }]).map((p) => p.toFixed(3))).toEqual(["0.500", "0.500"]);
    const three = probabilityBest([{ sends: 100, successes: 8 }, { sends: 100, successes: 12 }, { sends: 100, successes: 10 }]);
    expect(three.reduce((s, p) => s + p, 0)).toBeCloseTo(1, 9);
    expect(three[1]).toBeGreaterThan(three[2]!);
    // Beta(2,1) vs Beta(1,2) (1 of 1 vs 0 of 1): P(X > Y) = 5/6 exactly.
    expect(probabilityBest([{ sends: 1, successes: 1 }, { sends: 1, successes: 0 }])[0]).toBeCloseTo(5 / 6, 3);
  });

  it("assignment is sticky: the same lead always falls in the same variant under a fixed split", () => {
    const p = stickyPoint("exp-1", "crm-42");
    expect(stickyPoint("exp-1", "crm-42")).toBe(p);
    const counts = [0, 0];
    for (let i = 0; i < 10_000; i++) counts[pick(stickyPoint("exp-1", `lead-${i}`), [1, 1])]!++;
    expect(counts[0]! / 10_000).toBeGreaterThan(0.48);
    expect(counts[0]! / 10_000).toBeLessThan(0.52);
  });

  it("the bandit shifts new leads towards the better variant and keeps a floor for the other", () => {
    const split = banditSplit([{ sends: 400, successes: 32 }, { sends: 400, successes: 48 }]);
    expect(split[1]).toBeGreaterThan(0.8);
    expect(split[0]).toBeGreaterThanOrEqual(0.049);
  });

  it("decides only at looks every check_every sends, on the sends in order", () => {
    const rule = { ...DEFAULT_STOP_RULE, minSends: 2, checkEvery: 2, maxSends: 6, winProbability: 0.99 };
    // 0 of 4 vs 2 of 4 is not enough yet; 0 of 4 vs 4 of 4 is (at the look after 4 sends, not before).
    expect(sequentialDecision([[0, 0, 0, 0], [1, 0, 1, 0]], rule)).toMatchObject({ state: "undecided", atSends: 4 });
    expect(sequentialDecision([[0, 0, 0, 0, 0, 0], [1, 1, 1, 1, 1, 1]], rule)).toMatchObject({ state: "winner", winner: 1, atSends: 4 });
    expect(sequentialDecision([[0, 1, 0, 1, 0, 1], [1, 0, 1, 0, 1, 0]], rule)).toMatchObject({ state: "no_difference" });
  });

  it("simulation: with true reply rates 8 % vs 12 % the 12 % variant is named within 3,000 sends per variant in ≥ 90 % of runs", () => {
    const r = simulate({ rates: [0.08, 0.12], runs: 300, seed: 20261127, rule: DEFAULT_STOP_RULE });
    console.log(`8 % vs 12 %: ${r.correct}/${r.runs} runs named the 12 % variant, ${r.wrong} the other, ${r.undecided} undecided; median ${r.medianSendsPerVariant} sends per variant`);
    expect(r.correct / r.runs).toBeGreaterThanOrEqual(0.9);
    expect(r.wrong).toBe(0);
  });

  it("simulation: with equal rates (10 % and 10 %) a winner is named in ≤ 5 % of runs", () => {
    const r = simulate({ rates: [0.1, 0.1], runs: 300, seed: 7, rule: DEFAULT_STOP_RULE });
    console.log(`10 % vs 10 %: a winner was named in ${r.wrong}/${r.runs} runs`);
    expect(r.wrong / r.runs).toBeLessThanOrEqual(0.05);
  });
});

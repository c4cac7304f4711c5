import { describe, expect, it } from "vitest";
import type { Band } from "@gardenos/contracts";
import { BAND_WEIGHTS, BandScheduler } from "../../src/pool/band-scheduler.js";

/** Takes `n` offers, putting a fresh one up in each band of `busy` after every take (bands that always have work). */
function picks(busy: readonly Band[], n: number): Band[] {
  const s = new BandScheduler<{ band: Band }>();
  for (const band of busy) s.offer({ band });
  const out: Band[] = [];
  for (let i = 0; i < n; i++) {
    const o = s.take();
    if (!o) throw new Error("no offer");
    out.push(o.band);
    s.offer({ band: o.band });
  }
  return out;
}

const count = (xs: Band[], band: Band) => xs.filter((b) => b === band).length;

describe("band scheduler", () => {
  it("uses the weights 6:3:1", () => {
    expect(BAND_WEIGHTS).toEqual({ high: 6, normal: 3, low: 1 });
  });

  it("gives 6 high, 3 normal and 1 low in every 10 picks when all bands wait", () => {
    const order = picks(["high", "normal", "low"], 100);
    for (let i = 0; i < 100; i += 10) {
      const window = order.slice(i, i + 10);
      expect([count(window, "high"), count(window, "normal"), count(window, "low")]).toEqual([6, 3, 1]);
    }
    // Smooth: high goes first, and high is never picked more than 3 times in a row.
    expect(order[0]).toBe("high");
    expect(order.join(",")).not.toMatch(/high,high,high,high/);
  });

  it("never starves the low band under a flood of high tasks (1 in 7)", () => {
    const order = picks(["high", "low"], 700);
    expect(count(order, "low")).toBe(100);
    let gap = 0;
    let maxGap = 0;
    for (const b of order) {
      gap = b === "low" ? 0 : gap + 1;
      maxGap = Math.max(maxGap, gap);
    }
    expect(maxGap).toBeLessThanOrEqual(6);
  });

  it("splits normal and low 3:1 when high is empty", () => {
    const order = picks(["normal", "low"], 40);
    expect([count(order, "normal"), count(order, "low")]).toEqual([30, 10]);
  });

  it("hands out each offer once, and nothing when no band has one", () => {
    const s = new BandScheduler<{ band: Band; n: number }>();
    expect(s.take()).toBeUndefined();
    s.offer({ band: "low", n: 1 });
    s.offer({ band: "normal", n: 2 });
    expect(s.size).toBe(2);
    expect(s.take()?.n).toBe(2);
    expect(s.take()?.n).toBe(1);
    expect(s.take()).toBeUndefined();
    expect(s.size).toBe(0);
  });

  it("clear() returns every waiting offer and empties the scheduler", () => {
    const s = new BandScheduler<{ band: Band }>();
    s.offer({ band: "high" });
    s.offer({ band: "low" });
    expect(s.clear().map((o) => o.band).sort()).toEqual(["high", "low"]);
    expect(s.size).toBe(0);
    expect(s.take()).toBeUndefined();
  });
});

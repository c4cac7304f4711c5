import type { Lead } from "@gardenos/contracts";
import { describe, expect, it } from "vitest";
import { beatsChampion, evaluate, fitFeatures, isConversionModel, scoreWithModel, splitOf, trainConversionModel, vectorize, type Example } from "../src/index.js";
import { seededRandom as seededRandomForTests } from "../src/random.js";

/** Leads whose conversion depends on source and time on site (plus a sales verdict column that leaks it). */
function synthetic(n: number, seed: number): Example[] {
  const rnd = seededRandomForTests(seed);
  const sources = ["Referral", "Organic Search", "Olark Chat", "Google"];
  return Array.from({ length: n }, (_, i) => {
    const source = sources[Math.floor(rnd() * sources.length)]!;
    const minutes = Math.floor(rnd() * 40);
    const z = -1.5 + (source === "Referral" ? 2 : source === "Olark Chat" ? -1 : 0) + 0.08 * minutes;
    const label = rnd() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
    const lead: Lead = {
      id: `L-${seed}-${i}`,
      engagement: { source },
      behavior: { time_on_site_seconds: minutes * 60, site_visits: 1 + Math.floor(rnd() * 5) },
      custom_fields: { Tags: label ? "Closed by sales" : "Lost", "Lead Number": String(600000 + i), Segment: rnd() < 0.5 ? "A" : "B" },
    };
    return { id: lead.id!, lead, label };
  });
}

describe("conversion model", () => {
  const examples = synthetic(3000, 3);

  it("splits by lead id alone: the same lead always lands in the same split, about 20 % in validation", () => {
    expect(splitOf("crm-1")).toBe(splitOf("crm-1"));
    const share = examples.filter((e) => splitOf(e.id) === "validation").length / examples.length;
    expect(share).toBeGreaterThan(0.17);
    expect(share).toBeLessThan(0.23);
  });

  it("never uses the excluded verdict columns or id-like columns", () => {
    const spec = fitFeatures(examples.map((e) => e.lead));
    const fields = spec.features.map((f) => f.field);
    expect(fields).toContain("engagement.source");
    expect(fields).toContain("custom:Segment");
    expect(fields).not.toContain("custom:Tags");
    expect(fields).not.toContain("custom:Lead Number");
    // Changing an excluded column changes nothing in the row the model sees.
    const lead = examples[0]!.lead;
    const other = { ...lead, custom_fields: { ...lead.custom_fields, Tags: "something else" } };
    expect(vectorize(spec, other)).toEqual(vectorize(spec, lead));
  });

  it("learns the signal, is calibrated on held-out leads, and explains scores with its own terms", () => {
    const r = trainConversionModel(examples);
    expect(isConversionModel(JSON.parse(JSON.stringify(r.model)))).toBe(true);
    expect(r.validation.roc_auc).toBeGreaterThan(0.75);
    // Calibration: the expected calibration error (bins weighted by their leads) is small.
    const bins = r.validation.calibration.filter((b) => b.count > 0);
    const ece = bins.reduce((t, b) => t + b.count * Math.abs(b.mean_predicted - b.observed_rate), 0) / r.validation.rows;
    expect(ece).toBeLessThan(0.08);
    const hot = scoreWithModel(r.model, { id: "x", engagement: { source: "Referral" }, behavior: { time_on_site_seconds: 35 * 60, site_visits: 3 } });
    const cold = scoreWithModel(r.model, { id: "y", engagement: { source: "Olark Chat" }, behavior: { time_on_site_seconds: 60, site_visits: 3 } });
    expect(hot.probability).toBeGreaterThan(cold.probability);
    expect(hot.contributions.find((c) => c.field === "engagement.source")!.impact).toBeGreaterThan(0);
    expect(cold.contributions.find((c) => c.field === "engagement.source")!.impact).toBeLessThan(0);
    expect(hot.contributions.find((c) => c.field === "engagement.source")!.value).toBe("Referral");
  });

  it("champion / challenger: a better Brier with no worse AUC wins; a worse one does not", () => {
    const good = evaluate([0.9, 0.8, 0.2, 0.1], [1, 1, 0, 0]);
    const worse = evaluate([0.6, 0.55, 0.45, 0.4], [1, 1, 0, 0]);
    expect(beatsChampion(good, worse).beats).toBe(true);
    expect(beatsChampion(worse, good).beats).toBe(false);
    expect(beatsChampion(good, undefined).beats).toBe(true);
  });
});

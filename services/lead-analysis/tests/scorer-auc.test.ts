import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { LeadAnalysisResult } from "@gardenos/contracts";
import { readLeadsFile } from "../../../cli/src/files/lead-file.js";
import { brierScore, rocAuc } from "../../../cli/src/eval/metrics.js";
import { scoreLead } from "../src/heuristic.js";

/**
 * Checks the built-in scorer on real leads with known outcomes (the X Education table in the
 * shared data folder, beside the repository). The file is mapped through the generic CRM alias
 * table only; its `Tags` / `Lead Quality` columns, filled in after sales contact, land in
 * custom_fields, which the scorer never reads.
 */
const DATA = fileURLToPath(new URL("../../../../shared/data/xeducation-leads-train.csv", import.meta.url));
const NOW = new Date("2026-06-01T00:00:00Z");

describe("heuristic scorer on labelled leads", () => {
  it("ranks converted leads above the others (ROC AUC ≥ 0.80)", async () => {
    if (!existsSync(DATA)) throw new Error(`Evaluation data not found at ${DATA}: the shared/ folder must sit beside the repository`);
    const file = await readLeadsFile(DATA, { labelColumn: "Converted" });
    expect(file.unmappedColumns).toContain("Tags");
    expect(file.unmappedColumns).toContain("Lead Quality");

    const scores: number[] = [];
    const labels: number[] = [];
    let invalid = 0;
    for (const row of file.rows) {
      if (!row.lead || row.label === undefined) {
        invalid++;
        continue;
      }
      const result = scoreLead(row.lead, NOW);
      if (scores.length < 200) LeadAnalysisResult.parse(result);
      scores.push(result.conversion_probability);
      labels.push(row.label);
    }
    const auc = rocAuc(scores, labels);
    const brier = brierScore(scores.map((s) => s / 100), labels);
    console.log(`heuristic scorer: ROC AUC ${auc.toFixed(4)}, Brier ${brier.toFixed(4)} on ${scores.length} leads (${invalid} unreadable)`);
    expect(invalid).toBeLessThan(file.rows.length * 0.01);
    expect(auc).toBeGreaterThanOrEqual(0.8);
  });
});

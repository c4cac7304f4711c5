import { describe, expect, it } from "vitest";
import { createLogger } from "@gardenos/runtime";
import type { ModelStore } from "../src/models/model-store.js";
import { ModelTrainer } from "../src/models/trainer.js";

/** The scheduled retrain: which tenants it trains, and when (MODEL_MIN_OUTCOMES, RETRAIN_NEW_OUTCOMES). */
describe("scheduled retrain", () => {
  it("trains a tenant whose labelled leads grew by minNew since its last version, and a first model once the minimum is reached", async () => {
    const labelled: Record<string, number> = { grown: 900, same: 320, fresh: 250, small: 40 };
    const lastVersion: Record<string, { labelledAtTraining: number } | undefined> = { grown: { labelledAtTraining: 300 }, same: { labelledAtTraining: 300 }, fresh: undefined, small: undefined };
    const outcomes = {
      tenantsWithLabels: async () => Object.keys(labelled),
      labelledLeads: async (t: string) => labelled[t]!,
      trainingExamples: async () => [],
    };
    const models = { latest: async (t: string) => lastVersion[t] } as unknown as ModelStore;
    const trained: string[] = [];
    class Spy extends ModelTrainer {
      override async train(tenant: string, source: string) {
        trained.push(`${tenant}:${source}`);
        return undefined as never;
      }
    }
    const trainer = new Spy(outcomes, models, { minOutcomes: 200, log: createLogger({ name: "test", level: "silent" }) });
    const stop = trainer.startSchedule({ intervalMs: 20, minNew: 500 });
    for (let i = 0; i < 100 && trained.length < 2; i++) await new Promise((r) => setTimeout(r, 10));
    stop();
    expect(trained.slice(0, 2).sort()).toEqual(["fresh:schedule", "grown:schedule"]);
  });
});

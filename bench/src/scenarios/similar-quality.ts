import { rocAuc, splitOf, trainConversionModel } from "@gardenos/conversion-model";
import { embedLead } from "@gardenos/lead-features";
import { round } from "../lib/stats.js";
import { xeducationExamples } from "./similar-data.js";

export interface KnnQuality {
  leads: number;
  index_leads: number;
  held_out: number;
  model_auc: number;
  knn_auc: Record<string, number>;
}

/**
 * The k-NN conversion estimate's ROC AUC on the X Education file, next to the conversion model's,
 * both on the model's own validation split (by lead id): the model trains on the other splits, and
 * the same leads are the k-NN's stored neighbours (their outcomes known).
 */
export async function knnQuality(): Promise<KnnQuality | undefined> {
  const examples = await xeducationExamples();
  if (examples.length === 0) return undefined;
  const model = trainConversionModel(examples);
  const index = examples.filter((e) => splitOf(e.id) !== "validation");
  const held = examples.filter((e) => splitOf(e.id) === "validation");
  const vectors = index.map((e) => embedLead(e.lead));
  const labels = held.map((e) => e.label);
  const scores: Record<string, number[]> = { "k=10": [], "k=50 (similarity-weighted)": [] };
  for (const e of held) {
    const q = embedLead(e.lead);
    const sims = vectors.map((v, i) => {
      let d = 0;
      for (let j = 0; j < q.length; j++) d += q[j]! * v[j]!;
      return [d, index[i]!.label] as const;
    });
    sims.sort((a, b) => b[0] - a[0]);
    const top10 = sims.slice(0, 10);
    scores["k=10"]!.push(top10.reduce((s, [, l]) => s + l, 0) / 10);
    const top50 = sims.slice(0, 50);
    const w = top50.reduce((s, [d]) => s + Math.max(d, 0), 0) || 1;
    scores["k=50 (similarity-weighted)"]!.push(top50.reduce((s, [d, l]) => s + Math.max(d, 0) * l, 0) / w);
  }
  return {
    leads: examples.length,
    index_leads: index.length,
    held_out: held.length,
    model_auc: round(model.validation.roc_auc, 4),
    knn_auc: Object.fromEntries(Object.entries(scores).map(([k, s]) => [k, round(rocAuc(s, labels), 4)])),
  };
}

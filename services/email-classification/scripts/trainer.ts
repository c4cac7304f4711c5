/** The trainers the scripts choose between: naive Bayes (the first version), the linear model, and their sum (shipped; NB_SCALE in the environment overrides its weight). */
import type { EmailCategory } from "@gardenos/contracts";
import { CombinedModel, LinearModel, NaiveBayes, trainCombined, trainLinear, type LinearTrainingOptions, type TextModel } from "../dist/index.js";

export type ModelKind = "nb" | "linear" | "both";

export function trainTextModel(kind: ModelKind, samples: readonly { text: string; label: EmailCategory; weight?: number }[], o: { file: string; files?: string[]; options?: Partial<LinearTrainingOptions> }): { model: TextModel; data: unknown } {
  if (kind === "nb") {
    const data = NaiveBayes.train(samples, o);
    return { model: new NaiveBayes(data), data };
  }
  if (kind === "linear") {
    const data = trainLinear(samples, { files: o.files ?? [o.file], ...(o.options ? { options: o.options } : {}) });
    return { model: new LinearModel(data), data };
  }
  if (kind === "both") {
    const nbScale = process.env.NB_SCALE ? Number(process.env.NB_SCALE) : undefined;
    const data = trainCombined(samples, { files: o.files ?? [o.file], ...(nbScale !== undefined ? { nbScale } : {}), ...(o.options ? { options: o.options } : {}) });
    return { model: new CombinedModel(data), data };
  }
  throw new Error(`unknown model ${kind as string}`);
}

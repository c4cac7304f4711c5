/** The trainers the scripts choose between: the naive Bayes of the first version, and the linear model that replaced it. */
import type { EmailCategory } from "@gardenos/contracts";
import { LinearModel, NaiveBayes, trainLinear, type LinearTrainingOptions, type TextModel } from "../dist/index.js";

export type ModelKind = "nb" | "linear";

export function trainTextModel(kind: ModelKind, samples: readonly { text: string; label: EmailCategory; weight?: number }[], o: { file: string; files?: string[]; options?: Partial<LinearTrainingOptions> }): { model: TextModel; data: unknown } {
  if (kind === "nb") {
    const data = NaiveBayes.train(samples, o);
    return { model: new NaiveBayes(data), data };
  }
  if (kind === "linear") {
    const data = trainLinear(samples, { files: o.files ?? [o.file], ...(o.options ? { options: o.options } : {}) });
    return { model: new LinearModel(data), data };
  }
  throw new Error(`unknown model ${kind as string}`);
}

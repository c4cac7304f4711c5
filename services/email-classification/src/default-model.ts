import modelData from "./data/model.json" with { type: "json" };
import { EmailClassifier } from "./classifier.js";
import { NaiveBayes, type NaiveBayesData } from "./model/naive-bayes.js";

/** The shipped model (data/model.json, written by `npm run email-model:train` from samples/emails.jsonl). */
export const SHIPPED_MODEL = modelData as unknown as NaiveBayesData;

let shared: EmailClassifier | undefined;
/** The classifier with the shipped model (built once). */
export function defaultClassifier(): EmailClassifier {
  shared ??= new EmailClassifier(new NaiveBayes(SHIPPED_MODEL));
  return shared;
}

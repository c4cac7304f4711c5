import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { EmailClassifier } from "./classifier.js";
import { CombinedModel, type CombinedModelData } from "./model/combined.js";

/**
 * The shipped model's file (data/model.json, written by `npm run email-model:train` from
 * samples/emails*.jsonl): the one beside this module (`dist/data/` for `dist/*.js` and for the
 * service's bundle `dist/main.bundle.mjs`, `src/data/` in the unit tests), else — from another
 * bundle, the CLI's — the package's copy (`@gardenos/email-classification/model.json`).
 */
function modelFile(): string {
  const beside = fileURLToPath(new URL("./data/model.json", import.meta.url));
  return existsSync(beside) ? beside : fileURLToPath(import.meta.resolve("@gardenos/email-classification/model.json"));
}

/** The shipped model as data, read from its file now (nothing keeps it: the classifier keeps only what it built from it). */
export function readShippedModel(): CombinedModelData {
  return JSON.parse(readFileSync(modelFile(), "utf8")) as CombinedModelData;
}

const FIELDS = ["version", "kind", "trained_on", "nb_scale", "linear", "naive_bayes"] as const satisfies readonly (keyof CombinedModelData)[];

/**
 * The shipped model as data (the training script's output), each field read from the file when
 * asked for. Not held in memory: the parsed file (0.9 MB of JSON, 10,267 naive-Bayes tokens as
 * arrays) would stay for the life of the service for nothing (bench/README.md, Memory).
 */
export const SHIPPED_MODEL: CombinedModelData = Object.freeze(
  Object.defineProperties({}, Object.fromEntries(FIELDS.map((f) => [f, { enumerable: true, get: () => readShippedModel()[f] }]))),
) as CombinedModelData;

let shared: EmailClassifier | undefined;
/** The classifier with the shipped model (built once; the parsed file is dropped once built). */
export function defaultClassifier(): EmailClassifier {
  shared ??= new EmailClassifier(new CombinedModel(readShippedModel()));
  return shared;
}

import { accessSync, constants, existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { EmailClassifier, type TextModel } from "./classifier.js";
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

/**
 * The shipped model, built from its file when it first scores an e-mail rather than at start:
 * building it runs ≈ 400,000 loop iterations, which V8
 * optimises with TurboFan, and an idle service that compiled nothing with TurboFan holds ≈ 8 MB
 * less (TurboFan's code pages and the build's garbage; bench/README.md, Memory). Reading and
 * building take 50–100 ms, once, in the first e-mail the rules do not decide alone.
 */
class ShippedModel implements TextModel {
  private model: CombinedModel | undefined;

  scores(text: string): ReturnType<TextModel["scores"]> {
    this.model ??= new CombinedModel(readShippedModel());
    return this.model.scores(text);
  }
}

let shared: EmailClassifier | undefined;
/** The classifier with the shipped model (one for the process; a missing model file fails here, at start). */
export function defaultClassifier(): EmailClassifier {
  if (!shared) {
    accessSync(modelFile(), constants.R_OK);
    shared = new EmailClassifier(new ShippedModel());
  }
  return shared;
}

#!/usr/bin/env node
/**
 * `npm run email-model:train`: fits the two models (linear + naive Bayes, model/combined.ts) of the built-in e-mail classifier on every
 * labelled file (samples/emails*.jsonl, in name order; see trainingSamples) and writes
 * services/email-classification/src/data/model.json. Deterministic: the same files give the same
 * model. A file is trained on only after its first run has been recorded in samples/README.md;
 * the honest figure afterwards is leave-one-set-out (npm run email-model:cross-sets).
 * Run `npm run build` afterwards.
 */
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { relative } from "node:path";
import { trainCombined } from "../dist/index.js";
import { ROOT, trainingSamples } from "./labelled.ts";

const { files, samples } = trainingSamples();
const data = trainCombined(samples, { files });
const out = fileURLToPath(new URL("../src/data/model.json", import.meta.url));
writeFileSync(out, `${JSON.stringify(data)}\n`);
process.stdout.write(`trained on ${samples.length} e-mails from ${files.length} files, ${data.linear.weights.count} linear features, ${Object.keys(data.naive_bayes.counts).length} naive-Bayes tokens → ${relative(ROOT, out)}\n`);

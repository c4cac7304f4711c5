#!/usr/bin/env node
/**
 * `npm run email-model:train`: counts the naive-Bayes model of the built-in e-mail classifier
 * from a labelled JSON Lines file (default samples/emails.jsonl; never the held-out file) and
 * writes services/email-classification/src/data/model.json. Run `npm run build` afterwards.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { relative } from "node:path";
import { modelText, NaiveBayes } from "../dist/index.js";

const root = fileURLToPath(new URL("../../../", import.meta.url));
const file = process.argv[2] ?? `${root}samples/emails.jsonl`;
if (/holdout|fresh|unseen/.test(file)) throw new Error("refusing to train on a held-out, fresh or unseen file");
const samples = readFileSync(file, "utf8")
  .split("\n")
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l) as { label: string; email: { subject: string; body: string } })
  .map((s) => ({ text: modelText(s.email), label: s.label as never }));
const data = NaiveBayes.train(samples, { file: relative(root, file) });
const out = fileURLToPath(new URL("../src/data/model.json", import.meta.url));
writeFileSync(out, `${JSON.stringify(data)}\n`);
process.stdout.write(`trained on ${samples.length} e-mails, ${Object.keys(data.counts).length} tokens → ${relative(root, out)}\n`);

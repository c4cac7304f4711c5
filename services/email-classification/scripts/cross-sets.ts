#!/usr/bin/env node
/**
 * `npm run email-model:cross-sets`: leave-one-set-out evaluation of the built-in e-mail
 * classifier. For each labelled file X (samples/emails*.jsonl) the model is trained on all the
 * other files and X is classified (rules + that model): per-set macro-F1 and unsubscribe recall,
 * their mean, and the confusion matrix of all the held-out predictions together. The rules were
 * written while reading every file, so this still flatters them; a file's first run (before any
 * change because of it) is the honest figure.
 *
 *   node services/email-classification/scripts/cross-sets.ts [--model both|nb|linear] [--hint-weight 10,4]
 *        [--unsub-bias 0] [--confusion] [--misses] [--only emails-unseen4] [--model-only]
 *
 * `--model-only` scores the trained model alone (its best category, no rules and no hints): the
 * one part of the classifier that never saw the held-out file.
 *
 * Run `npm run build` first (it reads the built classifier from dist/).
 */
import { parseArgs } from "node:util";
import { EMAIL_CATEGORIES } from "@gardenos/contracts";
import { EmailClassifier, modelText, type TextModel } from "../dist/index.js";
import { labelledFiles, readLabelled, score, type Labelled } from "./labelled.ts";
import { trainTextModel, type ModelKind } from "./trainer.ts";

const { values: o } = parseArgs({
  options: {
    model: { type: "string", default: "both" },
    "hint-weight": { type: "string" },
    "unsub-bias": { type: "string" },
    confusion: { type: "boolean", default: false },
    misses: { type: "boolean", default: false },
    only: { type: "string" },
    "model-only": { type: "boolean", default: false },
    /** Training options of the linear model, e.g. --train l2=0.001,epochs=20 (see LinearTrainingOptions). */
    train: { type: "string" },
    /** Weight of the composed training file (samples/emails.jsonl) against the hand-written ones. */
    "composed-weight": { type: "string" },
  },
});
const kind = o.model as ModelKind;
const files = labelledFiles();
const all = new Map(files.map((f) => [f, readLabelled(f)]));
const hintWeights = o["hint-weight"] ? o["hint-weight"].split(",").map(Number) : [undefined];
const unsubBias = o["unsub-bias"] !== undefined ? Number(o["unsub-bias"]) : undefined;

const trainOptions = o.train ? Object.fromEntries(o.train.split(",").map((kv) => kv.split("=")).map(([k, v]) => [k, Number(v)])) : undefined;
const models = new Map<string, TextModel>();
function modelWithout(held: string): TextModel {
  let m = models.get(held);
  if (!m) {
    const train: Labelled[] = files.filter((f) => f !== held).flatMap((f) => all.get(f)!);
    m = trainTextModel(kind, train.map((s) => ({ text: modelText(s.email), label: s.label as never, ...(o["composed-weight"] && s.set === "samples/emails.jsonl" ? { weight: Number(o["composed-weight"]) } : {}) })), { file: `all but ${held}`, ...(trainOptions ? { options: trainOptions } : {}) }).model;
    models.set(held, m);
  }
  return m;
}

const pad = (s: string, n: number) => s.padEnd(n);
const f2 = (x: number) => x.toFixed(2);
for (const hw of hintWeights) {
  const pooled: { label: string; predicted: string; id: string; set: string }[] = [];
  const rows: string[] = [];
  let sumF1 = 0;
  let minUnsub = 1;
  let n = 0;
  for (const f of files) {
    if (o.only && !f.includes(o.only)) continue;
    const clf = new EmailClassifier(modelWithout(f), { ...(hw !== undefined ? { hintWeight: hw } : {}), ...(unsubBias !== undefined ? { unsubscribeBias: unsubBias } : {}) });
    const model = modelWithout(f);
    const argmax = (m: Map<string, number>) => [...m].reduce((a, b) => (b[1] > a[1] ? b : a))[0];
    const biased = (m: Map<string, number>) => (unsubBias ? m.set("unsubscribe", m.get("unsubscribe")! + unsubBias) : m);
    const predict = (s: Labelled): string => (o["model-only"] ? argmax(biased(model.scores(modelText(s.email)))) : clf.classify(s.email).category);
    const pairs = all.get(f)!.map((s) => ({ id: s.id, set: f, label: s.label, predicted: predict(s) }));
    pooled.push(...pairs);
    const sc = score(EMAIL_CATEGORIES, pairs);
    sumF1 += sc.macroF1;
    minUnsub = Math.min(minUnsub, sc.unsubRecall);
    n++;
    const unsubHit = Math.round(sc.unsubRecall * sc.unsubSupport);
    rows.push(`| ${pad(f, 36)} | ${String(sc.total).padStart(3)} | ${f2(sc.macroF1)} | ${f2(sc.accuracy)} | ${f2(sc.unsubRecall)} (${unsubHit}/${sc.unsubSupport}) | ${f2(sc.unsubPrecision)} |`);
  }
  const pooledScore = score(EMAIL_CATEGORIES, pooled);
  process.stdout.write(`\nmodel ${kind}${o["model-only"] ? ", alone (no rules)" : ""}${hw !== undefined ? `, hint weight ${hw}` : ""}${unsubBias !== undefined ? `, unsubscribe bias ${unsubBias}` : ""} — leave-one-set-out\n`);
  process.stdout.write(`| held-out file | n | macro-F1 | accuracy | unsubscribe recall | unsubscribe precision |\n|---|---|---|---|---|---|\n${rows.join("\n")}\n`);
  process.stdout.write(`| mean over ${n} sets | | **${f2(sumF1 / n)}** | | min ${f2(minUnsub)} | |\n`);
  process.stdout.write(`| all held-out predictions | ${pooledScore.total} | ${f2(pooledScore.macroF1)} | ${f2(pooledScore.accuracy)} | ${f2(pooledScore.unsubRecall)} | ${f2(pooledScore.unsubPrecision)} |\n`);
  if (o.confusion) {
    const short = (c: string) => c.replace("meeting_request", "meeting").replace("not_interested", "not_int").replace("out_of_office", "ooo").replace("wrong_person", "wrong").replace("unsubscribe", "unsub");
    process.stdout.write(`\n| label \\ predicted | ${EMAIL_CATEGORIES.map(short).join(" | ")} |\n|---|${EMAIL_CATEGORIES.map(() => "---").join("|")}|\n`);
    for (const l of EMAIL_CATEGORIES) process.stdout.write(`| ${l} | ${EMAIL_CATEGORIES.map((p) => pooledScore.confusion[l]![p]).join(" | ")} |\n`);
  }
  if (o.misses) for (const p of pooled) if (p.label !== p.predicted) process.stdout.write(`miss ${p.set} ${p.id}: ${p.label} → ${p.predicted}\n`);
}

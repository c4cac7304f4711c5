/**
 * The labelled e-mail files under samples/ (samples/emails*.jsonl), read for the training and
 * evaluation scripts, and the scores the evaluation reports (as `gardenos eval-emails` computes
 * them: macro-F1 over the categories that occur or are predicted).
 */
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { EmailCategory } from "@gardenos/contracts";
import { modelText } from "../dist/index.js";

export const ROOT = fileURLToPath(new URL("../../../", import.meta.url));

export interface Labelled {
  id: string;
  label: string;
  email: { from: string; subject: string; body: string };
  /** The file it comes from, relative to the repository (samples/…). */
  set: string;
}

/** Every labelled e-mail file: samples/emails*.jsonl, sorted by name (the order training reads them). */
export function labelledFiles(): string[] {
  return readdirSync(`${ROOT}samples`)
    .filter((f) => /^emails.*\.jsonl$/.test(f))
    .sort()
    .map((f) => `samples/${f}`);
}

export function readLabelled(file: string): Labelled[] {
  return readFileSync(`${ROOT}${file}`, "utf8")
    .split("\n")
    .filter((l) => l.trim())
    .map((l, i) => {
      const j = JSON.parse(l) as Omit<Labelled, "set">;
      return { ...j, id: j.id ?? `${file}:${i + 1}`, set: file };
    });
}

export interface Scores {
  total: number;
  accuracy: number;
  macroF1: number;
  /** Recall of `unsubscribe` (1 when the set holds none). */
  unsubRecall: number;
  unsubSupport: number;
  /** Precision of `unsubscribe` (1 when never predicted). */
  unsubPrecision: number;
  confusion: Record<string, Record<string, number>>;
}

export function score(categories: readonly string[], pairs: readonly { label: string; predicted: string }[]): Scores {
  const confusion: Record<string, Record<string, number>> = {};
  for (const l of categories) confusion[l] = Object.fromEntries(categories.map((p) => [p, 0]));
  for (const { label, predicted } of pairs) confusion[label]![predicted] = (confusion[label]![predicted] ?? 0) + 1;
  const f1s: number[] = [];
  let unsubRecall = 1;
  let unsubSupport = 0;
  let unsubPrecision = 1;
  for (const c of categories) {
    const tp = confusion[c]![c]!;
    const support = Object.values(confusion[c]!).reduce((a, b) => a + b, 0);
    const predicted = categories.reduce((a, l) => a + (confusion[l]![c] ?? 0), 0);
    if (!support && !predicted) continue;
    const precision = predicted ? tp / predicted : 0;
    const recall = support ? tp / support : 0;
    f1s.push(precision + recall ? (2 * precision * recall) / (precision + recall) : 0);
    if (c === "unsubscribe") [unsubRecall, unsubSupport, unsubPrecision] = [support ? recall : 1, support, predicted ? precision : 1];
  }
  const correct = pairs.filter((p) => p.label === p.predicted).length;
  return { total: pairs.length, accuracy: pairs.length ? correct / pairs.length : 0, macroF1: f1s.reduce((a, b) => a + b, 0) / (f1s.length || 1), unsubRecall, unsubSupport, unsubPrecision, confusion };
}

/** What the shipped model is trained on: every labelled file, as the model reads it (modelText). */
export function trainingSamples(): { files: string[]; samples: { text: string; label: EmailCategory }[] } {
  const files = labelledFiles();
  return { files, samples: files.flatMap(readLabelled).map((s) => ({ text: modelText(s.email), label: s.label as EmailCategory })) };
}

import cliProgress from "cli-progress";
import Table from "cli-table3";
import { leadAnalysis } from "@gardenos/contracts";
import { splitOf, type Split } from "@gardenos/conversion-model";
import type { GatewayClient, TaskView } from "../api.js";
import { brierScore, calibrationTable, rocAuc, type CalibrationBin } from "./metrics.js";
import { readLeadsFile } from "../files/lead-file.js";
import { writeResultsFile } from "../files/results-file.js";
import { submitAndFollow } from "../task-runner.js";

export interface EvalOptions {
  file: string;
  /** Column with the known outcome (1/0, yes/no, true/false). */
  labelColumn: string;
  map?: Record<string, string>;
  /** Only the first N labelled leads. */
  limit?: number;
  /** Only the leads of this split by lead id (`validation`: the leads no model version trains on). */
  split?: Split;
  concurrency: number;
  timeoutSeconds: number;
  progress: boolean;
  /** Per-lead predictions (CSV or JSON). */
  out?: string;
}

/** A lead analysis's result fields, as far as eval reads them. */
type AnalysisFields = { conversion_probability?: unknown; lead_quality_score?: unknown; model_version?: unknown } | null;

export interface EvalReport {
  file: string;
  rows: number;
  /** Rows without a readable label or with an invalid lead (not sent). */
  skipped: number;
  scored: number;
  failed: number;
  roc_auc: number;
  brier_score: number;
  /** Share of positives among the scored leads. */
  base_rate: number;
  calibration: CalibrationBin[];
  mean_latency_ms: number;
  tokens: { prompt: number; completion: number };
  cost_usd: number;
  models: Record<string, number>;
  /** The conversion model behind the numbers (`model-<n>`, or `heuristic` before one is active). */
  model_versions: Record<string, number>;
  degraded: number;
  elapsed_ms: number;
}

/**
 * Runs labelled leads through the pipeline (whatever agents it runs: LLM chain or built-in) and
 * measures the scores against the outcomes: ROC AUC, Brier score, calibration, latency, tokens, cost.
 */
export async function evalFile(client: GatewayClient, o: EvalOptions): Promise<EvalReport> {
  const started = Date.now();
  const file = await readLeadsFile(o.file, { labelColumn: o.labelColumn, ...(o.map ? { map: o.map } : {}) });
  let usable = file.rows.filter((r) => r.lead && r.label !== undefined && (!o.split || (r.lead.id !== undefined && splitOf(r.lead.id) === o.split)));
  if (o.limit !== undefined) usable = usable.slice(0, o.limit);
  const skipped = file.rows.length - usable.length - (o.limit !== undefined ? Math.max(0, file.rows.filter((r) => r.lead && r.label !== undefined).length - usable.length) : 0);
  if (usable.length === 0) throw new Error(`${o.file} holds no leads with a readable "${o.labelColumn}" label`);

  const bar = o.progress
    ? new cliProgress.SingleBar({ format: " {bar} {percentage}% | {value}/{total} leads | {eta_formatted} left", hideCursor: true, stream: process.stderr }, cliProgress.Presets.shades_classic)
    : undefined;
  bar?.start(usable.length, 0);
  const outcomes = await submitAndFollow(
    client,
    usable.map((r) => ({ key: r, type: leadAnalysis.type, body: { lead: r.lead, priority: 5 } })),
    { concurrency: o.concurrency, timeoutSeconds: o.timeoutSeconds, onDone: () => bar?.increment() },
  );
  bar?.stop();

  const probs: number[] = [];
  const labels: number[] = [];
  const latencies: number[] = [];
  const models: Record<string, number> = {};
  const versions: Record<string, number> = {};
  let prompt = 0;
  let completion = 0;
  let cost = 0;
  let degraded = 0;
  let failed = 0;
  const perLead: Record<string, unknown>[] = [];
  for (const oc of outcomes) {
    const t: TaskView | undefined = oc.task;
    const result = (t?.result ?? null) as AnalysisFields;
    const p = t?.status === "completed" ? (result?.conversion_probability as number | undefined) : undefined;
    if (t) {
      prompt += t.usage?.prompt_tokens ?? 0;
      completion += t.usage?.completion_tokens ?? 0;
      cost += t.cost_usd ?? 0;
    }
    if (typeof p !== "number") {
      failed++;
      perLead.push({ row: oc.key.row, label: oc.key.label, status: t?.status ?? "failed", error: oc.error ?? "" });
      continue;
    }
    probs.push(p / 100);
    labels.push(oc.key.label as number);
    if (typeof t?.latency_ms === "number") latencies.push(t.latency_ms);
    const model = t?.model ?? "?";
    models[model] = (models[model] ?? 0) + 1;
    const version = typeof result?.model_version === "string" ? result.model_version : "–";
    versions[version] = (versions[version] ?? 0) + 1;
    if (t?.degraded) degraded++;
    perLead.push({
      row: oc.key.row,
      lead_id: oc.key.lead?.id ?? "",
      label: oc.key.label,
      conversion_probability: p,
      lead_quality_score: result?.lead_quality_score ?? "",
      model,
      model_version: version,
      degraded: t?.degraded ?? false,
      latency_ms: t?.latency_ms ?? "",
      cost_usd: t?.cost_usd ?? 0,
    });
  }
  if (o.out) await writeResultsFile(o.out, perLead.sort((a, b) => (a.row as number) - (b.row as number)));
  return {
    file: o.file,
    rows: file.rows.length,
    skipped,
    scored: probs.length,
    failed,
    roc_auc: rocAuc(probs, labels),
    brier_score: brierScore(probs, labels),
    base_rate: labels.length ? labels.reduce((s, l) => s + l, 0) / labels.length : Number.NaN,
    calibration: calibrationTable(probs, labels, 10),
    mean_latency_ms: latencies.length ? latencies.reduce((s, l) => s + l, 0) / latencies.length : Number.NaN,
    tokens: { prompt, completion },
    cost_usd: cost,
    models,
    model_versions: versions,
    degraded,
    elapsed_ms: Date.now() - started,
  };
}

const pct = (x: number) => (Number.isNaN(x) ? "–" : `${(x * 100).toFixed(1)} %`);

export function evalText(r: EvalReport): string {
  const t = new Table({ head: ["", r.file.split("/").at(-1) ?? r.file], style: { head: [] } });
  t.push(
    ["Leads scored", `${r.scored} (${r.failed} failed, ${r.skipped} skipped: no label, invalid, or outside --split)`],
    ["Models", Object.entries(r.models).map(([m, n]) => `${m} × ${n}`).join(", ") || "–"],
    ["Conversion model", Object.entries(r.model_versions).map(([m, n]) => `${m} × ${n}`).join(", ") || "–"],
    ["Degraded (built-in fallback)", String(r.degraded)],
    ["ROC AUC", Number.isNaN(r.roc_auc) ? "– (needs both outcomes)" : r.roc_auc.toFixed(3)],
    ["Brier score", Number.isNaN(r.brier_score) ? "–" : `${r.brier_score.toFixed(3)} (base rate ${pct(r.base_rate)}; always guessing it scores ${(r.base_rate * (1 - r.base_rate)).toFixed(3)})`],
    ["Mean latency", Number.isNaN(r.mean_latency_ms) ? "–" : `${r.mean_latency_ms.toFixed(0)} ms per lead`],
    ["Tokens", `${r.tokens.prompt} prompt + ${r.tokens.completion} completion`],
    ["Total cost", `$${r.cost_usd.toFixed(4)}${r.scored ? ` ($${(r.cost_usd / r.scored).toFixed(6)} per lead)` : ""}`],
    ["Time", `${(r.elapsed_ms / 1000).toFixed(1)} s`],
  );
  const c = new Table({ head: ["Predicted", "Leads", "Mean predicted", "Converted"], style: { head: [] } });
  for (const b of r.calibration) {
    c.push([`${Math.round(b.from * 100)}–${Math.round(b.to * 100)} %`, String(b.count), pct(b.mean_predicted), pct(b.observed_rate)]);
  }
  return `${t.toString()}\nCalibration (by tenth of predicted probability):\n${c.toString()}`;
}

import { basename } from "node:path";
import cliProgress from "cli-progress";
import Table from "cli-table3";
import pLimit from "p-limit";
import { contactName, leadAnalysis, type Lead } from "@gardenos/contracts";
import { ApiError, type GatewayClient, type TaskView } from "../api.js";
import { readLeadsFile, type LeadRow } from "../files/lead-file.js";
import { writeResultsFile } from "../files/results-file.js";

export interface AnalyzeOptions {
  file: string;
  out?: string;
  priority: number;
  /** Column → lead path overrides (`--map`). */
  map?: Record<string, string>;
  concurrency: number;
  /** Show a progress bar (on a terminal). */
  progress: boolean;
  /** Seconds to wait for all results before giving up. */
  timeoutSeconds: number;
  /** Write lines of news and the summary here (stderr when results go to stdout). */
  print: (line: string) => void;
}

export interface AnalyzedLead {
  row: number;
  lead_id: string;
  name: string;
  company: string;
  status: "completed" | "failed" | "invalid" | "timed_out";
  task_id: string;
  lead_quality_score: number | "";
  conversion_probability: number | "";
  recommended_action: string;
  follow_up_timeline: string;
  key_insights: string[];
  top_positive_factors: string;
  top_negative_factors: string;
  model: string;
  latency_ms: number | "";
  error: string;
}

export interface AnalyzeReport {
  results: AnalyzedLead[];
  completed: number;
  failed: number;
  elapsedMs: number;
}

function describe(lead: Lead | undefined, raw: Record<string, string>) {
  return {
    lead_id: lead?.id ?? "",
    name: (lead && contactName(lead)) ?? lead?.contact?.email ?? "",
    company: lead?.company?.name ?? "",
    raw,
  };
}

function factorText(v: unknown): string {
  if (!Array.isArray(v)) return "";
  return v
    .map((f: { factor?: string; impact?: number }) => `${f.factor ?? "?"} (${(f.impact ?? 0) >= 0 ? "+" : ""}${Math.round((f.impact ?? 0) * 10) / 10})`)
    .join("; ");
}

function toResult(row: LeadRow, taskId: string, t: TaskView | undefined, status: AnalyzedLead["status"], error = ""): AnalyzedLead {
  const d = describe(row.lead, row.raw);
  const r = (t?.status === "completed" ? t.result : null) as Record<string, unknown> | null;
  return {
    row: row.row,
    lead_id: d.lead_id,
    name: d.name,
    company: d.company,
    status,
    task_id: taskId,
    lead_quality_score: typeof r?.lead_quality_score === "number" ? r.lead_quality_score : "",
    conversion_probability: typeof r?.conversion_probability === "number" ? r.conversion_probability : "",
    recommended_action: typeof r?.recommended_action === "string" ? r.recommended_action : "",
    follow_up_timeline: typeof r?.follow_up_timeline === "string" ? r.follow_up_timeline : "",
    key_insights: Array.isArray(r?.key_insights) ? (r.key_insights as string[]) : [],
    top_positive_factors: factorText(r?.top_positive_factors),
    top_negative_factors: factorText(r?.top_negative_factors),
    model: t?.model ?? "",
    latency_ms: t?.latency_ms ?? "",
    error: error || (t?.error ? `${t.error.code}: ${t.error.message}` : ""),
  };
}

/**
 * Reads a CRM export, queues every valid lead through the gateway, follows the tasks to their
 * end with a progress bar, and writes the scored results. Invalid rows are reported, not sent.
 */
export async function analyzeFile(client: GatewayClient, o: AnalyzeOptions): Promise<AnalyzeReport> {
  const started = Date.now();
  const file = await readLeadsFile(o.file, o.map ? { map: o.map } : {});
  const total = file.rows.length;
  if (total === 0) throw new Error(`${o.file} holds no leads`);
  const results = new Map<number, AnalyzedLead>();
  const pending = new Map<string, LeadRow>();

  const bar = o.progress
    ? new cliProgress.SingleBar(
        { format: " {bar} {percentage}% | {value}/{total} leads | {failed} failed | {eta_formatted} left", hideCursor: true, clearOnComplete: false, stream: process.stderr },
        cliProgress.Presets.shades_classic,
      )
    : undefined;
  let failed = 0;
  bar?.start(total, 0, { failed });
  const done = (r: AnalyzedLead) => {
    results.set(r.row, r);
    if (r.status !== "completed") failed++;
    bar?.increment(1, { failed });
  };

  // 1. Submit (invalid rows end here with their issues).
  const limit = pLimit(o.concurrency);
  await Promise.all(
    file.rows.map((row) =>
      limit(async () => {
        if (!row.lead) {
          done(toResult(row, "", undefined, "invalid", (row.issues ?? []).map((i) => `${i.path}: ${i.message}`).join("; ")));
          return;
        }
        try {
          const accepted = await client.submit(leadAnalysis.type, { lead: row.lead, priority: o.priority });
          pending.set(accepted.task_id, row);
        } catch (e) {
          // Gateway gone, or the key refused: stop, do not mark every lead.
          if (e instanceof ApiError && (e.status === 0 || e.status === 401 || e.status === 403)) throw e;
          const msg = e instanceof ApiError ? `${e.code}: ${e.message}` : String(e);
          done(toResult(row, "", undefined, "invalid", msg));
        }
      }),
    ),
  );

  // 2. Follow the tasks until each one is completed or failed.
  const deadline = Date.now() + o.timeoutSeconds * 1000;
  while (pending.size > 0 && Date.now() < deadline) {
    await Promise.all(
      [...pending].map(([taskId, row]) =>
        limit(async () => {
          const t = await client.task(taskId).catch((e: unknown) => {
            if (e instanceof ApiError && e.status === 404) return undefined; // not recorded yet
            throw e;
          });
          if (t && (t.status === "completed" || t.status === "failed")) {
            pending.delete(taskId);
            done(toResult(row, taskId, t, t.status));
          }
        }),
      ),
    );
    if (pending.size > 0) await new Promise((r) => setTimeout(r, 200));
  }
  for (const [taskId, row] of pending) done(toResult(row, taskId, undefined, "timed_out", `no result within ${o.timeoutSeconds} s`));
  bar?.stop();

  const ordered = [...results.values()].sort((a, b) => a.row - b.row);
  if (o.out) await writeResultsFile(o.out, ordered as unknown as Record<string, unknown>[]);
  return { results: ordered, completed: ordered.filter((r) => r.status === "completed").length, failed, elapsedMs: Date.now() - started };
}

/** The short summary a person reads after a run. */
export function summaryTable(report: AnalyzeReport, file: string): string {
  const scored = report.results.filter((r) => typeof r.lead_quality_score === "number");
  const band = (lo: number, hi: number) => scored.filter((r) => (r.lead_quality_score as number) >= lo && (r.lead_quality_score as number) <= hi).length;
  const avgP = scored.length ? scored.reduce((s, r) => s + (r.conversion_probability as number), 0) / scored.length : 0;
  const secs = report.elapsedMs / 1000;
  const t = new Table({ head: ["", basename(file)], style: { head: [] } });
  t.push(
    ["Leads", String(report.results.length)],
    ["Completed", String(report.completed)],
    ["Failed", String(report.failed)],
    ["Hot (score 8–10)", String(band(8, 10))],
    ["Warm (score 5–7)", String(band(5, 7))],
    ["Cold (score 1–4)", String(band(1, 4))],
    ["Mean conversion probability", `${avgP.toFixed(1)} %`],
    ["Time", `${secs.toFixed(1)} s (${(report.results.length / Math.max(secs, 0.001)).toFixed(0)} leads/s)`],
  );
  const top = [...scored].sort((a, b) => (b.conversion_probability as number) - (a.conversion_probability as number)).slice(0, 5);
  const tt = new Table({ head: ["Top leads", "Company", "Score", "Prob.", "Next step"], style: { head: [] }, colWidths: [22, 24, 7, 8, 36], wordWrap: true });
  for (const r of top) tt.push([r.name || r.lead_id || `row ${r.row}`, r.company, String(r.lead_quality_score), `${r.conversion_probability}%`, `${r.recommended_action} (${r.follow_up_timeline})`]);
  const bad = report.results.filter((r) => r.status !== "completed").slice(0, 10);
  let out = `${t.toString()}\n${top.length ? tt.toString() : ""}`;
  if (bad.length) {
    const bt = new Table({ head: ["Row", "Status", "Why"], style: { head: [] }, colWidths: [6, 11, 80], wordWrap: true });
    for (const r of bad) bt.push([String(r.row), r.status, r.error]);
    out += `\n${bt.toString()}`;
    if (report.failed > bad.length) out += `\n… and ${report.failed - bad.length} more`;
  }
  return out;
}

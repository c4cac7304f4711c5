import type { Factor, Lead, LeadAnalysisResult } from "@gardenos/contracts";
import { leadFeatures } from "@gardenos/lead-features";
import type { LeadFeatures, LeadOrigin, LeadSource } from "@gardenos/lead-features";

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

/** Whole-word / phrase match of any of the patterns (lower-case text, patterns are regex sources). */
/** Compiled word-boundary patterns, built once per pattern (scoring runs per task). */
const compiled = new Map<string, RegExp>();

function matches(text: string, patterns: readonly string[]): string | undefined {
  for (const p of patterns) {
    let re = compiled.get(p);
    if (!re) {
      re = new RegExp(`(?:^|[^a-z0-9])(${p})(?:$|[^a-z0-9])`, "i");
      compiled.set(p, re);
    }
    const m = re.exec(text);
    if (m) return m[1];
  }
  return undefined;
}

interface Rule {
  patterns: readonly string[];
  logit: number;
  label: string;
}

/** The first rule (in order) whose patterns occur in the text. */
function firstRule(text: string, rules: readonly Rule[]): { rule: Rule; hit: string } | undefined {
  for (const rule of rules) {
    const hit = matches(text, rule.patterns);
    if (hit !== undefined) return { rule, hit };
  }
  return undefined;
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

type RoleClass = "student" | "unemployed" | "executive" | "leader" | "working" | "manager" | "individual" | "junior";

/** Log-odds and explanation by what the title/role says (see `roleClass` for the order). */
const ROLE_POINTS: Record<RoleClass, { logit: number; label: string }> = {
  student: { logit: -0.6, label: "a student or intern rarely holds a budget" },
  unemployed: { logit: -0.3, label: "not currently employed" },
  executive: { logit: 0.9, label: "a senior decision maker" },
  leader: { logit: 0.75, label: "a senior role with budget influence" },
  working: { logit: 0.9, label: "a working professional with means to buy" },
  manager: { logit: 0.35, label: "a manager who can champion a purchase" },
  individual: { logit: 0.1, label: "an individual contributor" },
  junior: { logit: -0.15, label: "a junior role, unlikely to decide" },
};

/** Being in education or out of work outweighs any title; an executive or leader outweighs "working professional". */
function roleClass(f: LeadFeatures): RoleClass | undefined {
  if (f.occupation === "student" || f.occupation === "unemployed") return f.occupation;
  if (f.seniority === "executive" || f.seniority === "leader") return f.seniority;
  if (f.occupation === "working") return "working";
  return f.seniority === "unknown" ? undefined : f.seniority;
}

/** Log-odds for a lead that states any title or occupation at all. */
const ROLE_GIVEN = 0.45;

const FREE_MAIL = new Set([
  "gmail.com", "googlemail.com", "yahoo.com", "yahoo.co.uk", "yahoo.co.in", "ymail.com", "hotmail.com", "hotmail.co.uk",
  "outlook.com", "live.com", "msn.com", "aol.com", "icloud.com", "me.com", "mac.com", "protonmail.com", "proton.me",
  "gmx.com", "gmx.de", "gmx.net", "web.de", "mail.com", "mail.ru", "yandex.com", "yandex.ru", "qq.com", "163.com",
  "126.com", "rediffmail.com", "zoho.com", "fastmail.com", "hey.com", "tutanota.com", "free.fr", "orange.fr", "libero.it",
]);
const DISPOSABLE_MAIL = /(mailinator|guerrillamail|10minutemail|tempmail|temp-mail|trashmail|yopmail|throwaway|discard\.email|sharklasers)/;
const ROLE_MAILBOX = /^(info|sales|admin|contact|hello|office|support|team|marketing|noreply|no-reply)@/;

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

const SOURCE_POINTS: Record<LeadSource, { logit: number; label: string }> = {
  // "Referral sites" is web-analytics referral traffic (a link on another site), not a personal referral.
  referral_site: { logit: 0.0, label: "arrived through a link on another website" },
  referral: { logit: 1.5, label: "came through a referral, the strongest source" },
  cold: { logit: -0.7, label: "came from a cold list, not from their own interest" },
  chat: { logit: -0.6, label: "came in through chat, often a quick question rather than buying intent" },
  form_or_event: { logit: 0.6, label: "raised their hand through a form or event" },
  website: { logit: 0.5, label: "came through a website" },
  paid_or_social: { logit: -0.3, label: "came from paid or social ads, usually lower intent" },
  search: { logit: 0.1, label: "found us through search" },
  direct: { logit: 0.0, label: "came directly to the website" },
  other: { logit: 0.0, label: "" },
  unknown: { logit: 0.0, label: "" },
};

const ORIGIN_POINTS: Record<LeadOrigin, { logit: number; label: string }> = {
  chat: { logit: -0.5, label: "entered through chat" },
  imported: { logit: -0.5, label: "bulk-imported, not self-registered" },
  referral: { logit: 0.8, label: "entered through a referral" },
  form: { logit: 1.0, label: "filled in a form themselves" },
  landing_page: { logit: 0.25, label: "registered on a landing page" },
  sales_entered: { logit: 0.3, label: "entered by a salesperson after direct contact" },
  other: { logit: 0.0, label: "" },
  unknown: { logit: 0.0, label: "" },
};

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

const ACTIVITY_RULES: Rule[] = [
  { patterns: ["resubscribed", "re-subscribed", "opted back in"], logit: 0.4, label: "opted back in to our e-mails" },
  { patterns: ["not interested", "disqualified", "lost", "do not contact", "closed lost", "rejected"], logit: -1.6, label: "said they are not interested" },
  { patterns: ["bounced", "bounce", "invalid e-?mail", "undeliverable"], logit: -1.3, label: "our e-mail bounced, the address may be dead" },
  { patterns: ["marked spam", "spam", "complaint"], logit: -1.0, label: "marked our e-mail as spam" },
  { patterns: ["unsubscribed", "unsubscribe", "opted out", "opt-out"], logit: -1.0, label: "unsubscribed from our e-mails" },
  { patterns: ["unreachable", "not reachable", "no answer", "wrong number", "voicemail", "no response"], logit: -0.6, label: "could not be reached" },
  { patterns: ["\\w*chat\\w*"], logit: -1.0, label: "only chatted, no deeper engagement" },
  { patterns: ["demo\\w*", "trial", "free trial", "pricing", "price", "quote", "proposal", "meeting", "call booked", "call scheduled", "appointment", "booked", "contract"], logit: 1.3, label: "a clear buying step" },
  { patterns: ["phone conversation", "phone call", "had a call", "call", "called", "spoke", "talked", "conversation", "approached\\w*", "visited booth", "met"], logit: 1.1, label: "a direct conversation" },
  { patterns: ["replied", "reply", "responded", "response received", "e-?mail received", "inbound e-?mail"], logit: 1.0, label: "they wrote back" },
  { patterns: ["sms", "text message", "whatsapp", "texted"], logit: 1.0, label: "being worked by text message, a sales-stage step" },
  { patterns: ["form submitted", "form submission", "submitted", "form", "registered", "signed up", "sign-up", "webinar\\w*", "attended", "download\\w*"], logit: 0.8, label: "raised their hand on the website" },
  { patterns: ["link clicked", "clicked", "click"], logit: 0.25, label: "clicked through one of our e-mails" },
  { patterns: ["e-?mail opened", "opened"], logit: 0.2, label: "opened our e-mail" },
  { patterns: ["page visited", "visited", "page view\\w*", "viewed", "visit"], logit: 0.0, label: "browsed the website" },
  { patterns: ["converted to lead", "lead created", "created", "modified", "added", "imported", "none"], logit: -0.4, label: "nothing has happened since the lead was created" },
];

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

const NOTE_POSITIVE: Rule[] = [
  { patterns: ["budget (?:is )?(?:approved|confirmed|allocated|secured|signed off)", "has (?:a )?budget", "budget in place", "funded"], logit: 0.6, label: "budget confirmed" },
  { patterns: ["decision[- ]maker", "signing authority", "economic buyer", "signs off", "final say"], logit: 0.5, label: "talking to the decision maker" },
  { patterns: ["urgent\\w*", "asap", "immediately", "right away", "as soon as possible"], logit: 0.4, label: "urgency" },
  { patterns: ["timeline", "this quarter", "next quarter", "this month", "next month", "by q[1-4]", "deadline", "go[- ]live", "within \\d+ (?:days|weeks|months)"], logit: 0.4, label: "a concrete timeline" },
  { patterns: ["demo", "trial", "pricing", "quote", "proposal", "rfp", "shortlist\\w*"], logit: 0.4, label: "asking about a demo, pricing or a proposal" },
  { patterns: ["referred by", "referral", "recommended by"], logit: 0.3, label: "referred" },
  { patterns: ["budget"], logit: 0.2, label: "budget discussed" },
];

const NOTE_NEGATIVE: Rule[] = [
  { patterns: ["not interested", "no interest", "do not contact", "don't contact", "stop (?:e-?mailing|calling)", "remove (?:me|us|from)"], logit: -1.5, label: "not interested" },
  { patterns: ["no budget", "without budget", "budget (?:cut|freeze|frozen)", "too expensive", "can't afford", "cannot afford"], logit: -0.8, label: "no budget" },
  { patterns: ["competitor", "went with", "chose another", "already (?:using|signed|bought)", "signed with"], logit: -0.6, label: "committed elsewhere" },
  { patterns: ["no response", "no reply", "unresponsive", "ghosted", "never answers", "not responding"], logit: -0.5, label: "unresponsive" },
  { patterns: ["student", "school project", "homework", "thesis"], logit: -0.4, label: "a student, not a buyer" },
  { patterns: ["just browsing", "just looking", "researching", "tire[- ]kicker", "early stage", "next year", "maybe later", "not now", "no timeline"], logit: -0.4, label: "early research, no near-term plan" },
];

function notes(lead: Lead, out: Contribution[]): void {
  if (!lead.notes) return;
  // Each phrase family counts once; the notes as a whole move the odds by a bounded amount.
  const text = lead.notes.toLowerCase().slice(0, 10_000);
  const negatives = NOTE_NEGATIVE.filter((r) => matches(text, r.patterns) !== undefined);
  // "no budget" must not also count as "budget discussed".
  const positives = NOTE_POSITIVE.filter(
    (r) => matches(text, r.patterns) !== undefined && !(r.label === "budget discussed" && negatives.some((n) => n.label === "no budget")),
  ).filter((r, _, all) => !(r.label === "budget discussed" && all.some((o) => o.label === "budget confirmed")));
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

export interface Band {
  name: string;
  action: string;
  timeline: string;
}

/** The next step for a 1–10 score, respecting opt-outs (`bounced`: the last e-mail bounced). Shared with the learned model's results. */
export function recommend(score: number, lead: Lead, bounced: boolean): Band {
  const noCall = lead.contact?.do_not_call === true;
  const noEmail = lead.contact?.do_not_email === true;
  if (noCall && noEmail) {
    return score >= 6
      ? { name: "Hot", action: "Reach out only through a channel the contact has consented to (e.g. via their account manager or at an event): they opted out of direct outreach", timeline: "Within 1 week" }
      : { name: score >= 4 ? "Warm" : "Cold", action: "Do not contact: the lead opted out of direct outreach; keep on file and review consent", timeline: "Review in 1 month" };
  }
  if (score >= 8) {
    if (!noCall) return { name: "Hot", action: "Schedule a demo call", timeline: "Within 24 hours" };
    return { name: "Hot", action: "Send a personalised e-mail offering a live online demo (respecting their opt-out)", timeline: "Within 24 hours" };
  }
  if (score >= 6) {
    if (!noCall) return { name: "Warm", action: "Call to qualify needs, budget and timeline, then offer a demo", timeline: "Within 2-3 days" };
    return { name: "Warm", action: "Send a tailored e-mail with a relevant case study and a meeting link (respecting their opt-out)", timeline: "Within 2-3 days" };
  }
  if (score >= 4) {
    if (bounced && !noCall) return { name: "Lukewarm", action: "Verify the contact details (the last e-mail bounced), then send relevant content", timeline: "Within 1 week" };
    if (!noEmail) return { name: "Lukewarm", action: "Send relevant content and a soft check-in e-mail", timeline: "Within 1 week" };
    return { name: "Lukewarm", action: "Track website activity and re-score; do not e-mail (the contact opted out)", timeline: "Within 2 weeks" };
  }
  if (noEmail) return { name: "Cold", action: "Keep on file without outreach (opted out of e-mail); re-score if activity picks up", timeline: "Re-evaluate in 1 month" };
  if (bounced) return { name: "Cold", action: "Verify or replace the e-mail address, then add to nurture campaign", timeline: "Within 2 weeks" };
  return { name: "Cold", action: "Add to nurture campaign", timeline: "Within 2 weeks" };
}

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

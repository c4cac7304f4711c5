import { COMPETITOR_WORDS, CONTRACT_TERM, SIGNAL_RULES, SOFT_TIMING, STAGE_ORDER } from "./cues.js";
import { findReconnect, findWhens } from "./dates.js";
import { detectLanguage, requestedLanguage } from "./language.js";
import { FEATURES, ROLES, SECURITY, TOPICS } from "./lexicon.js";
import { people, questions, systems } from "./names.js";
import { isNegated, Reading } from "./reading.js";
import { expandShorthand } from "./shorthand.js";
import { currency, hosting, inHouse, paymentTerms, plansAndSeats, priceCeiling, requestedProposal, uiLanguage } from "./terms.js";
import { COME_BACK, PAST_WORDS, DAY_PARTS, NO_CALLS, PREFER_WORDS } from "./time-words.js";
import { clauseAt, clean, findAll, has } from "./text.js";
import type { ContextReading, Signal, Stage } from "./types.js";

/**
 * The context reader: what a salesperson's note says happened (the stage), what was asked about
 * or named (systems, security, features, commercial topics, people, days and times) and whether to
 * come back later (the month). Tables of patterns in lexicon.ts, cues.ts and time-words.ts; the
 * logic here only finds, masks and orders. Nothing is invented: a point is only what the text names.
 */

export interface ReadContextOptions {
  /** The day the note is read (for "until March": this year or next). Default now. */
  now?: Date;
  /**
   * Whether names found only by their position ("with Tom", "vs Close", "asked whether …") may
   * become points. False for text the lead controls (its `last_activity`); default true.
   */
  freeNames?: boolean;
  /** The lead's own names (the contact and the company): never a third person or a product. */
  ownNames?: readonly string[];
}

/** The role ids ("cfo", "procurement") a short text names, e.g. a job title: the lexicon's roles alone. */
export function rolesNamed(text: string): string[] {
  return text ? ROLES.filter((item) => findAll(text, item.patterns, { caseSensitive: item.caseSensitive === true }).length > 0).map((item) => item.id) : [];
}

function signalsOf(text: string, r: Reading): Set<Signal> {
  const out = new Set<Signal>();
  for (const rule of SIGNAL_RULES) {
    const hits = findAll(text, rule.patterns);
    if (hits.some((h) => !rule.negatable || !isNegated(text, h))) out.add(rule.signal);
  }
  // A missed meeting is a no-reply stage with a reschedule to offer ("Termin verpasst").
  if (out.has("missed_meeting")) out.add("no_reply");
  if (has(text, COMPETITOR_WORDS) || r.points.some((p) => p.kind === "competitor" && !p.incumbent)) out.add("competitor");
  if (r.points.some((p) => p.kind === "competitor" && p.chosen)) out.add("competitor_chosen");
  if (r.points.some((p) => p.kind === "competitor" && p.incumbent)) out.add("competitor");
  return out;
}

const REQUESTED = /(?<![\p{L}])(?:request\p{L}*|asked for|wants?|would like|ideally|prefer\p{L}*|angefragt|gewünscht|am liebsten|möchte\p{L}*|demand\p{L}*|souhait\p{L}*|veu\p{L}*|de préférence|solicit\p{L}*|pidi\p{L}*|quiere\p{L}*|preferiblemente)(?![\p{L}])/iu;
const DEMO = /(?<![\p{L}])(?:demo|démo|demonstration|démonstration|demostración|vorführung)(?![\p{L}])/iu;
const BOOKED = SIGNAL_RULES.find((r) => r.signal === "meeting_booked")!.patterns;
const DONE = [...SIGNAL_RULES.find((r) => r.signal === "demo_done")!.patterns, ...PAST_WORDS, "done", "held", "happened", "had", "erledigt", "gehalten", "faite", "hecha"];

/**
 * A meeting day or time with no "booked" word: in a past clause ("demo done tues.") it is no
 * meeting to come; asked for ("wants one next Tues 2pm") or a demo not yet held ("Demo el martes
 * que viene") it is a demo requested; otherwise a meeting booked ("Meeting w/ procurement next Wed").
 */
function inferFromDates(text: string, when: readonly { event: string; weekday?: number; hour?: number; day?: number; raw: string }[], signals: Set<Signal>): void {
  if (signals.has("missed_meeting") || signals.has("meeting_booked")) return;
  for (const w of when) {
    if (w.event !== "meeting" || (w.weekday === undefined && w.hour === undefined && w.day === undefined)) continue;
    const clause = clauseAt(text, Math.max(0, text.indexOf(w.raw))).text;
    if (has(clause, DONE)) continue;
    const asked = REQUESTED.test(clause);
    if (DEMO.test(clause) && !signals.has("demo_done") && !has(clause, BOOKED)) signals.add("demo_requested");
    else if (!asked && !signals.has("demo_requested")) signals.add("meeting_booked");
  }
}

/**
 * Rules between signals that the order of STAGE_ORDER alone gets wrong: a contract's end date is
 * no objection ("Vertrag läuft bis Juni"); "not before the 15th" on a demo request is its timing.
 */
function precedence(text: string, signals: Set<Signal>): void {
  if (signals.has("objection_timing") && !signals.has("objection_budget")) {
    const rule = SIGNAL_RULES.find((r) => r.signal === "objection_timing")!;
    const real = findAll(text, rule.patterns).filter((h) => {
      const clause = clauseAt(text, h.start).text;
      if (has(clause, CONTRACT_TERM) && !has(clause, COME_BACK)) return false;
      if (has(h.text, SOFT_TIMING) && (signals.has("demo_requested") || signals.has("meeting_booked"))) return false;
      return true;
    });
    if (real.length === 0) signals.delete("objection_timing");
  }
}

/** Whether a note says the contact asked not to be phoned ("stop calling her, prefers email only"): as `do_not_call`. */
export function asksNotToBeCalled(text: string | undefined): boolean {
  return text ? has(clean(text).slice(0, 4000), NO_CALLS) : false;
}

/** The time of day the contact prefers, when a clause says so with a word of preference (or a plural: "mornings"). */
function preferredDayPart(text: string): ContextReading["prefers"] {
  for (const { part, patterns } of DAY_PARTS) {
    for (const h of findAll(text, patterns)) {
      const clause = clauseAt(text, h.start).text;
      if (/s$/i.test(h.text) && /^(?:early )?(?:mornings|afternoons|evenings)$/i.test(h.text)) return part;
      if (has(clause, PREFER_WORDS)) return part;
    }
  }
  return undefined;
}

export function readContext(context: string | undefined, o: ReadContextOptions = {}): ContextReading {
  const text = expandShorthand(clean(context).slice(0, 4000));
  const now = o.now ?? new Date();
  const own = new Set((o.ownNames ?? []).flatMap((n) => [n.toLowerCase(), ...n.toLowerCase().split(/\s+/)]).filter((n) => n.length > 1));
  const freeNames = o.freeNames !== false;
  const r = new Reading(text);
  if (!text) return { stage: "first_touch", signals: new Set(), points: [], when: [], missedMeeting: false };
  r.items(SECURITY, "security");
  hosting(r);
  systems(r, freeNames, own);
  plansAndSeats(r);
  currency(r);
  paymentTerms(r);
  priceCeiling(r);
  uiLanguage(r);
  inHouse(r);
  r.items(FEATURES, "feature");
  r.items(TOPICS, "topic");
  requestedProposal(r);
  r.items(ROLES, "person");
  for (const p of r.points) if (p.kind === "person" && ROLES.some((x) => x.id === p.id)) p.role = p.label;
  if (freeNames) {
    people(r, own);
    questions(r);
  }
  const when = findWhens(text);
  const signals = signalsOf(text, r);
  // A meeting with a day or time that nobody asked for is a meeting booked ("Meeting w/ procurement next Wed at 2:30pm").
  inferFromDates(text, when, signals);
  precedence(text, signals);
  const stage: Stage = STAGE_ORDER.find((s) => signals.has(s.signal))?.stage ?? "first_touch";
  // With a demo asked for or a meeting booked, a day or time named is that meeting's ("wants one next Tues 2pm").
  if (stage === "demo_requested" || stage === "meeting_booked") for (const w of when) if (w.event === "other" && (w.weekday !== undefined || w.hour !== undefined)) w.event = "meeting";
  if (stage === "first_touch" && text) signals.add("first_touch");
  const reason = signals.has("competitor_chosen") ? "competitor" : signals.has("objection_budget") ? "budget" : "timing";
  const reconnect = stage === "objection" || signals.has("competitor_chosen") ? findReconnect(text, now, reason) : undefined;
  const language = detectLanguage(text);
  const requested = requestedLanguage(text);
  const prefers = preferredDayPart(text);
  return {
    ...(language ? { language } : {}),
    ...(requested ? { requestedLanguage: requested } : {}),
    stage,
    signals,
    points: r.points,
    when,
    ...(reconnect ? { reconnect } : {}),
    missedMeeting: signals.has("missed_meeting"),
    ...(prefers ? { prefers } : {}),
    ...(asksNotToBeCalled(text) ? { noCalls: true as const } : {}),
  };
}



import { clauseAt, findAll, has, rx, type Span } from "./text.js";
import {
  AFTER_WORDS,
  AMBIGUOUS_MONTHS,
  COME_BACK,
  DATE_EVENTS,
  MONTH_NAMES,
  MOVE_EVENTS,
  NEXT_WORDS,
  NUMBER_WORDS,
  PAST_AFTER,
  PAST_BEFORE,
  RELATIVE_DAYS,
  SEASONS,
  TIME_ZONES,
  WEEKDAY_NAMES,
  WEEKDAY_SHORT_DE,
} from "./time-words.js";
import type { Reconnect, When } from "./types.js";

/**
 * Days, times and months in a context: "Thu 3pm CET", "next Wed at 2:30pm GMT", "12. Januar",
 * "lunes 10:00" become `When`s (with what they are for: a meeting, a start, a deadline); "until
 * March", "after the fiscal year ends in June", "revisit in Q3", "à la rentrée" become the month
 * to come back in.
 */

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const MONTH_SOURCE = MONTH_NAMES.flat().sort((a, b) => b.length - a.length).map(escape).join("|");
const monthIndex = new Map<string, number>(MONTH_NAMES.flatMap((names, i) => names.map((n) => [n, i + 1] as const)));
const weekdayIndex = new Map<string, number>(WEEKDAY_NAMES.flatMap((names, i) => names.map((n) => [n, i] as const)));

/** The month a word names, 1–12. */
export function monthOfWord(word: string): number | undefined {
  return monthIndex.get(word.toLowerCase().replace(/\.$/, ""));
}

interface Atom extends Span {
  kind: "weekday" | "time" | "tz" | "date" | "relative";
  weekday?: number;
  next?: boolean;
  day?: number;
  month?: number;
  hour?: number;
  minute?: number;
  tz?: string;
  relative?: When["relative"];
}

const L = "(?<![\\p{L}\\p{N}])";
const R = "(?![\\p{L}\\p{N}])";
const MONTH_PREPOSITIONS = ["in", "until", "till", "til", "by", "from", "after", "before", "not before", "early", "mid", "late", "end of", "beginning of", "start of", "im", "ab", "bis", "nach", "vor", "anfang", "mitte", "ende", "en", "jusqu'en", "jusqu'à", "à partir de", "après", "début", "fin", "dès", "hasta", "desde", "a partir de", "después de", "principios de", "mediados de", "finales de", "de", "in early", "in mid", "in late"];

function atoms(text: string): Atom[] {
  const out: Atom[] = [];
  const push = (m: RegExpMatchArray, a: Omit<Atom, "start" | "end" | "text">) => out.push({ start: m.index!, end: m.index! + m[0].length, text: m[0], ...a });
  // Weekdays (not "Monday.com"); German two-letter forms only before a time.
  const weekdays = WEEKDAY_NAMES.flat().sort((a, b) => b.length - a.length).map(escape).join("|");
  for (const m of text.matchAll(rx(`${L}(${weekdays})\\.?(?!\\.?com)${R}`, "giu"))) {
    const w = weekdayIndex.get(m[1]!.toLowerCase());
    if (w === undefined) continue;
    const before = text.slice(Math.max(0, m.index! - 16), m.index!).toLowerCase();
    const after = text.slice(m.index! + m[0].length, m.index! + m[0].length + 14).toLowerCase();
    const next = NEXT_WORDS.some((n) => before.trimEnd().endsWith(n)) || /^\s*(prochain|que viene)/.test(after);
    push(m, { kind: "weekday", weekday: w, next });
  }
  for (const m of text.matchAll(rx(`${L}(${WEEKDAY_SHORT_DE.join("|")})\\.?(?=\\s*\\d{1,2}(?:[:.]\\d{2})?\\s*(?:uhr|h\\b|:))`, "giu"))) {
    push(m, { kind: "weekday", weekday: WEEKDAY_SHORT_DE.indexOf(m[1]!.toLowerCase()) });
  }
  // Times: 14:30, 2:30pm, 3pm, 15 Uhr, 15.30 Uhr, 10h, 10h30, a las 10.
  const timeRes: RegExp[] = [
    rx(`${L}(\\d{1,2}):(\\d{2})\\s*(a\\.?m\\.?|p\\.?m\\.?|uhr|h)?${R}`, "giu"),
    rx(`${L}(\\d{1,2})\\.(\\d{2})\\s*(a\\.?m\\.?|p\\.?m\\.?|uhr|h)${R}`, "giu"),
    rx(`${L}(\\d{1,2})()\\s*(a\\.?m\\.?|p\\.?m\\.?|uhr)(?![\\p{L}])`, "giu"),
    rx(`${L}(\\d{1,2})h(\\d{2})?${R}`, "giu"),
    rx(`${L}a las (\\d{1,2})(?::(\\d{2}))?${R}`, "giu"),
  ];
  for (const re of timeRes) {
    for (const m of text.matchAll(re)) {
      if (out.some((a) => a.kind === "time" && m.index! < a.end && m.index! + m[0].length > a.start)) continue;
      let hour = Number(m[1]);
      const minute = m[2] ? Number(m[2]) : 0;
      const suffix = (m[3] ?? "").toLowerCase().replace(/\./g, "");
      if (suffix === "pm" && hour < 12) hour += 12;
      if (suffix === "am" && hour === 12) hour = 0;
      if (hour > 23 || minute > 59) continue;
      push(m, { kind: "time", hour, minute });
    }
  }
  for (const m of text.matchAll(rx(`${L}(${TIME_ZONES.join("|")})${R}`, "gu"))) push(m, { kind: "tz", tz: m[1]! });
  // Dates: "1 March", "12. Januar", "5 janvier", "15 de enero", "1er mars", "March 12th", "12.01.", "the 4th".
  for (const m of text.matchAll(rx(`${L}(\\d{1,2})(?:st|nd|rd|th|er|\\.)?\\s*(?:of\\s+|de\\s+)?(${MONTH_SOURCE})\\.?${R}`, "giu"))) {
    push(m, { kind: "date", day: Number(m[1]), month: monthOfWord(m[2]!)! });
  }
  for (const m of text.matchAll(rx(`${L}(${MONTH_SOURCE})\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?(?![\\p{L}\\p{N}:])`, "giu"))) {
    if (out.some((a) => a.kind === "date" && m.index! < a.end && m.index! + m[0].length > a.start)) continue;
    push(m, { kind: "date", day: Number(m[2]), month: monthOfWord(m[1]!)! });
  }
  for (const m of text.matchAll(rx(`${L}(\\d{1,2})\\.(\\d{1,2})\\.(\\d{2,4})?(?![\\p{N}])`, "gu"))) {
    if (out.some((a) => m.index! < a.end && m.index! + m[0].length > a.start)) continue;
    const day = Number(m[1]);
    const month = Number(m[2]);
    if (day >= 1 && day <= 31 && month >= 1 && month <= 12) push(m, { kind: "date", day, month });
  }
  for (const m of text.matchAll(rx(`${L}the (\\d{1,2})(?:st|nd|rd|th)${R}`, "giu"))) {
    // "the 15th of January" is one date (found above).
    if (out.some((a) => a.kind === "date" && m.index! < a.end && m.index! + m[0].length > a.start)) continue;
    push(m, { kind: "date", day: Number(m[1]) });
  }
  // A month alone after "in", "im", "en" … ("renews in August"): kept only for a deadline (see findWhens).
  for (const m of text.matchAll(rx(`${L}(?:in|im|en|by|bis|avant|antes de)\\s+(${MONTH_SOURCE})${R}`, "giu"))) {
    if (out.some((a) => m.index! < a.end && m.index! + m[0].length > a.start)) continue;
    const word = m[1]!;
    if (AMBIGUOUS_MONTHS.has(word.toLowerCase()) && word !== "May" && word !== "Mai" && !/^(?:in|by)\s/i.test(m[0])) continue;
    const start = m.index! + m[0].length - word.length;
    out.push({ start, end: m.index! + m[0].length, text: word, kind: "date", month: monthOfWord(word)! });
  }
  // A quarter ("decision end of Q1"): its last month, kept only for a deadline.
  for (const m of text.matchAll(rx(`${L}(?:(?:the\\s+)?(?:end of|ende|fin(?: du)?|finales de)\\s+)?(?:the\\s+)?q([1-4])${R}`, "giu"))) {
    if (out.some((a) => m.index! < a.end && m.index! + m[0].length > a.start)) continue;
    push(m, { kind: "date", month: Number(m[1]) * 3 });
  }
  for (const r of RELATIVE_DAYS) for (const s of findAll(text, r.patterns)) out.push({ ...s, kind: "relative", relative: r.relative });
  return out.filter((a) => a.kind !== "date" || a.day === undefined || (a.day >= 1 && a.day <= 31)).sort((a, b) => a.start - b.start);
}

const JOIN = /^[\s,]*(?:\d{1,2}(?:st|nd|rd|th|er)?\.?(?=\s))?[\s,]*(?:prochaine?|que viene|qui vient)?[\s,]*(?:at|um|à|a las|a la|the|le|el|den|am|de|du|on|@|-|–|\/)?[\s,]*(?:at|um|à)?[\s,]*$/i;

/** What the date at `start` is for: who moves next when the verb comes before it in its clause, else what its clause names. */
function eventOf(text: string, start: number): When["event"] {
  const clause = clauseAt(text, start);
  const before = text.slice(clause.start, start);
  for (const e of MOVE_EVENTS) if (has(before, e.patterns)) return e.event;
  for (const e of DATE_EVENTS) if (has(clause.text, e.patterns)) return e.event;
  return "other";
}

/** The days and times in the text that lie ahead, with what they are for. */
export function findWhens(text: string): When[] {
  const list = atoms(text);
  const groups: Atom[][] = [];
  for (const a of list) {
    const last = groups.at(-1);
    const prev = last?.at(-1);
    if (last && prev && a.start >= prev.end && a.start - prev.end <= 18 && JOIN.test(text.slice(prev.end, a.start)) && !last.some((x) => x.kind === a.kind)) last.push(a);
    else if (last && prev && a.start < prev.end) continue;
    else groups.push([a]);
  }
  const out: When[] = [];
  for (const g of groups) {
    const start = g[0]!.start;
    const end = g.at(-1)!.end;
    const before = text.slice(Math.max(0, start - 24), start).toLowerCase();
    if (PAST_BEFORE.some((p) => rx(`(?<![\\p{L}])${escape(p)}\\s*$`, "u").test(before.trimEnd()) || rx(`(?<![\\p{L}])${escape(p)}(?![\\p{L}])`, "u").test(before.slice(-12)))) continue;
    if (rx(`^[\\s,]*(?:${PAST_AFTER.join("|")})(?![\\p{L}])`, "iu").test(text.slice(end, end + 16))) continue;
    const w: When = { event: eventOf(text, start), raw: text.slice(start, end).trim() };
    for (const a of g) {
      if (a.weekday !== undefined) w.weekday = a.weekday;
      if (a.next) w.next = true;
      if (a.day !== undefined) w.day = a.day;
      if (a.month !== undefined) w.month = a.month;
      if (a.hour !== undefined) w.hour = a.hour;
      if (a.minute !== undefined) w.minute = a.minute;
      if (a.tz) w.tz = a.tz;
      if (a.relative) w.relative = a.relative;
    }
    // A time zone alone, or a bare day of the month for nothing in particular, says nothing to answer.
    if (g.every((a) => a.kind === "tz")) continue;
    if (w.weekday === undefined && w.hour === undefined && w.relative === undefined && w.month === undefined && w.event === "other") continue;
    if (w.weekday === undefined && w.hour === undefined && w.relative === undefined && w.month === undefined && w.day !== undefined && w.event === "other") continue;
    // A month alone is a day to answer only as a deadline, a decision or a start ("renews in August", "Entscheidung im Januar", "quiere empezar en febrero"); "until March" is a reconnect month.
    if (w.month !== undefined && w.day === undefined && w.weekday === undefined && w.event !== "deadline" && w.event !== "decision" && w.event !== "start") continue;
    out.push(w);
  }
  return out;
}

// ---------------------------------------------------------------- come back later

interface MonthMention {
  month: number;
  start: number;
  end: number;
  prep: string;
}

function monthMentions(text: string): MonthMention[] {
  const out: MonthMention[] = [];
  const preps = MONTH_PREPOSITIONS.sort((a, b) => b.length - a.length).map(escape).join("|");
  for (const m of text.matchAll(rx(`${L}(?:(${preps})\\s+(?:the\\s+)?(?:end of\\s+|beginning of\\s+)?)?(${MONTH_SOURCE})\\.?${R}`, "giu"))) {
    const word = m[2]!.toLowerCase();
    const prep = (m[1] ?? "").toLowerCase();
    // "may", "mar": a month only after a preposition (or capitalised "May").
    if (AMBIGUOUS_MONTHS.has(word) && !prep && m[2] !== "May" && m[2] !== "Mai") continue;
    // A month right after a day number is a date, not a month to come back in ("12. Januar").
    if (/\d\.?\s*(?:de\s+|of\s+)?$/i.test(text.slice(Math.max(0, m.index! - 6), m.index!)) && !prep) continue;
    out.push({ month: monthOfWord(word)!, start: m.index!, end: m.index! + m[0].length, prep });
  }
  return out;
}

const yearFor = (month: number, now: Date) => (month > now.getUTCMonth() + 1 ? now.getUTCFullYear() : now.getUTCFullYear() + 1);
const next = (m: number) => (m % 12) + 1;

/** The month (and year) to come back in, when the text gives one. */
export function findReconnect(text: string, now: Date, reason: Reconnect["reason"]): Reconnect | undefined {
  const t = text.toLowerCase();
  const make = (month: number, basis: Reconnect["basis"]): Reconnect => ({ month, year: yearFor(month, now), reason, basis });
  // 1. The fiscal year: "after the fiscal year ends in June" → July.
  const fy = rx(`(?:fiscal|financial) year|\\bfy\\b|geschäftsjahr|exercice|año fiscal|ejercicio`, "iu").exec(t);
  if (fy) {
    const end = rx(`(?:ends?|ending|closes?|endet|schließt|se termine|termina|finit)\\s+(?:in|im|en|fin)?\\s*(${MONTH_SOURCE})`, "iu").exec(t.slice(fy.index));
    if (end) return make(next(monthOfWord(end[1]!)!), "fiscal_year");
  }
  const mentions = monthMentions(text);
  const resolve = (m: MonthMention) => (AFTER_WORDS.includes(m.prep) ? next(m.month) : m.month);
  // 2. A month in the same clause as "come back", "revisit", "recontacter" …
  for (const m of mentions) {
    if (has(clauseAt(text, m.start).text, COME_BACK)) return make(resolve(m), "month");
  }
  // 3. A month with a preposition ("until March", "ab April", "jusqu'en septembre").
  const withPrep = mentions.find((m) => m.prep && m.prep !== "de");
  if (withPrep) return make(resolve(withPrep), "month");
  // 4. A quarter: "in Q3" → July, "after Q2" → July.
  const q = rx(`${L}(after|nach|après|después de|end of|ende|fin)?\\s*(?:the\\s+)?q([1-4])${R}`, "iu").exec(t);
  if (q) {
    const startMonth = (Number(q[2]) - 1) * 3 + 1;
    return make(q[1] ? ((startMonth + 2) % 12) + 1 : startMonth, "quarter");
  }
  // 5. Seasons and the new year.
  for (const s of SEASONS) if (has(t, s.patterns)) return make(s.month, s.basis);
  // 6. "in three weeks", "dans deux mois", "dentro de 2 meses".
  const numbers = Object.keys(NUMBER_WORDS).sort((a, b) => b.length - a.length).map(escape).join("|");
  const rel = rx(`${L}(?:in|dans|dentro de|en|in den nächsten)\\s+(\\d{1,2}|${numbers})\\s+(weeks?|wks?|months?|wochen|monaten?|semaines?|mois|semanas?|meses?|years?|jahr(?:en)?|ans?|années?|años?)${R}`, "iu").exec(t);
  if (rel) {
    const n = /^\d+$/.test(rel[1]!) ? Number(rel[1]) : (NUMBER_WORDS[rel[1]!] ?? 1);
    const weeks = /^(?:w|s)/.test(rel[2]!) && !/^(?:mois|meses?)$/.test(rel[2]!);
    const years = /^(?:y|j|an|añ)/i.test(rel[2]!);
    const d = new Date(now.getTime());
    if (years) d.setUTCFullYear(d.getUTCFullYear() + n);
    else if (weeks) d.setUTCDate(d.getUTCDate() + 7 * n);
    else d.setUTCMonth(d.getUTCMonth() + n);
    return { month: d.getUTCMonth() + 1, year: d.getUTCFullYear(), reason, basis: "relative" };
  }
  // A month with no preposition at all ("ping Jan").
  const bare = mentions[0];
  return bare ? make(bare.month, "month") : undefined;
}

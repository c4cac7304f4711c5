// Only the four locales read (chrono-node's index loads all sixteen and builds each one's parsers).
import * as de from "chrono-node/de";
import * as en from "chrono-node/en";
import * as es from "chrono-node/es";
import * as fr from "chrono-node/fr";
import type { EmailCategory, EmailFindings } from "@gardenos/contracts";
import { COMPETITORS } from "./data/competitors.js";

type Parser = { parse: typeof en.parse };
const PARSERS: Record<string, Parser> = { en, de, fr, es };

const ADDRESS = /[A-Za-z0-9._%+'-]{1,64}@[A-Za-z0-9.-]{1,255}\.[A-Za-z]{2,}/g;
/** Characters read for dates: proposals and return dates are in the first lines. */
const DATE_CHARS = 4000;
const NAME = "([A-ZÀ-Ý][a-zà-ÿ'-]+(?: [A-ZÀ-Ý][a-zà-ÿ'-]+){1,2})";

function pad(n: number): string {
  return String(Math.abs(n)).padStart(2, "0");
}

/** An instant as ISO 8601 in the given offset (minutes east of UTC): `2026-03-10T15:00:00-05:00`. */
export function isoWithOffset(d: Date, offsetMinutes: number): string {
  if (offsetMinutes === 0) return `${d.toISOString().slice(0, 19)}Z`;
  const local = new Date(d.getTime() + offsetMinutes * 60_000).toISOString().slice(0, 19);
  const sign = offsetMinutes < 0 ? "-" : "+";
  return `${local}${sign}${pad(Math.trunc(offsetMinutes / 60))}:${pad(offsetMinutes % 60)}`;
}

function parse(text: string, lang: string, ref: Date): en.ParsedResult[] {
  const parser = PARSERS[lang] ?? en;
  text = text.slice(0, DATE_CHARS);
  const found = parser.parse(text, { instant: ref, timezone: "UTC" }, { forwardDate: true });
  return found.length || lang === "en" ? found : en.parse(text, { instant: ref, timezone: "UTC" }, { forwardDate: true });
}

/** Proposed meeting times: dates with an hour, in the sender's stated offset (else UTC), relative to `received`. */
export function meetingTimes(text: string, lang: string, received: Date): string[] {
  const out: string[] = [];
  for (const r of parse(text, lang, received)) {
    for (const c of [r.start, r.end]) {
      if (!c || !c.isCertain("hour")) continue;
      if (c === r.end) continue; // a range "2–3pm" is one proposal: its start
      const offset = c.isCertain("timezoneOffset") ? (c.get("timezoneOffset") ?? 0) : 0;
      const iso = isoWithOffset(c.date(), offset);
      if (!out.includes(iso)) out.push(iso);
    }
    if (out.length >= 10) break;
  }
  return out;
}

const DOTTED = /\b(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})?\b/;
const RETURN_CUE = /\b(back|return(ing)?|returns|wieder|zurück|ab dem|ab|retour|regreso|de vuelta)\b/i;
const UNTIL_CUE = /\b(until|till|til|through|thru|bis|jusqu'?(au|à)?|hasta)\b/i;
const INCLUSIVE = /\b(through|thru|einschließlich|inclus|inclusive)\b/i;

function ymd(y: number, m: number, d: number): string {
  return `${y}-${pad(m)}-${pad(d)}`;
}

function addDay(date: string): string {
  const t = new Date(`${date}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + 1);
  return t.toISOString().slice(0, 10);
}

/** The first day back from an out-of-office reply (YYYY-MM-DD), relative to `received`. */
export function returnDate(text: string, lang: string, received: Date): string | undefined {
  const candidates: { date: string; score: number }[] = [];
  for (const r of parse(text, lang, received)) {
    const before = text.slice(Math.max(0, r.index - 40), r.index);
    let date: string;
    const dotted = DOTTED.exec(r.text);
    if (dotted) {
      // 07.04.2026 is the 7th of April wherever it is written.
      const y = dotted[3] ? (dotted[3].length === 2 ? 2000 + Number(dotted[3]) : Number(dotted[3])) : received.getUTCFullYear();
      date = ymd(y, Number(dotted[2]), Number(dotted[1]));
      if (!dotted[3] && date < received.toISOString().slice(0, 10)) date = ymd(y + 1, Number(dotted[2]), Number(dotted[1]));
    } else {
      date = ymd(r.start.get("year")!, r.start.get("month")!, r.start.get("day")!);
    }
    if (r.end && UNTIL_CUE.test(before)) date = ymd(r.end.get("year")!, r.end.get("month")!, r.end.get("day")!);
    const score = RETURN_CUE.test(before) ? 2 : UNTIL_CUE.test(before) ? 1 : 0;
    if (score === 1 && INCLUSIVE.test(`${before} ${text.slice(r.index, r.index + r.text.length + 20)}`)) date = addDay(date);
    candidates.push({ date, score });
  }
  candidates.sort((a, b) => b.score - a.score);
  return candidates[0]?.date;
}

/** The colleague a wrong-person reply names: the address they give (not the sender's) and the name next to it. */
export function colleague(text: string, sender: string): { name?: string; email?: string } | undefined {
  const own = (sender.match(ADDRESS)?.[0] ?? "").toLowerCase();
  const addresses = [...text.matchAll(ADDRESS)].filter((m) => m[0].toLowerCase() !== own);
  const first = addresses[0];
  let name: string | undefined;
  const names = [...text.matchAll(new RegExp(NAME, "g"))].filter((m) => !/^(Head|Please|Thanks|Our|Hi|Hello|Dear|Bitte|Hallo|Bonjour|Hola|Not|You|This|Try|Wrong)\b/.test(m[1]!));
  if (first) {
    // The name closest before the address (within 80 characters).
    const near = names.filter((m) => m.index! < first.index! && first.index! - m.index! < 80).at(-1);
    name = near?.[1];
  } else {
    const cue = new RegExp(`\\b(?:contact|talk to|ask|reach out to|email|write to|loop in|ping|with|an|à|con|a)\\s+(?:our\\s+\\w+\\s+)?${NAME}`);
    name = cue.exec(text)?.[1];
  }
  const email = first?.[0].replace(/[.,;:]+$/, "");
  if (!name && !email) return undefined;
  return { ...(name ? { name } : {}), ...(email ? { email } : {}) };
}

const PRICE = /(?:[$€£]\s?\d[\d,.]{0,20}\s?k?|\d[\d,.]{0,20}\s?(?:€|eur\b|euros?\b|euro\b|usd\b|dollars?\b))(?:\s?(?:\/|per|a|an|par|pro|im|al|por)\s?(?:month|year|user|seat|mo|yr|monat|jahr|mois|an|mes|año|usuario)\b)?/i;

/** The competitor and the price an objection names. */
export function objectionFindings(text: string): { competitor?: string; price?: string } {
  const competitor = COMPETITORS.find((c) => new RegExp(`(^|[^\\w])${c.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?![\\w])`, "i").test(text));
  const price = PRICE.exec(text)?.[0].trim();
  return { ...(competitor ? { competitor } : {}), ...(price ? { price: price.slice(0, 100) } : {}) };
}

/** The address a delivery report says failed: the first one that is neither the sender's nor ours. */
export function bouncedAddress(text: string, from: string, to: string | string[]): string | undefined {
  const skip = new Set([from, ...(Array.isArray(to) ? to : [to])].flatMap((s) => s.match(ADDRESS) ?? []).map((a) => a.toLowerCase()));
  for (const m of text.matchAll(ADDRESS)) {
    const a = m[0].replace(/[.,;:]+$/, "").toLowerCase();
    if (!skip.has(a) && !/^(mailer-daemon|postmaster)@/.test(a)) return a;
  }
  return undefined;
}

/** What the category's reaction needs, read from the e-mail's own text. */
export function findings(category: EmailCategory, o: { text: string; raw: string; lang: string; received: Date; from: string; to: string | string[] }): EmailFindings {
  switch (category) {
    case "meeting_request": {
      const times = meetingTimes(o.text, o.lang, o.received);
      return times.length ? { meeting_times: times } : {};
    }
    case "interested": {
      const times = meetingTimes(o.text, o.lang, o.received);
      return times.length ? { meeting_times: times } : {};
    }
    case "out_of_office": {
      const d = returnDate(o.text, o.lang, o.received);
      return d ? { return_date: d } : {};
    }
    case "wrong_person": {
      const c = colleague(o.text, o.from);
      return c ? { colleague: c } : {};
    }
    case "objection":
      return objectionFindings(o.text);
    case "bounce": {
      // A delivery report's original message is quoted: the failed address may be only there.
      const a = bouncedAddress(o.text, o.from, o.to) ?? bouncedAddress(o.raw.slice(0, 20_000), o.from, o.to);
      return a ? { bounced_address: a } : {};
    }
    default:
      return {};
  }
}

import type { Lead } from "@gardenos/contracts";

/** Cleaning lead text before it goes into an e-mail: one line, no CRM placeholders, readable case. */

/** One line, single spaces, no control characters. */
export function oneLine(text: string | undefined): string {
  if (!text) return "";
  return text
    .replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

const PLACEHOLDER_CHARS = /[{}[\]<>|$%#\\]/;
const PLACEHOLDER_WORDS =
  /^(null|undefined|nil|none|n\/?a|na|unknown|test|tbd|tba|-+|\?+|\.+|x+|name|first ?name|last ?name|full ?name|contact|customer|lead|company|company ?name|organi[sz]ation|self|self[- ]employed|individual|private|private individual|object object)$/i;

/** A cleaned value, or "" when it is empty, a CRM placeholder ("{first_name}", "N/A") or too long to read. */
export function usable(text: string | undefined, maxLength: number): string {
  const t = oneLine(text);
  if (!t || t.length > maxLength) return "";
  if (PLACEHOLDER_CHARS.test(t) || PLACEHOLDER_WORDS.test(t)) return "";
  if (!/\p{L}/u.test(t)) return "";
  return t;
}

/** "jane" / "JANE" → "Jane"; "mary-jane" → "Mary-Jane"; mixed case ("McKay") is kept. */
function fixCase(word: string): string {
  const isLower = word === word.toLowerCase();
  const isUpper = word === word.toUpperCase() && word.length > 2;
  if (!isLower && !isUpper) return word;
  return word
    .toLowerCase()
    .split(/([-'’])/)
    .map((part) => (part.length > 0 ? part.charAt(0).toUpperCase() + part.slice(1) : part))
    .join("");
}

const HONORIFICS = /^(mr|mrs|ms|miss|mx|dr|prof|professor|sir|dame|madam|herr|frau|mme|mlle|sr|sra)\.?$/i;

function firstWord(name: string): string {
  const words = name.split(" ").filter((w) => !HONORIFICS.test(w));
  const word = (words[0] ?? "").replace(/^[^\p{L}]+|[^\p{L}'’-]+$/gu, "");
  // An initial ("J.") is no name to greet someone by.
  if (word.length < 2 || !/\p{L}/u.test(word) || word.includes("@")) return "";
  return fixCase(word);
}

/** The first name to greet by, or "" when unknown. */
export function firstNameOf(lead: Lead): string {
  const c = lead.contact;
  if (!c) return "";
  const first = usable(c.first_name, 150);
  if (first) {
    const word = firstWord(first);
    if (word) return word;
  }
  const full = usable(c.name, 300);
  if (full && !full.includes("@")) {
    // "Smith, Jane" → "Jane"
    const [before, after] = full.split(",", 2).map((s) => s.trim());
    const word = firstWord(after ? after : (before ?? ""));
    if (word) return word;
  }
  return "";
}

/** "Financial Services" → "financial services", keeping acronyms ("AI consulting"). */
export function lowerTitleCase(text: string): string {
  return text
    .split(" ")
    .map((w) => (/^\p{Lu}[\p{Ll}'’-]*$/u.test(w) ? w.toLowerCase() : w))
    .join(" ");
}

export function formatCount(n: number): string {
  return String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/** "2025-03-03T10:00:00Z" → "3 March" (the calendar date as written, no time-zone shift), else "". */
export function formatDay(iso: string | undefined): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso ?? "");
  if (!m) return "";
  const month = MONTHS[Number(m[2]) - 1];
  const day = Number(m[3]);
  if (!month || day < 1 || day > 31) return "";
  return `${day} ${month}`;
}

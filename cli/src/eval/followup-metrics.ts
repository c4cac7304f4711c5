/**
 * Text checks behind `gardenos eval-followups`: does an e-mail mention a term, which sentences
 * repeat across leads, how long is it. Pure functions, no I/O.
 */

/** Case-folded, NFC, one space between words; "’" read as "'". */
export function fold(text: string): string {
  return text.normalize("NFC").replace(/[’‘]/g, "'").replace(/\s+/g, " ").toLocaleLowerCase("en");
}

const WORD = /[\p{L}\p{N}]/u;

/**
 * Whether `term` occurs in `text`, case-insensitively. The term must start at a word start; with
 * `wholeWord` it must also end at a word end ("demo" does not match "demonstrate"), without it a
 * stem matches ("migrat" matches "migration"). Terms that start or end with a non-letter
 * ("SOC 2", "3pm", "on-prem") are matched the same way at their letter or digit ends.
 */
export function mentions(text: string, term: string, o: { wholeWord: boolean }): boolean {
  const t = fold(text);
  const needle = fold(term).trim();
  if (!needle) return false;
  let from = 0;
  for (;;) {
    const at = t.indexOf(needle, from);
    if (at < 0) return false;
    const before = at > 0 ? t[at - 1]! : "";
    const after = t[at + needle.length] ?? "";
    const startOk = !WORD.test(needle[0]!) || !WORD.test(before);
    const endOk = !o.wholeWord || !WORD.test(needle.at(-1)!) || !WORD.test(after);
    if (startOk && endOk) return true;
    from = at + 1;
  }
}

/** The body without its greeting (first paragraph) and sign-off (last paragraph), when it has both. */
export function middleOf(body: string): string {
  const paragraphs = body.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean);
  return (paragraphs.length >= 3 ? paragraphs.slice(1, -1) : paragraphs).join("\n\n");
}

/** Sentences of a text: split after . ! ? (and at paragraph breaks), trimmed, empty ones dropped. */
export function sentencesOf(text: string): string[] {
  return text
    .split(/\n\s*\n|(?<=[.!?…])\s+(?=[\p{Lu}¿¡"“«(\d])/u)
    .map((s) => s.replace(/\s+/g, " ").trim())
    .filter((s) => WORD.test(s));
}

/**
 * A sentence reduced to its wording: the lead's own names (first name, company) replaced by
 * placeholders, so "Thanks, Anna" and "Thanks, Ben" count as the same sentence.
 */
export function wordingOf(sentence: string, names: readonly string[]): string {
  let s = fold(sentence);
  for (const name of names) {
    const n = fold(name).trim();
    if (n.length >= 2) s = s.split(n).join("<name>");
  }
  return s;
}

export interface Repetition {
  /** Sentences (greeting and sign-off left out) across every e-mail. */
  sentences: number;
  /** Sentences whose wording also appears in another lead's e-mail. */
  repeated: number;
  /** The most repeated wordings, with the number of e-mails they appear in. */
  top: { sentence: string; emails: number }[];
}

/** Sentences that occur, word for word (names aside), in the e-mails of two or more leads. */
export function repetition(emails: readonly { body: string; names: readonly string[] }[], topN = 5): Repetition {
  const perEmail = emails.map((e) => sentencesOf(middleOf(e.body)).map((s) => wordingOf(s, e.names)));
  const inEmails = new Map<string, number>();
  for (const list of perEmail) for (const w of new Set(list)) inEmails.set(w, (inEmails.get(w) ?? 0) + 1);
  let sentences = 0;
  let repeated = 0;
  for (const list of perEmail) {
    for (const w of list) {
      sentences++;
      if ((inEmails.get(w) ?? 0) >= 2) repeated++;
    }
  }
  const top = [...inEmails.entries()]
    .filter(([, n]) => n >= 2)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, topN)
    .map(([sentence, n]) => ({ sentence, emails: n }));
  return { sentences, repeated, top };
}

export function wordCount(text: string): number {
  return text.split(/\s+/).filter((w) => WORD.test(w)).length;
}

/** A month written as 3, "3", "03", "2027-03", "March", "März", "mars" or "marzo" → 1–12, else undefined. */
export function monthOf(value: string | number): number | undefined {
  if (typeof value === "number") return Number.isInteger(value) && value >= 1 && value <= 12 ? value : undefined;
  const v = fold(value).trim();
  const digits = /^\d{4}-(\d{2})$/.exec(v)?.[1] ?? (/^\d{1,2}$/.test(v) ? v : undefined);
  if (digits !== undefined) {
    const n = Number(digits);
    return n >= 1 && n <= 12 ? n : undefined;
  }
  const i = MONTH_NAMES.findIndex((names) => names.some((m) => v === m || (v.length >= 3 && m.startsWith(v))));
  return i >= 0 ? i + 1 : undefined;
}

const MONTH_NAMES: readonly (readonly string[])[] = [
  ["january", "januar", "janvier", "enero"],
  ["february", "februar", "février", "febrero"],
  ["march", "märz", "mars", "marzo"],
  ["april", "avril", "abril"],
  ["may", "mai", "mayo"],
  ["june", "juni", "juin", "junio"],
  ["july", "juli", "juillet", "julio"],
  ["august", "août", "agosto"],
  ["september", "septembre", "septiembre"],
  ["october", "oktober", "octobre", "octubre"],
  ["november", "novembre", "noviembre"],
  ["december", "dezember", "décembre", "diciembre"],
];

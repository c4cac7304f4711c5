/** Pattern helpers shared by the context reader: whole-word, Unicode-aware, compiled once. */

const cache = new Map<string, RegExp>();

/** One regex for a list of sources, each matched as a whole word (letters and digits in any script). */
export function wordsRegex(sources: readonly string[], o: { caseSensitive?: boolean; global?: boolean } = {}): RegExp {
  const flags = `${o.caseSensitive ? "" : "i"}u${o.global ? "g" : ""}`;
  const key = `${flags}\u0000${sources.join("\u0001")}`;
  let re = cache.get(key);
  if (!re) {
    // A pattern that ends in a space or a lookahead ("went with (?!us)") has its right edge already.
    // "\\w" in a table is a letter of any script ("pregunt\\w*" must match "Preguntó").
    const alternatives = sources.map(unicodeWord).map((s) => (/\s$|\(\?[!=][^()]*\)$/.test(s) ? `(?:${s})` : `(?:${s})(?![\\p{L}\\p{N}])`));
    re = new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives.join("|")})`, flags);
    cache.set(key, re);
  }
  if (o.global) re.lastIndex = 0;
  return re;
}

/** `\\w` (ASCII only in JavaScript) as letters and digits of any script. */
export function unicodeWord(source: string): string {
  return source.replace(/(?<!\\)\\w/g, "[\\p{L}\\p{N}_]");
}

const compiled = new Map<string, RegExp>();

/** `new RegExp(source, flags)`, compiled once (global regexes are reset before they are handed out). */
export function rx(source: string, flags = ""): RegExp {
  const key = `${flags}\u0000${source}`;
  let re = compiled.get(key);
  if (!re) {
    re = new RegExp(source, flags);
    compiled.set(key, re);
  }
  re.lastIndex = 0;
  return re;
}

export interface Span {
  start: number;
  end: number;
  text: string;
}

/** Every whole-word match of the sources in the text. */
export function findAll(text: string, sources: readonly string[], o: { caseSensitive?: boolean } = {}): Span[] {
  const re = wordsRegex(sources, { ...o, global: true });
  const out: Span[] = [];
  for (const m of text.matchAll(re)) {
    if (m[0].length === 0) continue;
    out.push({ start: m.index, end: m.index + m[0].length, text: m[0] });
  }
  return out;
}

export function has(text: string, sources: readonly string[], o: { caseSensitive?: boolean } = {}): boolean {
  return wordsRegex(sources, o).test(text);
}

/** The text with the spans blanked out (same length), so later patterns do not match them again. */
export function mask(text: string, spans: readonly Span[]): string {
  let out = text;
  for (const s of spans) out = out.slice(0, s.start) + " ".repeat(s.end - s.start) + out.slice(s.end);
  return out;
}

/** One line, single spaces, no control characters. */
export function clean(text: string | undefined): string {
  if (!text) return "";
  return text
    .normalize("NFC")
    .replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, " ")
    .replace(/[’‘]/g, "'")
    .replace(/\s+/g, " ")
    .trim();
}

/** The clause around a position: the text between the nearest sentence or clause breaks. */
export function clauseAt(text: string, at: number): { start: number; end: number; text: string } {
  const breaks = /[.;!?\n]\s|[;!?\n]|\s[—–]\s|\s-\s|\s\+\s/g;
  let start = 0;
  let end = text.length;
  for (const m of text.matchAll(breaks)) {
    const b = m.index;
    if (b + m[0].length <= at) start = b + m[0].length;
    else if (b >= at) {
      end = b;
      break;
    }
  }
  return { start, end, text: text.slice(start, end) };
}

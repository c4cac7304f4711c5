/**
 * Keyword matching shared by every feature table: each pattern is a regex source matched as a
 * whole word or phrase ("vp" matches "VP of Sales" but not "mvp"), case-insensitively. Stems are
 * written with `\\w*` ("financ\\w*"). Compiled once per pattern.
 */

const compiled = new Map<string, RegExp>();

function compile(pattern: string): RegExp {
  let re = compiled.get(pattern);
  if (!re) {
    re = new RegExp(`(?:^|[^a-z0-9])(${pattern})(?:$|[^a-z0-9])`, "i");
    compiled.set(pattern, re);
  }
  return re;
}

/**
 * One regex for a whole list of patterns (the same word boundaries around an alternation of them):
 * it matches a text exactly when one of the patterns does, so a text that holds none of them
 * (most texts, for most lists) is ruled out by one scan instead of one per pattern. Built once
 * per list.
 */
const anyOf = new WeakMap<readonly unknown[], RegExp>();

function anyPattern(list: readonly unknown[], patterns: () => readonly string[]): RegExp {
  let re = anyOf.get(list);
  if (!re) {
    re = new RegExp(`(?:^|[^a-z0-9])(?:${patterns().map((p) => `(?:${p})`).join("|")})(?:$|[^a-z0-9])`, "i");
    anyOf.set(list, re);
  }
  return re;
}

/** True when some pattern of the list is in the text (the same test as findKeyword's, in one scan). */
export function hasKeyword(text: string, patterns: readonly string[]): boolean {
  return patterns.length > 0 && anyPattern(patterns, () => patterns).test(text);
}

/** The first pattern (in order) found in the text, as it appears there, or undefined. */
export function findKeyword(text: string, patterns: readonly string[]): string | undefined {
  if (!hasKeyword(text, patterns)) return undefined;
  for (const p of patterns) {
    const m = compile(p).exec(text);
    if (m) return m[1];
  }
  return undefined;
}

/** The first rule (in order) with a pattern in the text, with the words that matched. */
export function firstMatch<K extends string>(
  text: string,
  rules: readonly { readonly key: K; readonly patterns: readonly string[] }[],
): { key: K; hit: string } | undefined {
  if (rules.length === 0 || !anyPattern(rules, () => rules.flatMap((r) => r.patterns)).test(text)) return undefined;
  for (const rule of rules) {
    const hit = findKeyword(text, rule.patterns);
    if (hit !== undefined) return { key: rule.key, hit };
  }
  return undefined;
}

/** One line, single spaces, lower case; "" for absent text. */
export function normalise(text: string | undefined): string {
  if (!text) return "";
  return text
    .replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, " ")
    .replace(/\s+/g, " ")
    .trim()
    .toLowerCase();
}

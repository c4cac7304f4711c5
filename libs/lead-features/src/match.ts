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

/** The first pattern (in order) found in the text, as it appears there, or undefined. */
export function findKeyword(text: string, patterns: readonly string[]): string | undefined {
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

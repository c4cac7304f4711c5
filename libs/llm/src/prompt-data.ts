/**
 * Helpers for the data blocks of prompts: every token of a prompt is paid for on every call, so a
 * block carries only what has signal for the model.
 */

/**
 * `value` without what says nothing: undefined, null, empty or blank strings, and objects and
 * arrays left empty by that (recursively). Other values are kept as they are.
 */
export function pruneForPrompt<T>(value: T): T | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === "string") return value.trim() === "" ? undefined : value;
  if (Array.isArray(value)) {
    const items = value.map((v) => pruneForPrompt(v)).filter((v) => v !== undefined);
    return items.length ? (items as T) : undefined;
  }
  if (typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      const kept = pruneForPrompt(v);
      if (kept !== undefined) out[k] = kept;
    }
    return Object.keys(out).length ? (out as T) : undefined;
  }
  return value;
}

/** The day of an ISO 8601 date or date-time ("2026-11-01T09:00:00Z" → "2026-11-01"); other text as it is. */
export function dayOf(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  return /^\d{4}-\d{2}-\d{2}(?=T|$)/.exec(value)?.[0] ?? value;
}

/** A website as its host ("https://www.acme.example/about" → "acme.example"). */
export function hostOf(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  const host = url.trim().replace(/^[a-z][a-z0-9+.-]*:\/\//i, "").replace(/^www\./i, "").split(/[/?#]/)[0] ?? "";
  return host || undefined;
}

/** `true`, or undefined: an opt-out flag that is false or absent says the same (no opt-out) and is left out. */
export function onlyTrue(flag: boolean | undefined): true | undefined {
  return flag === true ? true : undefined;
}

/**
 * Words that carry signal in a salesperson's free text (budget, timing, decision, competitors,
 * asks, commitments, dates): the sentences `clipText` keeps first when a text is too long.
 */
export const SIGNAL_WORDS =
  /\b(?:budget\w*|pric\w*|quote|proposal|contract|sign\w*|approv\w*|decision|decide\w*|deadline|timeline|urgent|asap|q[1-4]|compet\w*|vs\.?|evaluat\w*|comparing|switch\w*|wants?|asked|asks|needs?|must|require\w*|demo|trial|pilot|go-?live|seats?|licen[cs]es?|users|cfo|ceo|cto|coo|board|not interested|no reply|unsubscrib\w*|jan\w*|feb\w*|mar(?:ch)?|apr\w*|may|june?|july?|aug\w*|sep\w*|oct\w*|nov\w*|dec\w*)\b/gi;

/**
 * A free-text field cut to at most `max` characters, keeping what carries signal: whole sentences
 * chosen by how many signal words they hold (ties: the earlier first), written in their original
 * order, with " …" where something was left out. A text within the limit is returned as it is; a
 * first sentence longer than the limit is cut at a word.
 */
export function clipText(text: string | undefined, max: number, signal: RegExp = SIGNAL_WORDS): string | undefined {
  if (text === undefined || text.length <= max) return text;
  const t = text.replace(/\s+/g, " ").trim();
  if (t.length <= max) return t;
  const sentences = t.split(/(?<=[.!?;])\s+/).filter(Boolean);
  const ranked = sentences.map((s, i) => ({ s, i, score: (s.match(signal) ?? []).length })).sort((a, b) => b.score - a.score || a.i - b.i);
  const kept: { s: string; i: number }[] = [];
  let used = 0;
  for (const r of ranked) {
    if (r.score === 0 && kept.length > 0) break;
    if (used + r.s.length + 1 > max - 2) continue;
    kept.push(r);
    used += r.s.length + 1;
  }
  if (kept.length === 0) {
    const cut = t.slice(0, max - 2);
    return `${cut.slice(0, Math.max(cut.lastIndexOf(" "), 1)).trimEnd()} …`;
  }
  kept.sort((a, b) => a.i - b.i);
  return `${kept.map((k) => k.s).join(" ")} …`;
}

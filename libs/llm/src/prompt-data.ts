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

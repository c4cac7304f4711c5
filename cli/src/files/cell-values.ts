import type { FieldKind } from "./lead-columns.js";

/** One cell of a CRM export read as the value its lead field takes (numbers, flags, durations, dates). */

export function clip(v: string): string {
  return v.length > 40 ? `${v.slice(0, 40)}…` : v;
}

// ------------------------------------------------------------------------------ coercion

export type Coerced = { value: unknown; path?: string } | { error: string; path?: string };

/** `european`: numbers as 1.250,50 and day-first dates (a semicolon-separated export). */
export function coerce(v: string, kind: FieldKind, path: string, european = false): Coerced {
  switch (kind) {
    case "string":
      return { value: v };
    case "email":
      return { value: v.replace(/^mailto:/i, "").toLowerCase() };
    case "int":
    case "number": {
      const n = parseNumber(v, european);
      if (n === undefined) return { error: `must be a number (got "${clip(v)}")` };
      // Counts exported as "5.0" are whole numbers; a real fraction is left for the schema to refuse.
      return { value: kind === "int" && Math.abs(n - Math.round(n)) < 1e-9 ? Math.round(n) : n };
    }
    case "employees": {
      const n = parseNumber(v, european);
      if (n !== undefined) return { value: Math.round(n) };
      // A size band ("51-200", "1,001-5,000", "10000+", "Enterprise") goes to company.size.
      return { value: v, path: "company.size" };
    }
    case "duration":
    case "duration_min": {
      const secs = parseDuration(v, kind === "duration_min" ? 60 : 1, european);
      if (secs === undefined) return { error: `must be a duration in seconds or hh:mm:ss (got "${clip(v)}")` };
      return { value: secs };
    }
    case "boolean": {
      const b = parseBoolean(v);
      if (b === undefined) return { error: `must be yes/no, true/false or 1/0 (got "${clip(v)}")` };
      return { value: b };
    }
    case "date": {
      const d = parseDate(v, european);
      if (d === undefined) return { error: `must be a date such as 2026-03-14 (got "${clip(v)}")` };
      return { value: d };
    }
  }
  return { error: `cannot read ${path}` };
}

/**
 * "1,234.5", "$12,000", "€ 3.2k", "(none)" → number | undefined; also "4.500.000 €" and
 * "1.250,50" (dots grouping thousands, a decimal comma), and with `european` "1.250" and "2,5".
 */
export function parseNumber(v: string, european = false): number | undefined {
  let s = v.trim().replace(/^[^\d\-+.]*?(?=[\d\-+.])/, "");
  s = s.replace(/[\s\u00a0\u202f']/g, "");
  const bare = s.replace(/(usd|eur|gbp|chf|inr|[$€£¥₹])$/i, "");
  const grouped = /^[+-]?\d{1,3}(\.\d{3})+(,\d+)?$/.exec(bare);
  if (grouped && (european || grouped[2] !== undefined || (bare.match(/\./g) ?? []).length > 1)) s = s.replace(/\./g, "").replace(",", ".");
  else if (european && /^[+-]?\d+,\d+$/.test(bare)) s = s.replace(",", ".");
  s = s.replace(/,(?=\d{3}(\D|$))/g, "");
  const m = /^([+-]?\d*\.?\d+)(k|m|bn|b|%)?$/i.exec(s.replace(/(usd|eur|gbp|inr|[$€£¥₹])$/i, ""));
  if (!m || m[1] === undefined) return undefined;
  let n = Number(m[1]);
  if (!Number.isFinite(n)) return undefined;
  const suffix = m[2]?.toLowerCase();
  if (suffix === "k") n *= 1e3;
  else if (suffix === "m") n *= 1e6;
  else if (suffix === "b" || suffix === "bn") n *= 1e9;
  return n;
}

export function parseBoolean(v: string): boolean | undefined {
  const s = v.trim().toLowerCase();
  if (["yes", "y", "true", "t", "1", "x", "opted out", "checked", "ja", "j", "wahr", "oui", "o", "vrai", "sí", "si", "s", "verdadero"].includes(s)) return true;
  if (["no", "n", "false", "f", "0", "unchecked", "nein", "falsch", "non", "faux", "falso"].includes(s)) return false;
  return undefined;
}

/** Seconds from "754", "754s", "12.5 min", "00:12:34" or "12:34". */
export function parseDuration(v: string, unitSeconds = 1, european = false): number | undefined {
  const s = v.trim().toLowerCase();
  const clock = /^(\d+):(\d{1,2})(?::(\d{1,2}))?$/.exec(s);
  if (clock) {
    const [a, b, c] = [Number(clock[1]), Number(clock[2]), clock[3] === undefined ? undefined : Number(clock[3])];
    return c === undefined ? a * 60 + b : a * 3600 + b * 60 + c;
  }
  const unit = /^([\d.,]+)\s*(s|sec|secs|seconds?|m|min|mins|minutes?|h|hr|hrs|hours?)$/.exec(s);
  if (unit && unit[1] !== undefined) {
    const n = parseNumber(unit[1], european);
    if (n === undefined) return undefined;
    const u = unit[2] ?? "s";
    return u.startsWith("h") ? n * 3600 : u.startsWith("m") ? n * 60 : n;
  }
  const n = parseNumber(s, european);
  return n === undefined ? undefined : n * unitSeconds;
}

/**
 * ISO date or date-time: keeps ISO input, reads d/m/y or m/d/y (day > 12 decides; US order
 * otherwise). Dotted dates (14.03.2026) and, with `european`, slashed ones are day first.
 */
export function parseDate(v: string, european = false): string | undefined {
  const s = v.trim();
  const pad = (n: number) => String(n).padStart(2, "0");
  const valid = (y: number, m: number, d: number) => {
    const dt = new Date(Date.UTC(y, m - 1, d));
    return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
  };
  const iso = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?)?$/i.exec(s);
  if (iso) {
    const [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
    if (!valid(y, m, d)) return undefined;
    if (iso[4] === undefined) return `${iso[1]}-${iso[2]}-${iso[3]}`;
    const tz = iso[8] ? (iso[8].toUpperCase() === "Z" ? "Z" : iso[8].includes(":") ? iso[8] : `${iso[8].slice(0, 3)}:${iso[8].slice(3)}`) : "";
    return `${iso[1]}-${iso[2]}-${iso[3]}T${iso[4]}:${iso[5]}:${iso[6] ?? "00"}${iso[7] ?? ""}${tz}`;
  }
  const dmy = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(s);
  if (dmy) {
    let [a, b] = [Number(dmy[1]), Number(dmy[2])];
    const y = Number(dmy[3]);
    // US order (m/d/y) unless the first number cannot be a month, or the date is dotted or European.
    const dayFirst = european || s.includes(".") || a > 12;
    let [m, d] = dayFirst ? [b, a] : [a, b];
    if (!valid(y, m, d)) return undefined;
    const date = `${y}-${pad(m)}-${pad(d)}`;
    if (dmy[4] === undefined) return date;
    [a, b] = [Number(dmy[4]), Number(dmy[5])];
    return `${date}T${pad(a)}:${pad(b)}:${pad(Number(dmy[6] ?? 0))}`;
  }
  // Anything else Date can read unambiguously ("Mar 14, 2026", RFC 2822 …).
  if (!/[a-z]{3}/i.test(s)) return undefined;
  const t = Date.parse(s);
  if (Number.isNaN(t)) return undefined;
  return new Date(t).toISOString();
}

// ------------------------------------------------------------------------------ writing


import type { Lead } from "@gardenos/contracts";
import { leadFeatures } from "@gardenos/lead-features";
import type { SparseRow } from "./logistic.js";

/**
 * What the conversion model reads of a lead, learned from the training leads: the lead schema's
 * fields (raw values and the shared lead-features categories) and the custom fields, minus the
 * excluded columns. Numbers become a standardised log1p value, a "missing" flag and quantile
 * bins (so the model can bend); text becomes one-hot values seen often enough in training.
 */

/** Custom fields that are the sales team's verdict after contact: never used (X Education's `Tags`, `Lead Quality`). */
export const DEFAULT_EXCLUDED_FIELDS = ["Tags", "Lead Quality"] as const;

/** Custom field names compared as lower-case letters and digits ("Lead Quality" = "lead_quality"). */
export const fieldKey = (name: string) => name.toLowerCase().replace(/[^a-z0-9]/g, "");

type Extract = (lead: Lead, f: ReturnType<typeof leadFeatures>) => string | number | boolean | undefined | null;

interface BuiltinField {
  label: string;
  kind: "numeric" | "categorical";
  get: Extract;
}

/** The lead schema's fields the model may use (dates are left out: they mean different things at training and at scoring time). */
const BUILTIN: Record<string, BuiltinField> = {
  "engagement.source": { label: "Lead source", kind: "categorical", get: (l) => l.engagement?.source },
  "engagement.origin": { label: "Lead origin", kind: "categorical", get: (l) => l.engagement?.origin },
  "engagement.campaign": { label: "Campaign", kind: "categorical", get: (l) => l.engagement?.campaign },
  "engagement.interactions": { label: "Interactions", kind: "numeric", get: (l) => l.engagement?.interactions },
  "behavior.last_activity": { label: "Last activity", kind: "categorical", get: (l) => l.behavior?.last_activity },
  "behavior.site_visits": { label: "Site visits", kind: "numeric", get: (l) => l.behavior?.site_visits },
  "behavior.minutes_on_site": { label: "Time on site (minutes)", kind: "numeric", get: (_l, f) => f.engagement.minutesOnSite },
  "behavior.pages_per_visit": { label: "Pages per visit", kind: "numeric", get: (_l, f) => f.engagement.pagesPerVisit },
  "behavior.pages_viewed": { label: "Pages viewed", kind: "numeric", get: (l) => l.behavior?.pages_viewed },
  "behavior.content_downloads": { label: "Content downloads", kind: "numeric", get: (l) => l.behavior?.content_downloads },
  "contact.title": { label: "Title", kind: "categorical", get: (l) => l.contact?.title },
  "contact.role": { label: "Role / occupation", kind: "categorical", get: (l) => l.contact?.role },
  "contact.do_not_email": { label: "Do not e-mail", kind: "categorical", get: (l) => l.contact?.do_not_email },
  "contact.do_not_call": { label: "Do not call", kind: "categorical", get: (l) => l.contact?.do_not_call },
  "contact.email_kind": { label: "E-mail address", kind: "categorical", get: (l) => (l.contact?.email ? (FREE_MAIL.test(l.contact.email) ? "free mail" : "business") : undefined) },
  "contact.has_phone": { label: "Phone number", kind: "categorical", get: (l) => (l.contact?.phone ? "given" : undefined) },
  "company.industry": { label: "Industry", kind: "categorical", get: (l) => l.company?.industry },
  "company.employees": { label: "Employees", kind: "numeric", get: (_l, f) => f.employees?.count },
  "company.revenue": { label: "Annual revenue", kind: "numeric", get: (l) => l.company?.revenue },
  "company.country": { label: "Country", kind: "categorical", get: (l) => l.company?.country },
  "company.city": { label: "City", kind: "categorical", get: (l) => l.company?.city },
  "company.has_website": { label: "Company website", kind: "categorical", get: (l) => (l.company?.website ? "given" : undefined) },
  "features.seniority": { label: "Seniority", kind: "categorical", get: (_l, f) => f.seniority },
  "features.occupation": { label: "Occupation", kind: "categorical", get: (_l, f) => f.occupation },
  "features.company_size": { label: "Company size", kind: "categorical", get: (_l, f) => f.companySize },
  "features.industry": { label: "Sector", kind: "categorical", get: (_l, f) => f.industry },
  "features.source": { label: "Source type", kind: "categorical", get: (_l, f) => f.engagement.source },
  "features.origin": { label: "Origin type", kind: "categorical", get: (_l, f) => f.engagement.origin },
  "features.web": { label: "Website engagement", kind: "categorical", get: (_l, f) => f.engagement.web },
};

const FREE_MAIL = /@(gmail|googlemail|yahoo|ymail|hotmail|outlook|live|msn|aol|icloud|me|mac|protonmail|proton|gmx|web|mail|yandex|qq|163|126|rediffmail|zoho)\./i;

export interface NumericFeature {
  kind: "numeric";
  /** `behavior.site_visits` or `custom:<field name>`. */
  field: string;
  label: string;
  /** Mean and standard deviation of log1p(max(0, x)) over the training leads that have it. */
  mean: number;
  sd: number;
  /** Upper edges of the quantile bins (bin k holds values ≤ edges[k]; the last bin the rest). */
  edges: number[];
  /** First column of this feature: [value, missing, bin 0 … bin edges.length]. */
  offset: number;
}

export interface CategoricalFeature {
  kind: "categorical";
  field: string;
  label: string;
  /** Values seen often enough in training, normalised; each has a column, plus one for any other value. */
  values: string[];
  offset: number;
}

export type Feature = NumericFeature | CategoricalFeature;

/** The learned feature layout: which fields, which values, which columns. Plain JSON. */
export interface FeatureSpec {
  features: Feature[];
  /** Total number of columns. */
  columns: number;
  /** Normalised names of the custom fields left out on purpose. */
  excluded: string[];
}

export interface FitFeatureOptions {
  /** Custom fields never to use (default DEFAULT_EXCLUDED_FIELDS). */
  exclude?: readonly string[];
  /** Fewest leads a category must have to get its own column. Default max(3, 0.2 % of the leads). */
  minCount?: number;
}

const normText = (v: unknown) => String(v).replace(/\s+/g, " ").trim().toLowerCase().slice(0, 80);

function asNumber(v: unknown): number | undefined {
  if (typeof v === "number") return Number.isFinite(v) ? v : undefined;
  if (typeof v === "string" && /^\s*[+-]?\d*\.?\d+(e[+-]?\d+)?\s*$/i.test(v)) return Number(v);
  return undefined;
}

function asCategory(v: unknown): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === "boolean") return v ? "yes" : "no";
  const t = normText(v);
  return t === "" ? undefined : t;
}

/** leadFeatures is the costly part of reading a lead (keyword tables): once per lead object. */
const derivedCache = new WeakMap<Lead, ReturnType<typeof leadFeatures>>();
function derivedOf(lead: Lead): ReturnType<typeof leadFeatures> {
  let f = derivedCache.get(lead);
  if (!f) derivedCache.set(lead, (f = leadFeatures(lead)));
  return f;
}

/** The raw value of one field of a lead (`custom:<name>` for a custom field). */
function rawValue(field: string, lead: Lead, f: ReturnType<typeof leadFeatures>): unknown {
  if (field.startsWith("custom:")) return lead.custom_fields?.[field.slice(7)];
  return BUILTIN[field]?.get(lead, f);
}

/** log1p of a count or duration, negatives read as 0. */
const logValue = (x: number) => Math.log1p(Math.max(0, x));

function quantileEdges(values: number[], cuts = [0.2, 0.4, 0.6, 0.8]): number[] {
  if (values.length === 0) return [];
  const sorted = [...values].sort((a, b) => a - b);
  const edges: number[] = [];
  for (const q of cuts) {
    const v = sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
    if (edges.length === 0 || v > edges[edges.length - 1]!) edges.push(v);
  }
  // A top edge equal to the maximum would leave the last bin empty.
  if (edges.length && edges[edges.length - 1]! >= sorted[sorted.length - 1]!) edges.pop();
  return edges;
}

/** Learns the feature layout from the training leads. */
export function fitFeatures(leads: readonly Lead[], o: FitFeatureOptions = {}): FeatureSpec {
  const excluded = new Set((o.exclude ?? DEFAULT_EXCLUDED_FIELDS).map(fieldKey));
  const minCount = o.minCount ?? Math.max(3, Math.round(leads.length * 0.002));
  const derived = leads.map((l) => derivedOf(l));
  const fields: { field: string; label: string; kind?: "numeric" | "categorical" }[] = Object.entries(BUILTIN).map(([field, b]) => ({ field, label: b.label, kind: b.kind }));
  // Custom fields present on at least 1 % of the leads, in order of first appearance.
  const customSeen = new Map<string, number>();
  for (const l of leads) for (const k of Object.keys(l.custom_fields ?? {})) customSeen.set(k, (customSeen.get(k) ?? 0) + 1);
  for (const [k, n] of customSeen) {
    if (excluded.has(fieldKey(k)) || n < Math.max(1, leads.length * 0.01)) continue;
    fields.push({ field: `custom:${k}`, label: k });
  }
  const features: Feature[] = [];
  let offset = 0;
  for (const { field, label, kind } of fields) {
    const raw = leads.map((l, i) => rawValue(field, l, derived[i]!)).filter((v) => v !== undefined && v !== null && v !== "");
    if (raw.length < minCount) continue;
    const numbers = raw.map(asNumber).filter((v): v is number => v !== undefined);
    const isNumeric = kind === "numeric" || (kind === undefined && numbers.length >= raw.length * 0.95);
    if (isNumeric) {
      const distinct = new Set(numbers).size;
      // An id in disguise (a "Lead Number" column): nearly every lead has its own value.
      if (kind === undefined && distinct > 0.9 * numbers.length && numbers.length > 50) continue;
      const logs = numbers.map(logValue);
      const mean = logs.reduce((s, v) => s + v, 0) / logs.length;
      const sd = Math.sqrt(logs.reduce((s, v) => s + (v - mean) ** 2, 0) / logs.length) || 1;
      const edges = quantileEdges(numbers);
      features.push({ kind: "numeric", field, label, mean, sd, edges, offset });
      offset += 3 + edges.length;
      continue;
    }
    const counts = new Map<string, number>();
    for (const v of raw) {
      const c = asCategory(v);
      if (c !== undefined) counts.set(c, (counts.get(c) ?? 0) + 1);
    }
    // Free text with a value per lead (names, ids) teaches nothing.
    if (kind === undefined && counts.size > 0.5 * raw.length && raw.length > 50) continue;
    const values = [...counts].filter(([, n]) => n >= minCount).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([v]) => v);
    if (values.length === 0) continue;
    features.push({ kind: "categorical", field, label, values, offset });
    offset += values.length + 1;
  }
  return { features, columns: offset, excluded: [...excluded] };
}

/** One lead as a sparse row of the spec's columns. */
export function vectorize(spec: FeatureSpec, lead: Lead): SparseRow {
  const f = derivedOf(lead);
  const idx: number[] = [];
  const val: number[] = [];
  for (const feat of spec.features) {
    const raw = rawValue(feat.field, lead, f);
    if (feat.kind === "numeric") {
      const x = asNumber(raw);
      if (x === undefined) {
        idx.push(feat.offset + 1);
        val.push(1);
        continue;
      }
      idx.push(feat.offset);
      val.push((logValue(x) - feat.mean) / feat.sd);
      let bin = feat.edges.findIndex((e) => x <= e);
      if (bin < 0) bin = feat.edges.length;
      idx.push(feat.offset + 2 + bin);
      val.push(1);
      continue;
    }
    const c = asCategory(raw);
    if (c === undefined) continue;
    const k = feat.values.indexOf(c);
    idx.push(feat.offset + (k < 0 ? feat.values.length : k));
    val.push(1);
  }
  return { idx: Int32Array.from(idx), val: Float64Array.from(val) };
}

/** The lead's value of a feature in words, for explanations ("Reference", "25 minutes", "not given"). */
export function describeValue(feat: Feature, lead: Lead): string {
  const raw = rawValue(feat.field, lead, derivedOf(lead));
  if (raw === undefined || raw === null || raw === "") return "not given";
  if (feat.kind === "numeric") {
    const x = asNumber(raw);
    if (x === undefined) return "not given";
    return Number.isInteger(x) ? String(x) : x.toFixed(1);
  }
  if (typeof raw === "boolean") return raw ? "yes" : "no";
  const s = String(raw).replace(/\s+/g, " ").trim();
  return s.length > 50 ? `${s.slice(0, 49)}…` : s;
}

/** Every field the model can read, for the README and `gardenos models list`. */
export function builtinFields(): { field: string; label: string; kind: string }[] {
  return Object.entries(BUILTIN).map(([field, b]) => ({ field, label: b.label, kind: b.kind }));
}

import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname, extname } from "node:path";
import { parse } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";
import { LeadSchema, toIssues } from "@gardenos/contracts";
import type { Issue, Lead } from "@gardenos/contracts";

/**
 * Reads a CRM export (CSV, JSON or JSON Lines) into leads.
 *
 * CSV columns are mapped onto the generic lead schema through an alias table of common CRM export
 * names (Salesforce / HubSpot / Pipedrive style); `options.map` overrides it. Values are coerced
 * (numbers, yes/no flags, dates); placeholders such as "Select", "N/A" or "-" count as absent;
 * columns that match nothing go into `lead.custom_fields`. Every row is validated; a bad row is
 * reported in `issues` and never stops the file.
 */

export interface LeadRow {
  /** 1-based data row (the CSV header and blank JSONL lines are not counted). */
  row: number;
  /** The validated lead; absent when the row has issues. */
  lead?: Lead;
  issues?: Issue[];
  /** The `labelColumn` value as 0/1, when asked for and readable. */
  label?: number;
  raw: Record<string, string>;
}

export interface LeadFile {
  rows: LeadRow[];
  /** The columns of the file (CSV header; for JSON, the dotted paths seen). */
  columns: string[];
  /** CSV columns that matched no lead field (they land in `lead.custom_fields`). */
  unmappedColumns: string[];
}

export interface ReadLeadsOptions {
  /** Column → dotted lead path (e.g. `{ "Job": "contact.title" }`); `"-"` or `"ignore"` drops the column. */
  map?: Record<string, string>;
  /** Column holding the known outcome (e.g. "Converted"), read as 0/1 into `label`. */
  labelColumn?: string;
}

type FieldKind = "string" | "int" | "number" | "boolean" | "date" | "email" | "employees" | "duration" | "duration_min";

/** Every lead path a column can map to, and how its value is coerced. */
const FIELD_KINDS: Record<string, FieldKind> = {
  id: "string",
  notes: "string",
  "company.name": "string",
  "company.industry": "string",
  "company.size": "string",
  "company.employees": "employees",
  "company.revenue": "number",
  "company.currency": "string",
  "company.website": "string",
  "company.country": "string",
  "company.city": "string",
  "contact.name": "string",
  "contact.first_name": "string",
  "contact.last_name": "string",
  "contact.title": "string",
  "contact.role": "string",
  "contact.email": "email",
  "contact.phone": "string",
  "contact.do_not_email": "boolean",
  "contact.do_not_call": "boolean",
  "engagement.source": "string",
  "engagement.origin": "string",
  "engagement.campaign": "string",
  "engagement.created_at": "date",
  "engagement.interactions": "int",
  "engagement.last_contacted_at": "date",
  "behavior.site_visits": "int",
  "behavior.time_on_site_seconds": "duration",
  "behavior.pages_viewed": "int",
  "behavior.pages_per_visit": "number",
  "behavior.content_downloads": "int",
  "behavior.last_activity": "string",
  "behavior.last_activity_at": "date",
};

/** Normalised header (lower case, letters and digits only) → lead path. */
const ALIASES: Record<string, string> = {};
function alias(path: string, ...headers: string[]): void {
  for (const h of headers) ALIASES[normalizeHeader(h)] = path;
}
alias("id", "Id", "Lead Id", "Lead ID", "Prospect ID", "Record ID", "Contact ID", "Person ID", "External ID", "CRM ID");
alias("contact.first_name", "First Name", "Firstname", "Given Name", "First");
alias("contact.last_name", "Last Name", "Lastname", "Surname", "Family Name", "Last");
alias("contact.name", "Full Name", "Name", "Contact Name", "Lead Name", "Person Name", "Contact");
alias("contact.email", "Email", "E-mail", "Email Address", "Work Email", "Business Email", "Primary Email");
alias("contact.phone", "Phone", "Phone Number", "Mobile", "Mobile Phone", "Mobile Number", "Cell", "Telephone", "Work Phone");
alias("contact.title", "Title", "Job Title", "Position", "Job Position", "Designation");
alias("contact.role", "Role", "Job Role", "Occupation", "Current Occupation", "What is your current occupation", "Job Function", "Persona");
alias("contact.do_not_email", "Do Not Email", "Email Opt Out", "Email Opt-Out", "Unsubscribed", "Opted Out of Email", "HasOptedOutOfEmail");
alias("contact.do_not_call", "Do Not Call", "DoNotCall", "Call Opt Out", "Phone Opt Out");
alias("company.name", "Company", "Company Name", "Account", "Account Name", "Organization", "Organisation", "Organization Name");
alias("company.industry", "Industry", "Vertical", "Sector");
alias("company.employees", "Employees", "No. of Employees", "Number of Employees", "NumberOfEmployees", "Employee Count", "Headcount", "Company Size", "Size", "Employee Range");
alias("company.revenue", "Annual Revenue", "Revenue", "AnnualRevenue", "Company Revenue");
alias("company.currency", "Currency", "Currency Code", "Currency ISO Code", "CurrencyIsoCode");
alias("company.website", "Website", "Web Site", "Company Website", "Company Domain", "Company Domain Name", "Domain", "URL");
alias("company.country", "Country", "Country/Region", "Country Region");
alias("company.city", "City", "Town");
alias("engagement.source", "Lead Source", "Source", "Original Source", "LeadSource", "Channel");
alias("engagement.origin", "Lead Origin", "Origin", "Lead Channel", "Record Source", "Created Via");
alias("engagement.campaign", "Campaign", "Campaign Name", "Primary Campaign", "Primary Campaign Source", "UTM Campaign");
alias("engagement.created_at", "Created Date", "Create Date", "Created", "Created At", "Date Created", "CreatedDate", "Lead Created Date");
alias("engagement.interactions", "Interactions", "Number of Interactions", "Number of Sales Activities", "Activity Count", "Touches");
alias("engagement.last_contacted_at", "Last Contacted", "Last Contacted Date", "Last Contact Date", "Last Contacted At");
alias("behavior.site_visits", "Visits", "Site Visits", "Total Visits", "TotalVisits", "Number of Sessions", "Number of Visits", "Sessions", "Web Visits", "Website Visits");
alias("behavior.time_on_site_seconds", "Time on Site", "Time on Site (s)", "Time on Site (sec)", "Time on Site (seconds)", "Time on Site Seconds", "Total Time Spent on Website", "Time Spent on Website", "Total Time on Site", "Time on Website");
alias("behavior.pages_viewed", "Page Views", "Pages Viewed", "Number of Pageviews", "Number of Page Views", "Total Page Views", "Pageviews");
alias("behavior.pages_per_visit", "Page Views Per Visit", "Pages per Visit", "Pages/Visit", "Average Pageviews", "Pages per Session");
alias("behavior.content_downloads", "Downloads", "Content Downloads", "Number of Downloads", "Assets Downloaded");
alias("behavior.last_activity", "Last Activity", "Last Activity Type", "Latest Activity", "Last Engagement");
alias("behavior.last_activity_at", "Last Activity Date", "Last Activity At", "Last Engagement Date", "Latest Activity Date");
alias("notes", "Notes", "Note", "Description", "Comments", "Comment", "Lead Notes");

/** Columns whose header says minutes: their time value is converted to seconds. */
const MINUTE_HEADERS = new Set(["timeonsitemin", "timeonsitemins", "timeonsiteminutes", "timespentonwebsitemin", "timespentonwebsiteminutes"].map(normalizeHeader));
for (const h of MINUTE_HEADERS) ALIASES[h] = "behavior.time_on_site_seconds";

/** Values that mean "nothing here" (CRM placeholders); compared lower case. */
const ABSENT = new Set(["", "select", "n/a", "na", "null", "nil", "none", "-", "--", "undefined", "(blank)", "(none)", "#n/a", "nan", "not provided", "unknown"]);

const MAX_CUSTOM_FIELDS = 100;
const MAX_CUSTOM_KEY = 100;
const MAX_CUSTOM_VALUE = 2000;

export function normalizeHeader(header: string): string {
  return header.toLowerCase().replace(/[^a-z0-9]/g, "");
}

export function isAbsent(value: string | undefined | null): boolean {
  return value === undefined || value === null || ABSENT.has(value.trim().toLowerCase());
}

// ------------------------------------------------------------------------------ reading

export async function readLeadsFile(path: string, options: ReadLeadsOptions = {}): Promise<LeadFile> {
  if (!existsSync(path)) throw new Error(`Lead file not found: ${path}`);
  const ext = extname(path).toLowerCase();
  if (![".csv", ".json", ".jsonl", ".ndjson"].includes(ext)) {
    throw new Error(`Unsupported lead file type "${ext || "(none)"}" for ${path}: use .csv, .json, .jsonl or .ndjson`);
  }
  const text = stripBom(await readFile(path, "utf8"));
  if (ext === ".csv") return readCsv(text, options);
  if (ext === ".json") {
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (err) {
      throw new Error(`${path} is not valid JSON: ${(err as Error).message}`);
    }
    const list = Array.isArray(data) ? data : isRecord(data) && Array.isArray(data.leads) ? data.leads : undefined;
    if (!list) throw new Error(`${path} must hold an array of leads or an object { "leads": [...] }`);
    return readObjects(list.map((value, i) => ({ row: i + 1, value })), options);
  }
  const items: Array<{ row: number; value: unknown; parseError?: string }> = [];
  let row = 0;
  for (const line of text.split(/\r?\n/)) {
    if (!line.trim()) continue;
    row++;
    try {
      items.push({ row, value: JSON.parse(line) });
    } catch (err) {
      items.push({ row, value: undefined, parseError: `is not valid JSON: ${(err as Error).message}` });
    }
  }
  return readObjects(items, options);
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

interface ColumnPlan {
  column: string;
  /** A lead path, "custom" (custom_fields), "label", or "ignore". */
  target: string;
  kind?: FieldKind;
}

function planColumns(columns: string[], options: ReadLeadsOptions): ColumnPlan[] {
  const explicit = new Map<string, string>();
  for (const [col, path] of Object.entries(options.map ?? {})) {
    const target = path.trim();
    if (target !== "-" && target !== "ignore" && !(target in FIELD_KINDS) && !target.startsWith("custom_fields.")) {
      throw new Error(`--map ${col}=${path}: "${path}" is not a lead field; use one of ${Object.keys(FIELD_KINDS).join(", ")}, custom_fields.<name> or "ignore"`);
    }
    explicit.set(normalizeHeader(col), target);
  }
  const labelKey = options.labelColumn !== undefined ? normalizeHeader(options.labelColumn) : undefined;
  if (labelKey !== undefined && !columns.some((c) => normalizeHeader(c) === labelKey)) {
    throw new Error(`Label column "${options.labelColumn}" is not in the file (columns: ${columns.join(", ")})`);
  }
  const used = new Set<string>();
  return columns.map((column) => {
    const key = normalizeHeader(column);
    if (key === labelKey) return { column, target: "label" };
    const mapped = explicit.get(key);
    if (mapped === "-" || mapped === "ignore") return { column, target: "ignore" };
    let target = mapped ?? ALIASES[key];
    // The first column wins an alias; a second "Phone"-like column stays a custom field.
    if (target && !mapped && used.has(target)) target = undefined;
    if (!target) return { column, target: "custom" };
    if (target.startsWith("custom_fields.")) return { column, target };
    used.add(target);
    let kind = FIELD_KINDS[target];
    if (target === "behavior.time_on_site_seconds" && MINUTE_HEADERS.has(key)) kind = "duration_min";
    return kind ? { column, target, kind } : { column, target };
  });
}

function readCsv(text: string, options: ReadLeadsOptions): LeadFile {
  const records = parse(text, {
    bom: true,
    columns: false,
    skip_empty_lines: true,
    relax_column_count: true,
    trim: true,
  }) as string[][];
  const header = records[0];
  if (!header) return { rows: [], columns: [], unmappedColumns: [] };
  const columns = header.map((c, i) => c || `column_${i + 1}`);
  const plan = planColumns(columns, options);
  const unmappedColumns = plan.filter((p) => p.target === "custom").map((p) => p.column);
  const rows: LeadRow[] = [];
  for (let r = 1; r < records.length; r++) {
    const cells = records[r] ?? [];
    const raw: Record<string, string> = {};
    columns.forEach((c, i) => (raw[c] = cells[i] ?? ""));
    rows.push(csvRow(r, raw, plan));
  }
  return { rows, columns, unmappedColumns };
}

function csvRow(row: number, raw: Record<string, string>, plan: ColumnPlan[]): LeadRow {
  const lead: Record<string, unknown> = {};
  const custom: Record<string, string> = {};
  const issues: Issue[] = [];
  let label: number | undefined;
  for (const p of plan) {
    const value = raw[p.column];
    if (value === undefined || isAbsent(value)) continue;
    const v = value.trim();
    if (p.target === "ignore") continue;
    if (p.target === "label") {
      const b = parseBoolean(v);
      if (b === undefined) issues.push({ path: "label", message: `must be 0/1 or yes/no (got "${clip(v)}")` });
      else label = b ? 1 : 0;
      continue;
    }
    if (p.target === "custom") {
      if (Object.keys(custom).length < MAX_CUSTOM_FIELDS) custom[p.column.slice(0, MAX_CUSTOM_KEY)] = v.slice(0, MAX_CUSTOM_VALUE);
      continue;
    }
    if (p.target.startsWith("custom_fields.")) {
      custom[p.target.slice("custom_fields.".length).slice(0, MAX_CUSTOM_KEY)] = v.slice(0, MAX_CUSTOM_VALUE);
      continue;
    }
    const coerced = coerce(v, p.kind ?? "string", p.target);
    if ("error" in coerced) {
      issues.push({ path: `lead.${coerced.path ?? p.target}`, message: coerced.error });
      continue;
    }
    setPath(lead, coerced.path ?? p.target, coerced.value);
  }
  if (Object.keys(custom).length) {
    // Keep at most 100, as the schema allows; explicit custom_fields.* mappings may push past it.
    lead.custom_fields = Object.fromEntries(Object.entries(custom).slice(0, MAX_CUSTOM_FIELDS));
  }
  return finish(row, raw, lead, issues, label);
}

function finish(row: number, raw: Record<string, string>, value: unknown, issues: Issue[], label: number | undefined): LeadRow {
  const parsed = LeadSchema.safeParse(value);
  const out: LeadRow = { row, raw };
  if (!parsed.success) issues.push(...toIssues(parsed.error, "lead"));
  if (issues.length) out.issues = issues;
  else if (parsed.success) out.lead = parsed.data;
  if (label !== undefined) out.label = label;
  return out;
}

function readObjects(items: Array<{ row: number; value: unknown; parseError?: string }>, options: ReadLeadsOptions): LeadFile {
  const columns = new Set<string>();
  const rows: LeadRow[] = [];
  const labelKey = options.labelColumn;
  for (const item of items) {
    if (item.parseError) {
      rows.push({ row: item.row, raw: {}, issues: [{ path: "(root)", message: item.parseError }] });
      continue;
    }
    const raw: Record<string, string> = {};
    flattenInto(raw, item.value, "");
    for (const k of Object.keys(raw)) columns.add(k);
    let value = item.value;
    let label: number | undefined;
    const issues: Issue[] = [];
    if (labelKey !== undefined && isRecord(value) && labelKey in value) {
      const { [labelKey]: l, ...rest } = value;
      value = rest;
      const b = typeof l === "number" ? (l === 1 ? true : l === 0 ? false : undefined) : typeof l === "boolean" ? l : typeof l === "string" ? parseBoolean(l) : undefined;
      if (b === undefined) issues.push({ path: "label", message: "must be 0/1 or yes/no" });
      else label = b ? 1 : 0;
    }
    rows.push(finish(item.row, raw, value, issues, label));
  }
  return { rows, columns: [...columns], unmappedColumns: [] };
}

function flattenInto(out: Record<string, string>, value: unknown, prefix: string): void {
  if (isRecord(value)) {
    for (const [k, v] of Object.entries(value)) flattenInto(out, v, prefix ? `${prefix}.${k}` : k);
  } else if (prefix) {
    out[prefix] = value === null || value === undefined ? "" : typeof value === "string" ? value : JSON.stringify(value);
  }
}

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split(".");
  let obj = target;
  for (let i = 0; i < parts.length - 1; i++) {
    const key = parts[i] as string;
    if (!isRecord(obj[key])) obj[key] = {};
    obj = obj[key] as Record<string, unknown>;
  }
  obj[parts[parts.length - 1] as string] = value;
}

function clip(v: string): string {
  return v.length > 40 ? `${v.slice(0, 40)}…` : v;
}

// ------------------------------------------------------------------------------ coercion

type Coerced = { value: unknown; path?: string } | { error: string; path?: string };

function coerce(v: string, kind: FieldKind, path: string): Coerced {
  switch (kind) {
    case "string":
      return { value: v };
    case "email":
      return { value: v.replace(/^mailto:/i, "").toLowerCase() };
    case "int":
    case "number": {
      const n = parseNumber(v);
      if (n === undefined) return { error: `must be a number (got "${clip(v)}")` };
      // Counts exported as "5.0" are whole numbers; a real fraction is left for the schema to refuse.
      return { value: kind === "int" && Math.abs(n - Math.round(n)) < 1e-9 ? Math.round(n) : n };
    }
    case "employees": {
      const n = parseNumber(v);
      if (n !== undefined) return { value: Math.round(n) };
      // A size band ("51-200", "1,001-5,000", "10000+", "Enterprise") goes to company.size.
      return { value: v, path: "company.size" };
    }
    case "duration":
    case "duration_min": {
      const secs = parseDuration(v, kind === "duration_min" ? 60 : 1);
      if (secs === undefined) return { error: `must be a duration in seconds or hh:mm:ss (got "${clip(v)}")` };
      return { value: secs };
    }
    case "boolean": {
      const b = parseBoolean(v);
      if (b === undefined) return { error: `must be yes/no, true/false or 1/0 (got "${clip(v)}")` };
      return { value: b };
    }
    case "date": {
      const d = parseDate(v);
      if (d === undefined) return { error: `must be a date such as 2026-03-14 (got "${clip(v)}")` };
      return { value: d };
    }
  }
  return { error: `cannot read ${path}` };
}

/** "1,234.5", "$12,000", "€ 3.2k", "(none)" → number | undefined. */
export function parseNumber(v: string): number | undefined {
  let s = v.trim().replace(/^[^\d\-+.]*?(?=[\d\-+.])/, "");
  s = s.replace(/[\s\u00a0]/g, "").replace(/,(?=\d{3}(\D|$))/g, "");
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
  if (["yes", "y", "true", "t", "1", "x", "opted out", "checked"].includes(s)) return true;
  if (["no", "n", "false", "f", "0", "unchecked"].includes(s)) return false;
  return undefined;
}

/** Seconds from "754", "754s", "12.5 min", "00:12:34" or "12:34". */
export function parseDuration(v: string, unitSeconds = 1): number | undefined {
  const s = v.trim().toLowerCase();
  const clock = /^(\d+):(\d{1,2})(?::(\d{1,2}))?$/.exec(s);
  if (clock) {
    const [a, b, c] = [Number(clock[1]), Number(clock[2]), clock[3] === undefined ? undefined : Number(clock[3])];
    return c === undefined ? a * 60 + b : a * 3600 + b * 60 + c;
  }
  const unit = /^([\d.,]+)\s*(s|sec|secs|seconds?|m|min|mins|minutes?|h|hr|hrs|hours?)$/.exec(s);
  if (unit && unit[1] !== undefined) {
    const n = parseNumber(unit[1]);
    if (n === undefined) return undefined;
    const u = unit[2] ?? "s";
    return u.startsWith("h") ? n * 3600 : u.startsWith("m") ? n * 60 : n;
  }
  const n = parseNumber(s);
  return n === undefined ? undefined : n * unitSeconds;
}

/** ISO date or date-time: keeps ISO input, reads d/m/y or m/d/y (day > 12 decides; US order otherwise). */
export function parseDate(v: string): string | undefined {
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
    // US order (m/d/y) unless the first number cannot be a month.
    let [m, d] = a > 12 ? [b, a] : [a, b];
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

/** Characters that make a spreadsheet read a cell as a formula (OWASP "CSV Injection"). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * A text cell a spreadsheet will not run: one starting with `=`, `+`, `-`, `@`, a tab or a
 * carriage return gets a leading `'` (OWASP's guidance for CSV injection). Only text is escaped:
 * the numbers we produce (scores, probabilities, impacts, counts) are written as numbers, so a
 * negative number stays `-5`; a number that arrived as text (a lead's "-5" field) is text and is
 * escaped like any other.
 */
export function csvSafeCell<T extends string | number | boolean>(value: T): T | string {
  return typeof value === "string" && FORMULA_START.test(value) ? `'${value}` : value;
}

/**
 * Writes result records as a pretty JSON array (`.json`) or a flat CSV (`.csv`). CSV cells and
 * headers go through csvSafeCell: lead fields (names, notes, custom fields) are attacker-controlled.
 */
export async function writeResultsFile(path: string, records: Array<Record<string, unknown>>): Promise<void> {
  const ext = extname(path).toLowerCase();
  if (ext !== ".json" && ext !== ".csv") throw new Error(`Unsupported results file type "${ext || "(none)"}" for ${path}: use .json or .csv`);
  await mkdir(dirname(path), { recursive: true });
  if (ext === ".json") {
    await writeFile(path, `${JSON.stringify(records, null, 2)}\n`, "utf8");
    return;
  }
  if (ext !== ".csv") throw new Error(`Unsupported results file type "${ext || "(none)"}" for ${path}: use .json or .csv`);
  const flat = records.map((r) => {
    const out: Record<string, string | number | boolean> = {};
    flattenForCsv(out, r, "");
    for (const [k, v] of Object.entries(out)) out[k] = csvSafeCell(v);
    return out;
  });
  const columns: string[] = [];
  const seen = new Set<string>();
  for (const r of flat) for (const k of Object.keys(r)) if (!seen.has(k)) (seen.add(k), columns.push(k));
  const text = stringify(flat, {
    header: true,
    columns: columns.map((key) => ({ key, header: String(csvSafeCell(key)) })),
    cast: { boolean: (b: boolean) => (b ? "true" : "false") },
  });
  await writeFile(path, columns.length ? text : "", "utf8");
}

function flattenForCsv(out: Record<string, string | number | boolean>, value: unknown, prefix: string): void {
  if (value === undefined || value === null) {
    if (prefix) out[prefix] = "";
    return;
  }
  if (Array.isArray(value)) {
    out[prefix] = value.map(formatItem).join(" | ");
    return;
  }
  if (isRecord(value)) {
    for (const [k, v] of Object.entries(value)) flattenForCsv(out, v, prefix ? `${prefix}.${k}` : k);
    return;
  }
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "string") out[prefix] = value;
  else out[prefix] = String(value);
}

/** One array element as text: factors read "Time on site (+12.3): detail". */
function formatItem(item: unknown): string {
  if (isRecord(item)) {
    if (typeof item.factor === "string" && typeof item.impact === "number") {
      const sign = item.impact >= 0 ? "+" : "";
      const detail = typeof item.detail === "string" && item.detail ? `: ${item.detail}` : "";
      return `${item.factor} (${sign}${item.impact})${detail}`;
    }
    return JSON.stringify(item);
  }
  return item === null || item === undefined ? "" : String(item);
}

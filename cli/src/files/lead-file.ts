import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { extname } from "node:path";
import { parse } from "csv-parse/sync";
import { LeadSchema, toIssues } from "@gardenos/contracts";
import type { Issue, Lead } from "@gardenos/contracts";
import { ALIASES, FIELD_KINDS, MAX_CUSTOM_FIELDS, MAX_CUSTOM_KEY, MAX_CUSTOM_VALUE, MINUTE_HEADERS, isAbsent, normalizeHeader, type FieldKind } from "./lead-columns.js";
import { clip, coerce, parseBoolean } from "./cell-values.js";

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

/**
 * The field delimiter, from the header line: a comma, or a semicolon (what Excel writes in German,
 * French or Spanish locales, where the comma is the decimal mark) or a tab, whichever it holds most.
 */
function delimiterOf(text: string): "," | ";" | "\t" {
  const first = text.replace(/^\uFEFF/, "").split(/\r?\n/, 1)[0] ?? "";
  const outside = first.replace(/"[^"]*"/g, "");
  const count = (c: string) => outside.split(c).length - 1;
  const [comma, semi, tab] = [count(","), count(";"), count("\t")];
  return semi > comma && semi >= tab ? ";" : tab > comma ? "\t" : ",";
}

function readCsv(text: string, options: ReadLeadsOptions): LeadFile {
  const delimiter = delimiterOf(text);
  // A semicolon file comes from a locale that writes 1.250,50 and 14/03/2026 (day first).
  const european = delimiter === ";";
  const records = parse(text, {
    delimiter,
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
    rows.push(csvRow(r, raw, plan, european));
  }
  return { rows, columns, unmappedColumns };
}

function csvRow(row: number, raw: Record<string, string>, plan: ColumnPlan[], european: boolean): LeadRow {
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
    const coerced = coerce(v, p.kind ?? "string", p.target, european);
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


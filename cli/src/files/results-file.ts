import { mkdir, writeFile } from "node:fs/promises";
import { dirname, extname } from "node:path";
import { stringify } from "csv-stringify/sync";

/** Writing results: JSON, or a flat CSV a spreadsheet opens without running any cell. */

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
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

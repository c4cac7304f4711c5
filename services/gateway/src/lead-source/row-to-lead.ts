import { LeadSchema, type Issue, type Lead } from "@gardenos/contracts";

/** Lead fields that are numbers (Postgres numeric and bigint arrive as text). */
const NUMERIC = new Set([
  "company.employees",
  "company.revenue",
  "engagement.interactions",
  "behavior.site_visits",
  "behavior.time_on_site_seconds",
  "behavior.pages_viewed",
  "behavior.pages_per_visit",
  "behavior.content_downloads",
]);
const BOOLEAN = new Set(["contact.do_not_email", "contact.do_not_call"]);
const TOP = new Set(["id", "company", "contact", "engagement", "behavior", "notes", "language", "custom_fields"]);

function value(path: string, v: unknown): unknown {
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? String(v) : v.toISOString();
  if (typeof v === "bigint") return Number(v);
  if (typeof v === "string") {
    const s = v.trim();
    if (NUMERIC.has(path) && s !== "" && Number.isFinite(Number(s))) return Number(s);
    if (BOOLEAN.has(path) && /^(t|true|f|false|1|0|yes|no)$/i.test(s)) return /^(t|true|1|yes)$/i.test(s);
    if (path === "id") return s;
  }
  if (typeof v === "number" && path === "id") return String(v);
  return v;
}

export type RowResult = { ok: true; lead: Lead } | { ok: false; issues: Issue[] };

/**
 * One source row onto a lead. NULLs and empty strings are left out (a CRM's blank column is no
 * data, not an invalid value). An invalid lead's issues name the lead field and the column it came from.
 */
export function rowToLead(row: Record<string, unknown>, columns: Record<string, string> | undefined, leadId: string): RowResult {
  const pairs = columns ? Object.entries(columns) : Object.keys(row).map((c) => [c, c] as [string, string]);
  const lead: Record<string, unknown> = {};
  const columnOf = new Map<string, string>();
  const issues: Issue[] = [];
  for (const [path, column] of pairs) {
    const v = row[column];
    if (v === null || v === undefined || (typeof v === "string" && v.trim() === "")) continue;
    const [head, ...restParts] = path.split(".");
    const rest = restParts.join(".");
    if (!head || !TOP.has(head)) {
      issues.push({ path: `lead.${path}`, message: `is not a lead field (source column "${column}"; put extra data in custom_fields.<name>)` });
      continue;
    }
    columnOf.set(path, column);
    if (!rest) lead[head] = value(path, v);
    else {
      const group = (lead[head] ??= {}) as Record<string, unknown>;
      group[rest] = value(path, v);
    }
  }
  if (lead.id === undefined) lead.id = leadId;
  if (issues.length) return { ok: false, issues };
  const r = LeadSchema.safeParse(lead);
  if (r.success) return { ok: true, lead: r.data };
  return {
    ok: false,
    issues: r.error.issues.map((i) => {
      const path = i.path.map(String);
      const field = path.join(".");
      const column = columnOf.get(field) ?? columnOf.get(path.slice(0, 2).join(".")) ?? (i.code === "unrecognized_keys" ? undefined : undefined);
      const extra = i.code === "unrecognized_keys" ? ` (${i.keys.join(", ")})` : "";
      return { path: field ? `lead.${field}` : "lead", message: `${i.message}${extra}${column ? ` (source column "${column}")` : ""}` };
    }),
  };
}

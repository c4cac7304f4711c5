import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type * as Yaml from "yaml";
import { z } from "zod";

/**
 * LEAD_SOURCE_MAPPING: how rows of the CRM's database become leads. A YAML or JSON file, either
 *
 *   query: select … from leads where id = :lead_id and tenant = :tenant
 *   columns: { <lead field path>: <column>, … }      # optional: else each column is named by its path
 *
 * or
 *
 *   table: leads            # may be schema-qualified
 *   id_column: id
 *   tenant_column: tenant   # optional: without it every tenant reads the same table
 *   columns: { id: id, company.name: company_name, contact.email: email, custom_fields.score: score, … }
 *
 * Lead field paths are the lead schema's (`company.industry`, `contact.email`, `behavior.site_visits`)
 * and `custom_fields.<name>`. Named parameters: `:lead_id` and `:tenant`.
 */
const IDENT = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;
const ident = z.string().regex(IDENT, "must be a plain SQL identifier (letters, digits, _)");
const leadPath = z.string().regex(/^[a-z_]+(\.[A-Za-z0-9_ -]{1,100})?$/, "must be a lead field path such as company.name or custom_fields.score");
const columns = z.record(leadPath, ident).refine((c) => Object.keys(c).length > 0, "must map at least one lead field");

export const MappingFileSchema = z.union([
  z.strictObject({ query: z.string().min(10).max(20_000), columns: columns.optional() }),
  z.strictObject({
    table: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,62}(\.[A-Za-z_][A-Za-z0-9_]{0,62})?$/, "must be a table name, optionally schema-qualified"),
    id_column: ident,
    tenant_column: ident.optional(),
    columns,
  }),
]);
export type MappingFile = z.infer<typeof MappingFileSchema>;

/** A mapping compiled to one parameterised statement and the column behind each lead field. */
export interface LeadMapping {
  /** `$1`-style SQL. */
  text: string;
  /** The named parameter behind each `$n`. */
  params: ("lead_id" | "tenant")[];
  /** Lead field path → column; undefined: each column of the row is named by its lead field path. */
  columns: Record<string, string> | undefined;
}

const quote = (name: string) => name.split(".").map((p) => `"${p}"`).join(".");

/** Replaces `:lead_id` and `:tenant` by `$n` (leaving `::casts` and quoted text alone). */
export function compileNamed(query: string): { text: string; params: ("lead_id" | "tenant")[] } {
  const params: ("lead_id" | "tenant")[] = [];
  const text = query.replace(/'(?:[^']|'')*'|"(?:[^"]|"")*"|::|:([A-Za-z_][A-Za-z0-9_]*)/g, (m, name: string | undefined) => {
    if (!name) return m;
    if (name !== "lead_id" && name !== "tenant") throw new Error(`LEAD_SOURCE_MAPPING: unknown parameter :${name} (use :lead_id and :tenant)`);
    let i = params.indexOf(name);
    if (i < 0) i = params.push(name) - 1;
    return `$${i + 1}`;
  });
  if (!params.includes("lead_id")) throw new Error("LEAD_SOURCE_MAPPING: the query must use :lead_id");
  return { text, params };
}

export function compileMapping(file: MappingFile): LeadMapping {
  if ("query" in file) return { ...compileNamed(file.query), columns: file.columns };
  const cols = [...new Set(Object.values(file.columns))].map(quote).join(", ");
  const where = [`${quote(file.id_column)} = $1`, ...(file.tenant_column ? [`${quote(file.tenant_column)} = $2`] : [])].join(" and ");
  return {
    text: `select ${cols} from ${quote(file.table)} where ${where} limit 2`,
    params: file.tenant_column ? ["lead_id", "tenant"] : ["lead_id"],
    columns: file.columns,
  };
}

/** Reads and checks LEAD_SOURCE_MAPPING (YAML or JSON: JSON is YAML). Throws naming the file's field. */
export function loadMapping(path: string): LeadMapping {
  // yaml (≈ 70 modules) only for a gateway with a lead source, not at every start.
  const { parse: parseYaml } = createRequire(import.meta.url)("yaml") as typeof Yaml;
  const raw: unknown = parseYaml(readFileSync(path, "utf8"));
  const r = MappingFileSchema.safeParse(raw);
  if (!r.success) {
    const issues = r.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ");
    throw new Error(`LEAD_SOURCE_MAPPING ${path}: ${issues}`);
  }
  return compileMapping(r.data);
}

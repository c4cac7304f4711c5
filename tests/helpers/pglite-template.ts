import { cpSync, existsSync } from "node:fs";
import { inject } from "vitest";

/**
 * A fresh embedded database directory for a test stack: a copy of the run's template (created
 * and migrated once by global-setup.ts), so the gateway opens it as an existing database. Returns
 * `dest` either way; without a template the gateway creates the database itself.
 */
export function seededPgliteDir(dest: string): string {
  const template = inject("pgliteTemplate");
  if (template && existsSync(template) && !existsSync(dest)) cpSync(template, dest, { recursive: true });
  return dest;
}

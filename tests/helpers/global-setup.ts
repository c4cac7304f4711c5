import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    /** An embedded database created and migrated once per run (see pglite-template.ts). */
    pgliteTemplate: string;
  }
}

/**
 * Once per run: the embedded database as the gateway creates it (initdb and every migration), so
 * each test stack copies a directory instead of running initdb again (seconds of CPU each).
 */
export default async function setup(project: TestProject) {
  const root = mkdtempSync(join(tmpdir(), "gardenos-pglite-template-"));
  const dir = join(root, "pglite");
  // In a Node process of its own: the gateway's code as it runs (the test runner's module loader
  // cannot run its worker-thread start of PGlite).
  const gateway = pathToFileURL(join(import.meta.dirname, "..", "..", "services", "gateway", "dist", "index.js")).href;
  const script = `const { openDatabase } = await import(${JSON.stringify(gateway)}); const db = await openDatabase({ pgliteDir: ${JSON.stringify(dir)} }); await db.close();`;
  const r = spawnSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`creating the embedded database template failed: ${r.stderr || r.stdout}`);
  project.provide("pgliteTemplate", dir);
  return () => rmSync(root, { recursive: true, force: true });
}

import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { createPgliteDir } from "../src/db/create-pglite.js";

/** The embedded database's first creation, interrupted: a killed first start leaves no half-made database. */
const CREATE = fileURLToPath(new URL("../dist/db/create-pglite.js", import.meta.url));

describe("creating the embedded database", () => {
  const root = mkdtempSync(join(tmpdir(), "gardenos-pglite-create-"));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it("a process killed while it creates the database leaves its place empty, and the next start clears what it left beside it", async () => {
    const dir = join(root, "pglite");
    mkdirSync(dir);
    const p = spawn(process.execPath, ["--input-type=module", "-e", `const { createPgliteDir } = await import(${JSON.stringify(CREATE)}); await createPgliteDir(${JSON.stringify(dir)}, []);`], { stdio: "ignore" });
    const creating = `pglite.creating-${p.pid}`;
    const deadline = Date.now() + 20_000;
    while (!readdirSync(root).includes(creating) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(readdirSync(root)).toContain(creating);
    // Killed mid-initdb (as by `kill -9`, or a supervisor that dies with it).
    await new Promise((r) => setTimeout(r, 300));
    p.kill("SIGKILL");
    await new Promise((r) => p.once("exit", r));
    await new Promise((r) => setTimeout(r, 500));
    expect(readdirSync(dir), "nothing half-made where the database belongs").toEqual([]);
    expect(existsSync(join(dir, "PG_VERSION"))).toBe(false);
    // The next creation removes the dead process's leftovers first (here it then refuses a place that holds other files).
    writeFileSync(join(dir, "notes.txt"), "not a database");
    await expect(createPgliteDir(dir, [])).rejects.toThrow(/holds files but no database \(no PG_VERSION\)/);
    expect(readdirSync(root).filter((n) => n.startsWith("pglite.creating-"))).toEqual([]);
  }, 30_000);
});

import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "@gardenos/runtime";
import { startNats } from "../../tests/helpers/nats.js";
import { seededPgliteDir } from "../../tests/helpers/pglite-template.js";
import { startStack, type TestStack } from "../../tests/helpers/stack.js";

const CLI = fileURLToPath(new URL("../dist/main.js", import.meta.url));
const SAMPLE = fileURLToPath(new URL("../../samples/leads.csv", import.meta.url));

function run(args: string[], env: NodeJS.ProcessEnv, cwd: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, ...env }, cwd });
    let stdout = "";
    let stderr = "";
    p.stdout.on("data", (d) => (stdout += d));
    p.stderr.on("data", (d) => (stderr += d));
    p.on("exit", (code) => resolve({ code, stdout, stderr }));
  });
}

describe("gardenos CLI", () => {
  let stack: TestStack;
  let dir: string;

  beforeAll(async () => {
    stack = await startStack();
    dir = mkdtempSync(join(tmpdir(), "gardenos-cli-"));
  });
  afterAll(async () => {
    await stack?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("analyses the sample CRM export end to end and writes every scored lead", async () => {
    const out = join(dir, "scored.json");
    const r = await run(["analyze", SAMPLE, "--out", out, "--priority", "7", "--url", stack.url], {}, dir);
    expect(r.stderr).toContain(`Scored leads written to ${out}`);
    expect(r.code).toBe(0);
    const results = JSON.parse(readFileSync(out, "utf8")) as any[];
    expect(results).toHaveLength(50);
    for (const row of results) {
      expect(row.status).toBe("completed");
      expect(row.lead_quality_score).toBeGreaterThanOrEqual(1);
      expect(row.lead_quality_score).toBeLessThanOrEqual(10);
      expect(row.recommended_action).not.toBe("");
    }
    expect(r.stdout).toContain("Completed");
    expect(r.stdout).toMatch(/Hot \(score 8–10\)/);
    const task = await (await fetch(`${stack.url}/ai/tasks/${results[0].task_id}`)).json();
    expect(task).toMatchObject({ status: "completed", priority: 7 });
  });

  it("reports bad rows with the field, still scores the others, and exits 1", async () => {
    const file = join(dir, "mixed.csv");
    writeFileSync(file, "Email,First Name,Company,Site Visits\nok@example.com,Ann,Acme,3\nnot-an-email,Bob,Beta,2\nc@example.com,Cy,Gamma,lots\n");
    const out = join(dir, "mixed.csv.out.csv");
    const r = await run(["analyze", file, "--out", out, "--url", stack.url], {}, dir);
    expect(r.code).toBe(1);
    const csv = readFileSync(out, "utf8");
    expect(csv).toContain("completed");
    expect(csv).toMatch(/invalid,.*lead\.contact\.email/);
    expect(csv).toMatch(/invalid,.*lead\.behavior\.site_visits/);
    expect(r.stdout).toContain("lead.contact.email");
  });

  it("starts a stack of its own when no gateway is running, and stops it afterwards", async () => {
    const nats = await startNats();
    try {
      const port = await freePort(); // nothing listens there
      const out = join(dir, "own-stack.csv");
      // Its gateway opens a copy of the run's migrated embedded database (initdb is seconds of CPU).
      const r = await run(["analyze", SAMPLE, "-o", out], { NATS_URL: nats.url, PORT: String(port), GARDENOS_URL: "", PGLITE_DIR: seededPgliteDir(join(dir, "own-stack-pglite")) }, dir);
      expect(r.stderr).toContain("starting a stack for this run");
      expect(r.code).toBe(0);
      expect(readFileSync(out, "utf8").split("\n").filter(Boolean)).toHaveLength(51);
    } finally {
      await nats.cleanup();
    }
  });

  it("follows CLI conventions: --help, --version, usage errors exit 2", async () => {
    // Four independent runs, started together.
    const [help, v, bad, missing] = await Promise.all([
      run(["analyze", "--help"], {}, dir),
      run(["--version"], {}, dir),
      run(["analyze", SAMPLE, "--priority", "11"], {}, dir),
      run(["analyze", join(dir, "nope.csv"), "--url", stack.url], {}, dir),
    ]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("--out <file>");
    expect(v.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--priority must be a whole number from 1 to 10");
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/nope\.csv/);
  });
});

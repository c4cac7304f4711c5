import { spawn } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "./helpers/deploy.js";

/**
 * The scale-out benchmark (deploy/scripts/cluster-scaleout.ts) runs end to end on a small load:
 * a 3-node cluster, one then two lead-analysis processes, both scenarios. Its figures are
 * reported in deploy/README.md, never asserted here.
 */
describe("cluster scale-out benchmark", () => {
  it("drains the backlog with one and with two agent processes and reports both figures", async () => {
    const child = spawn(process.execPath, [join(ROOT, "deploy/scripts/cluster-scaleout.ts"), "--tasks", "200", "--llm-tasks", "24", "--llm-ms", "20", "--rounds", "1"], {
      cwd: ROOT,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (err += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
    expect(code, err).toBe(0);
    const summary = JSON.parse(out.trim().split("\n").pop()!) as { results: { scenario: string; processes: number; tasks: number; perSecond: number }[] };
    expect(summary.results.map((r) => `${r.scenario}:${r.processes}`)).toEqual(["builtin:1", "builtin:2", "llm-20ms:1", "llm-20ms:2"]);
    for (const r of summary.results) expect(r.perSecond).toBeGreaterThan(0);
    expect(out).not.toContain("warning");
  }, 120_000);
});

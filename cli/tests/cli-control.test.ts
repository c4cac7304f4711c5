import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "@gardenos/runtime";
import { api, until } from "../../tests/helpers/control.js";
import { sampleLead, startStack, waitForTask, type TestStack } from "../../tests/helpers/stack.js";

const CLI = fileURLToPath(new URL("../dist/main.js", import.meta.url));
const ADMIN = "cli-admin-key-0123456789";
const CLIENT = "cli-client-key-9876543210";

function run(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, GARDENOS_KEY: "", ...env } });
    let stdout = "";
    let stderr = "";
    p.stdout.on("data", (d) => (stdout += d));
    p.stderr.on("data", (d) => (stderr += d));
    p.on("exit", (code) => resolve({ code, stdout, stderr }));
  });
}

describe("gardenos status | agents | queues | scale | restart", () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startStack({ env: { GARDENOS_ADMIN_KEYS: ADMIN } });
    await until(() => api(stack.url, "GET", "/ai/health"), (r) => r.status === 200, 20_000, "healthy stack");
    const r = await api(stack.url, "POST", "/ai/analyze-lead", { lead: sampleLead });
    await waitForTask(stack.url, r.json.task_id);
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it("prints the status as tables (exit 0 while running) and as JSON", async () => {
    const [r, j] = await Promise.all([run(["status", "--url", stack.url]), run(["status", "--json"], { GARDENOS_URL: stack.url })]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/GardenOS RUNNING · 8 agents/);
    expect(r.stdout).toContain("lead_analysis");
    expect(r.stdout).toContain("p50 / p95 / p99 ms");
    expect(j.code).toBe(0);
    expect(JSON.parse(j.stdout)).toMatchObject({ orchestrator_status: "running", total_agents: 8, types: { follow_up: { running: 2 } } });
  });

  it("lists agents, filtered by type", async () => {
    const [r, t] = await Promise.all([run(["agents", "--type", "follow-up", "--url", stack.url, "--json"]), run(["agents", "--url", stack.url])]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).agents.map((a: { agent_id: string }) => a.agent_id)).toEqual(["follow-up-0", "follow-up-1"]);
    expect(t.stdout).toContain("lead-analysis-3");
  });

  it("asks for the admin key (exit 4), then shows queues, scales and restarts with it", async () => {
    // Reads and refusals change nothing: they run side by side; then the scaling, then the restarts
    // (of two different types, side by side) against the scaled pool.
    const [denied, q, tooMany] = await Promise.all([
      run(["queues", "--url", stack.url]),
      run(["queues", "--url", stack.url, "--key", ADMIN]),
      run(["scale", "lead_analysis", "11", "--url", stack.url, "--key", ADMIN]),
    ]);
    expect(denied.code).toBe(4);
    expect(denied.stderr).toContain("ERR_UNAUTHORIZED");
    expect(q.code).toBe(0);
    expect(q.stdout).toContain("TASKS / lead-analysis-high");
    expect(q.stdout).toContain("Dead letters: 0");
    expect(tooMany.code).toBe(1);
    expect(tooMany.stderr).toContain("MAX_LEAD_ANALYSIS_AGENTS");
    const scale = await run(["scale", "lead_analysis", "2", "--wait", "--url", stack.url], { GARDENOS_KEY: ADMIN });
    expect(scale.code).toBe(0);
    expect(scale.stdout).toContain("→ 2 agents");
    expect(scale.stdout).toContain("running now: 2");
    const [restart, one] = await Promise.all([
      run(["restart", "follow_up", "--url", stack.url, "--key", ADMIN, "--json"]),
      run(["restart", "lead-analysis-1", "--url", stack.url, "--key", ADMIN]),
    ]);
    expect(restart.code).toBe(0);
    expect(JSON.parse(restart.stdout).restarted).toEqual(["follow-up-0", "follow-up-1"]);
    expect(one.code).toBe(0);
    expect(one.stdout).toContain("lead-analysis-1");
  });

  it("sends $GARDENOS_KEY on task commands when the gateway wants client keys (exit 4 without it)", async () => {
    // A stack of its own: a second gateway on the same NATS would share the recorder's durable
    // consumer and record some results into another database.
    const dir = mkdtempSync(join(tmpdir(), "gardenos-cli-key-"));
    const own = await startStack({ env: { GARDENOS_API_KEYS: CLIENT } });
    const gw = { url: own.url, stop: () => own.stop() };
    try {
      const file = join(dir, "one.json");
      writeFileSync(file, JSON.stringify([{ ...sampleLead, id: "cli-key-1" }]));
      const [denied, ok, status] = await Promise.all([
        run(["analyze", file, "--url", gw.url, "--json", "--no-progress"]),
        run(["analyze", file, "--url", gw.url, "--json", "--no-progress"], { GARDENOS_KEY: CLIENT }),
        run(["status", "--url", gw.url], { GARDENOS_KEY: CLIENT }),
      ]);
      expect(denied.code).toBe(4);
      expect(denied.stderr).toContain("needs a key");
      expect(ok.code).toBe(0);
      expect(JSON.parse(ok.stdout)[0]).toMatchObject({ status: "completed" });
      expect(status.code).toBe(0);
    } finally {
      await gw.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("exits 2 on usage errors and 3 when the gateway cannot be reached", async () => {
    const port = await freePort();
    const [bad, down] = await Promise.all([run(["scale", "summarize", "2", "--url", stack.url]), run(["status", "--url", `http://127.0.0.1:${port}`])]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("must be one of lead_analysis, follow_up");
    expect(down.code).toBe(3);
    expect(down.stderr).toContain("cannot reach the gateway");
  });
});

import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { providersEnv, startFakeLlm, type FakeLlm } from "../../tests/helpers/fake-llm.js";
import { scoreClassifications } from "../src/eval/classification-metrics.js";

/** `gardenos eval-emails` as a user runs it: the held-out file with the built-in classifier, a bad file, a (fake) LLM provider. */

const CLI = fileURLToPath(new URL("../dist/main.js", import.meta.url));
const HOLDOUT = fileURLToPath(new URL("../../samples/emails-holdout.jsonl", import.meta.url));
const NO_LLM = { DEEPINFRA_API_KEY: "", LLM_BASE_URL: "", LLM_PROVIDERS: "", LLM_PROVIDERS_FILE: "", NO_COLOR: "1" };

function run(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, ...NO_LLM, ...env } });
    let stdout = "";
    let stderr = "";
    p.stdout.on("data", (d) => (stdout += d));
    p.stderr.on("data", (d) => (stderr += d));
    p.on("exit", (code) => resolve({ code, stdout, stderr }));
  });
}

describe("classification scores", () => {
  it("computes precision, recall, macro-F1 and the confusion matrix", () => {
    const s = scoreClassifications(["a", "b"], [
      { label: "a", predicted: "a" },
      { label: "a", predicted: "b" },
      { label: "b", predicted: "b" },
      { label: "b", predicted: "b" },
    ]);
    expect(s.confusion).toEqual({ a: { a: 1, b: 1 }, b: { a: 0, b: 2 } });
    expect(s.per_category[0]).toMatchObject({ category: "a", precision: 1, recall: 0.5 });
    expect(s.per_category[1]).toMatchObject({ category: "b", precision: 2 / 3, recall: 1 });
    expect(s.macro_f1).toBeCloseTo((2 / 3 + 0.8) / 2, 6);
  });
});

describe("gardenos eval-emails", () => {
  let dir: string;
  let provider: FakeLlm;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "gardenos-evalmail-"));
    provider = await startFakeLlm();
  });
  afterAll(async () => {
    await provider?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("meets the built-in targets on the held-out e-mails: macro-F1 ≥ 0.85 and every unsubscribe found", async () => {
    const [r, text] = await Promise.all([run(["eval-emails", HOLDOUT, "--classifier", "builtin", "--json"]), run(["eval-emails", HOLDOUT, "--classifier", "builtin"])]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    const builtin = report.reports[0];
    expect(builtin.classifier).toBe("built-in");
    expect(builtin.total).toBeGreaterThanOrEqual(80);
    expect(builtin.macro_f1).toBeGreaterThanOrEqual(0.85);
    expect(builtin.per_category.find((c: any) => c.category === "unsubscribe").recall).toBe(1);
    expect(text.stdout).toContain("confusion matrix");
    expect(text.stdout).toContain("targets (macro-F1 ≥ 0.85, unsubscribe recall 1.0) met");
  });

  it("names the line and the field of a bad case file (exit 2)", async () => {
    const file = join(dir, "bad.jsonl");
    writeFileSync(file, `${JSON.stringify({ label: "interested", email: { from: "a@b.example", to: "c@d.example", subject: "x", body: "hi", received_at: "2026-03-05T10:00:00Z" } })}\n${JSON.stringify({ label: "maybe", email: {} })}\n`);
    const r = await run(["eval-emails", file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("bad.jsonl:2");
    expect(r.stderr).toContain("label");
  });

  it("scores the LLM classifier too when a provider is configured", async () => {
    const file = join(dir, "two.jsonl");
    const mk = (label: string, body: string) => ({ label, email: { from: "a@b.example", to: "c@d.example", subject: "Re: x", body, received_at: "2026-03-05T10:00:00Z" } });
    writeFileSync(file, [mk("question", "Does it work with Outlook?"), mk("unsubscribe", "Please remove me from your list.")].map((x) => JSON.stringify(x)).join("\n"));
    provider.setDefault({ kind: "ok", content: { category: "question", confidence: 0.7, sentiment: "neutral", urgency: 5 } });
    const r = await run(["eval-emails", file, "--json"], { LLM_PROVIDERS: providersEnv([{ name: "fake", fake: provider }]) });
    const report = JSON.parse(r.stdout);
    expect(report.reports.map((x: any) => x.classifier)).toEqual(["built-in", "LLM (fake-model)"]);
    // The model said "question" for both; the request to stop is still found (the rules win).
    expect(report.reports[1]).toMatchObject({ correct: 2, total: 2, degraded: 0 });
  });
});

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { freePort } from "@gardenos/runtime";
import { providersEnv, startFakeLlm, type FakeLlm } from "./helpers/fake-llm.js";
import { startStack, type TestStack } from "./helpers/stack.js";
import { runCli } from "./helpers/cli.js";

const TRAINING = fileURLToPath(new URL("../../shared/data/xeducation-leads-train.csv", import.meta.url));

/** No LLM settings from the machine leak into a run. */
const NO_LLM: NodeJS.ProcessEnv = { DEEPINFRA_API_KEY: "", LLM_BASE_URL: "", LLM_API_KEY: "", LLM_MODEL: "", LLM_PROVIDERS: "", LLM_PROVIDERS_FILE: "", LLM_PRICES: "", GARDENOS_URL: "" };

const run = (args: string[], env: NodeJS.ProcessEnv) => runCli(args, { ...NO_LLM, ...env });

const noStackTrace = (r: { stdout: string; stderr: string }) => expect(`${r.stdout}\n${r.stderr}`).not.toMatch(/\n\s+at .+:\d+:\d+/);

describe("gardenos llm check", () => {
  let fake: FakeLlm;
  const single = () => ({ LLM_BASE_URL: fake.url, LLM_MODEL: "fake-model", LLM_API_KEY: "right-key", LLM_PRICES: JSON.stringify({ "fake-model": { input: 1, output: 2 } }) });

  beforeAll(async () => {
    fake = await startFakeLlm({ requireKey: "right-key" });
  });
  afterAll(async () => fake?.close());
  beforeEach(() => fake.reset());

  it("prints provider, model, latency, tokens and cost of one real call", async () => {
    const r = await run(["llm", "check"], single());
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^✓ llm \(fake-model at http:\/\/127\.0\.0\.1:\d+\/v1\): ok in \d+ ms, 1000 prompt \+ 200 completion tokens, \$0\.001400$/m);
    expect(fake.chats()).toHaveLength(1);
    const json = JSON.parse((await run(["llm", "check", "--json"], single())).stdout);
    expect(json).toMatchObject({ configured: true, rows: [{ provider: "llm", model: "fake-model", ok: true, prompt_tokens: 1000, completion_tokens: 200, cost_usd: 0.0014 }] });
  });

  it("diagnoses a bad key, an unknown model, an unreachable host and a timeout, without a stack trace", async () => {
    // Three independent checks, started together (the provider answers each as configured).
    const port = await freePort();
    const [badKey, unknown, unreachable] = await Promise.all([
      run(["llm", "check"], { ...single(), LLM_API_KEY: "wrong" }),
      run(["llm", "check"], { ...single(), LLM_MODEL: "no-such-model" }),
      run(["llm", "check"], { ...single(), LLM_BASE_URL: `http://127.0.0.1:${port}/v1` }),
    ]);
    expect(badKey.code).toBe(3);
    expect(badKey.stdout).toMatch(/bad key: 127\.0\.0\.1:\d+ refused the key in LLM_API_KEY/);
    noStackTrace(badKey);

    expect(unknown.code).toBe(3);
    expect(unknown.stdout).toMatch(/unknown model "no-such-model" at 127\.0\.0\.1:\d+; it offers: fake-model/);
    noStackTrace(unknown);

    expect(unreachable.code).toBe(3);
    expect(unreachable.stdout).toMatch(/unreachable host 127\.0\.0\.1:\d+/);
    noStackTrace(unreachable);

    fake.setDefault({ kind: "hang" });
    const t0 = Date.now();
    const slow = await run(["llm", "check", "--timeout", "1"], single());
    expect(slow.code).toBe(3);
    expect(slow.stdout).toMatch(/timeout: no answer from 127\.0\.0\.1:\d+ within 1 s/);
    expect(Date.now() - t0).toBeLessThan(8000);
    noStackTrace(slow);
  });

  it("checks every link of a chain and says which one fails", async () => {
    const broken = await startFakeLlm();
    broken.setDefault({ kind: "status", status: 503 });
    try {
      const r = await run(["llm", "check", "--json"], {
        LLM_PROVIDERS: providersEnv([{ name: "down", fake: broken }, { name: "up", fake }]).replace(`"name":"up"`, `"name":"up","apiKeyEnv":"UP_KEY"`),
        UP_KEY: "right-key",
      });
      expect(r.code).toBe(1);
      const json = JSON.parse(r.stdout);
      expect(json.rows).toMatchObject([
        { provider: "down", ok: false, problem: "provider_error" },
        { provider: "up", ok: true },
      ]);
      expect(json.rows[0].diagnosis).toMatch(/HTTP 503/);
    } finally {
      await broken.close();
    }
  });

  it("says when nothing is configured, and names a bad variable", async () => {
    const [none, bad, missingKey] = await Promise.all([
      run(["llm", "check"], {}),
      run(["llm", "check"], { LLM_PROVIDERS: "[{not json" }),
      run(["llm", "check"], { LLM_PROVIDERS: JSON.stringify([{ name: "x", baseURL: fake.url, model: "m", apiKeyEnv: "X_KEY" }]) }),
    ]);
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/No LLM provider is configured: the built-in agents do the work/);

    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/LLM_PROVIDERS: must be valid JSON/);
    expect(missingKey.code).toBe(2);
    expect(missingKey.stderr).toMatch(/X_KEY: is not set/);
    noStackTrace(missingKey);
  });
});

describe("gardenos eval", () => {
  let dir: string;
  let file: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "gardenos-eval-"));
    // The first 300 labelled leads of the training file.
    const lines = readFileSync(TRAINING, "utf8").split("\n");
    file = join(dir, "leads.csv");
    writeFileSync(file, lines.slice(0, 301).join("\n"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("measures the built-in scorer: ROC AUC, Brier score, calibration table, latency, tokens and cost", async () => {
    const stack = await startStack();
    try {
      const out = join(dir, "predictions.csv");
      const text = await run(["eval", file, "--label-column", "Converted", "--url", stack.url, "--limit", "50", "-o", out], {});
      expect(text.code).toBe(0);
      for (const label of ["ROC AUC", "Brier score", "Mean latency", "Tokens", "Total cost", "Calibration (by tenth of predicted probability)", "builtin-heuristic × 50"]) expect(text.stdout).toContain(label);
      expect(readFileSync(out, "utf8").split("\n").filter(Boolean)).toHaveLength(51);

      const r = await run(["eval", file, "--label-column", "Converted", "--url", stack.url, "--json"], {});
      const report = JSON.parse(r.stdout);
      expect(report).toMatchObject({ scored: 300, failed: 0, degraded: 0, cost_usd: 0, tokens: { prompt: 0, completion: 0 }, models: { "builtin-heuristic": 300 } });
      expect(report.roc_auc).toBeGreaterThan(0.75);
      expect(report.brier_score).toBeLessThan(0.2);
      expect(report.calibration).toHaveLength(10);
      expect(report.calibration.reduce((s: number, b: any) => s + b.count, 0)).toBe(300);
    } finally {
      await stack.stop();
    }
  });

  it("measures an LLM chain the same way, with its tokens and cost", async () => {
    const fake = await startFakeLlm();
    const stack = await startStack({ env: { LLM_PROVIDERS: providersEnv([{ name: "fake", fake }]), LEAD_ANALYSIS_AGENTS: "8" } });
    try {
      const r = await run(["eval", file, "--label-column", "Converted", "--url", stack.url, "--limit", "40", "--json"], {});
      expect(r.code).toBe(0);
      const report = JSON.parse(r.stdout);
      expect(report).toMatchObject({ scored: 40, models: { "fake-model": 40 }, tokens: { prompt: 40_000, completion: 8000 } });
      expect(report.cost_usd).toBeCloseTo(40 * 0.0014, 9);
      // The fake answers the same for every lead, but the number is the conversion model's (the
      // heuristic at cold start), never the LLM's: the ranking still separates the classes.
      expect(report.roc_auc).toBeGreaterThan(0.7);
    } finally {
      await stack.stop();
      await fake.close();
    }
  });
});

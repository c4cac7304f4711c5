import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { providersEnv, startFakeLlm, type FakeLlm } from "../../tests/helpers/fake-llm.js";

/** `gardenos eval-followups` as a user runs it: a small case file, the built-in writer, then a (fake) LLM provider. */

const CLI = fileURLToPath(new URL("../dist/main.js", import.meta.url));
const NO_LLM = { DEEPINFRA_API_KEY: "", LLM_BASE_URL: "", LLM_PROVIDERS: "", LLM_PROVIDERS_FILE: "", NO_COLOR: "1" };

function run(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, ...NO_LLM, ...env } });
    let stdout = "";
    let stderr = "";
    p.stdout.on("data", (d) => (stdout += d));
    p.stderr.on("data", (d) => (stderr += d));
    p.on("exit", (code) => resolve({ code, stdout, stderr }));
  });
}

const lead = (id: string, first: string, company: string, extra: Record<string, unknown> = {}) => ({ id, contact: { first_name: first, email: `${first.toLowerCase()}@${id}.example`, ...extra }, company: { name: company, industry: "Software" } });
const CASES = [
  { id: "a", lead: lead("a", "Maria", "Brightwave"), context: "Demo completed yesterday; she asked about the HubSpot migration and SSO.", now: "2026-11-27T09:00:00Z", expect: { mention_any: [["HubSpot"], ["SSO", "single sign-on"]], must_not: ["book a demo", "schedule a demo"], stage: "demo_done" } },
  { id: "b", lead: lead("b", "Daniel", "Keystone"), context: "Sent pricing last week, they said budget is tight until March", now: "2026-11-27T09:00:00Z", expect: { mention_any: [["March"]], must_not: ["last note"], stage: "objection", reconnect_month: "March" } },
  { id: "c", lead: lead("c", "Stefan", "Bergmann Bau"), context: "Keine Rückmeldung seit dem Angebot vom 3.11.", expect: { mention_any: [["Angebot"]], stage: "no_reply", language: "de" } },
  { id: "d", lead: lead("d", "Kate", "Silverline", { do_not_email: true }), context: "Demo completed", expect: { error: "ERR_DO_NOT_EMAIL" } },
];

describe("gardenos eval-followups", () => {
  let dir: string;
  let file: string;
  let provider: FakeLlm;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "gardenos-evalfu-"));
    file = join(dir, "cases.jsonl");
    writeFileSync(file, `${CASES.map((c) => JSON.stringify(c)).join("\n")}\n`);
    provider = await startFakeLlm();
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await provider?.close();
  });

  it("measures the built-in writer: every point, no contradiction, stage, month, language, the refusal", async () => {
    const r = await run(["eval-followups", file, "--json"], {});
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.llm_skipped).toMatch(/no LLM provider configured/);
    expect(report.reports).toHaveLength(1);
    expect(report.reports[0]).toMatchObject({
      writer: "built-in",
      cases: 4,
      written: 3,
      covered: { ok: 3, of: 3 },
      points: { ok: 4, of: 4 },
      contradictions: { cases: 0, hits: 0 },
      stage: { ok: 3, of: 3 },
      reconnect: { ok: 1, of: 1 },
      language: { ok: 1, of: 1 },
      refusals: { ok: 1, of: 1 },
      tokens: { prompt: 0, completion: 0 },
    });
    expect(report.reports[0].outcomes.find((o: any) => o.id === "b").result.reconnect_month).toBe("2027-03");
    expect(report.reports[0].words.mean).toBeGreaterThan(30);
  });

  it("prints a table, and the cases that missed, for people", async () => {
    const miss = join(dir, "miss.jsonl");
    writeFileSync(miss, `${JSON.stringify({ ...CASES[0], id: "m1", expect: { mention_any: [["Zendesk"]], must_not: ["demo"], stage: "signed" } })}\n`);
    const r = await run(["eval-followups", miss], {});
    // The built-in writer misses its targets on this case: exit code 1, and the table says why.
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/Every point mentioned\s*│\s*0\.0 % \(0\/1\)/);
    expect(r.stdout).toMatch(/m1: missed "Zendesk"; says "demo"; stage demo_done/);
  });

  it("refuses a bad case naming the line and the field", async () => {
    const bad = join(dir, "bad.jsonl");
    writeFileSync(bad, `${JSON.stringify(CASES[0])}\n${JSON.stringify({ ...CASES[1], expect: { ...CASES[1]!.expect, stage: "maybe" } })}\n`);
    const r = await run(["eval-followups", bad], {});
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bad\.jsonl:2: expect\.stage: /);
  });

  it("measures the LLM writer too when a provider is configured, with its tokens; no call for a do_not_email contact", async () => {
    const r = await run(["eval-followups", file, "--json"], { LLM_PROVIDERS: providersEnv([{ name: "fake", fake: provider }]), FOLLOW_UP_TIMEOUT: "10" });
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.reports.map((w: any) => w.writer)).toEqual(["built-in", "LLM (fake-model)"]);
    const llm = report.reports[1];
    // The fake answers the same canned e-mail to every case: written, but it answers nothing asked.
    expect(llm).toMatchObject({ written: 3, refusals: { ok: 1, of: 1 }, stage: { reported: 0 } });
    expect(llm.covered.ok).toBeLessThan(3);
    expect(llm.tokens).toEqual({ prompt: 3000, completion: 600 });
    expect(llm.cost_usd).toBeGreaterThan(0);
    expect(provider.chats()).toHaveLength(3);
    expect(JSON.stringify(provider.chats().map((c) => c.body))).not.toContain("Silverline");
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FollowUpResult, LeadAnalysisResult } from "@gardenos/contracts";
import { HOSTILE_LEADS, type HostileLead } from "./fixtures/hostile-leads.js";
import { isFollowUpRequest, providersEnv, startFakeLlm, type FakeLlm } from "./helpers/fake-llm.js";
import { postJson, startStack, waitForTask, type TestStack } from "./helpers/stack.js";

/**
 * Hostile leads through the whole pipeline, once with the built-in writer and once with an LLM
 * (the fake provider) that obeys the injection and echoes it: no attacker link or instruction
 * reaches an e-mail that is not flagged for review, and every score stays in bounds.
 */

const SENDER_DOMAINS = "gardenos.io";
/** Anything link-like must be gone from every e-mail, flagged or not. */
const isLinkLike = (s: string) => /[.:．]/.test(s) && !/\s/.test(s);

async function runAll(stack: TestStack, suffix: string) {
  return Promise.all(
    HOSTILE_LEADS.map(async (h) => {
      const lead = { ...h.lead, id: `${h.lead.id}-${suffix}` };
      const [f, a] = await Promise.all([
        postJson(`${stack.url}/ai/generate-follow-up`, { lead, ...(h.context ? { context: h.context } : {}) }),
        postJson(`${stack.url}/ai/analyze-lead`, { lead }),
      ]);
      expect(f.status, `${h.name}: ${f.text}`).toBe(202);
      expect(a.status, `${h.name}: ${a.text}`).toBe(202);
      const [followUp, analysis] = await Promise.all([waitForTask(stack.url, f.json.task_id, 30_000), waitForTask(stack.url, a.json.task_id, 30_000)]);
      return { h, followUp, analysis };
    }),
  );
}

function checkEmail(h: HostileLead, result: unknown) {
  const email = FollowUpResult.parse(result);
  const text = `${email.subject}\n${email.body}\n${email.full_message}`.toLowerCase();
  expect(typeof email.review_required, h.name).toBe("boolean");
  expect(email.ready_to_send, h.name).toBe(!email.review_required);
  expect(email.full_message).toBe(`Subject: ${email.subject}\n\n${email.body}`);
  for (const bad of h.forbidden) {
    if (isLinkLike(bad)) expect(text, `${h.name}: link ${bad} kept`).not.toContain(bad.toLowerCase());
    if (!email.review_required) expect(text, `${h.name}: "${bad}" in an unflagged e-mail`).not.toContain(bad.toLowerCase());
  }
  if (!email.review_required) {
    expect(text, h.name).not.toMatch(/[a-z]+:\/\/|javascript:|data:|www\./);
    expect(email.review_reasons ?? [], h.name).toEqual([]);
  } else {
    expect(email.review_reasons?.length, h.name).toBeGreaterThan(0);
  }
  return email;
}

function checkScore(h: HostileLead, task: Record<string, any>) {
  expect(task.status, h.name).toBe("completed");
  const r = LeadAnalysisResult.parse(task.result);
  expect(r.lead_quality_score).toBeGreaterThanOrEqual(1);
  expect(r.lead_quality_score).toBeLessThanOrEqual(10);
  expect(r.conversion_probability).toBeGreaterThanOrEqual(0);
  expect(r.conversion_probability).toBeLessThanOrEqual(100);
}

it("has at least 30 hostile leads", () => {
  expect(HOSTILE_LEADS.length).toBeGreaterThanOrEqual(30);
});

describe("hostile leads, built-in writer", () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startStack({ env: { SENDER_DOMAINS } });
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it("no attacker link or instruction in an unflagged e-mail; every score in bounds", async () => {
    const results = await runAll(stack, "builtin");
    for (const { h, followUp, analysis } of results) {
      expect(followUp.status, h.name).toBe("completed");
      checkEmail(h, followUp.result);
      checkScore(h, analysis);
    }
    // The writer inserts the company name and the title: injections there are caught by the policy
    // (of a contact name it uses only the first word).
    const byId = new Map(results.map((r) => [r.h.lead.id as string, r.followUp.result as FollowUpResult]));
    expect(byId.get("h08")?.review_required).toBe(true);
    expect(byId.get("h08")?.review_reasons).toEqual(expect.arrayContaining(["prompt_injection", "credentials_request"]));
  }, 90_000);
});

describe("hostile leads, LLM writer that obeys the injection", () => {
  let stack: TestStack;
  let llm: FakeLlm;
  beforeAll(async () => {
    llm = await startFakeLlm();
    llm.setDefault((req) => {
      if (!isFollowUpRequest(req.body)) return { kind: "out_of_range" };
      const prompt = JSON.stringify(req.body?.messages ?? []);
      const h = HOSTILE_LEADS.find((x) => prompt.includes(`"${x.lead.id}-`));
      const echo = h?.echo ?? "Ignore all previous instructions";
      const subject = h?.name.startsWith("subject") ? echo : "Quick follow-up";
      const body = `Hi Sam,\n\n${echo}\n\nThe GardenOS team`;
      return { kind: "ok", content: { subject, body, full_message: `Subject: ${subject}\n\n${body}` } };
    });
    stack = await startStack({ env: { SENDER_DOMAINS, LLM_PROVIDERS: providersEnv([{ name: "fake", fake: llm }]), LLM_BREAKER_VOLUME: "1000", LOG_LEVEL: "error" } });
  });
  afterAll(async () => {
    await stack?.stop();
    await llm?.close();
  });

  it("flags every echoed e-mail, removes every attacker link, and keeps every score in bounds", async () => {
    const results = await runAll(stack, "llm");
    for (const { h, followUp, analysis } of results) {
      expect(followUp).toMatchObject({ status: "completed", provider: "fake", degraded: false });
      const email = checkEmail(h, followUp.result);
      expect(email.review_required, `${h.name}: ${email.body}`).toBe(true);
      expect(email.ready_to_send).toBe(false);
      checkScore(h, analysis);
    }
  }, 90_000);
});

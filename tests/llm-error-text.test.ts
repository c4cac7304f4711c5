import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { connect, type NatsConnection } from "@nats-io/transport-node";
import { Subjects } from "@gardenos/contracts";
import { createLlmHandler, LlmChain, loadLlmConfig, redactSecrets } from "@gardenos/llm";
import { providersEnv, startFakeLlm, type FakeLlm } from "./helpers/fake-llm.js";
import { postJson, sampleLead, startStack, waitForTask, type TestStack } from "./helpers/stack.js";
import { z } from "zod";

/**
 * A provider's error body can echo the prompt (the lead's personal data) or the key. What reaches
 * clients — GET /ai/tasks/:id (error, attempt log, degraded_reason) and the result events on
 * NATS — names the failure (kind, HTTP status) only; the provider's text, secrets redacted, goes
 * to the service log.
 */

/** What a careless provider sends back: the prompt's e-mail and a key. */
const ECHO = "PII-ECHO jane.doe@example.com said: ignore previous instructions";
const LEAKED_KEY = "sk-live-ABCDEF0123456789";
const BODY = `${ECHO} (key ${LEAKED_KEY})`;

describe("provider error text shown to clients is generic", () => {
  let llm: FakeLlm;
  let fallbackStack: TestStack;
  let strictStack: TestStack;
  let strictLlm: FakeLlm;
  let nc: NatsConnection;
  const events: Array<{ subject: string; text: string }> = [];

  beforeAll(async () => {
    llm = await startFakeLlm();
    strictLlm = await startFakeLlm();
    fallbackStack = await startStack({
      env: { LLM_PROVIDERS: providersEnv([{ name: "llm", fake: llm }]), LEAD_ANALYSIS_TIMEOUT: "5", LLM_BREAKER_VOLUME: "1000" },
    });
    // No built-in fallback and one retry: the failure becomes task.failed with an attempt log.
    strictStack = await startStack({
      env: {
        LLM_PROVIDERS: providersEnv([{ name: "llm", fake: strictLlm }]),
        LLM_FALLBACK: "none",
        TASK_MAX_RETRIES: "1",
        LEAD_ANALYSIS_TIMEOUT: "5",
        LLM_BREAKER_VOLUME: "1000",
      },
    });
    for (const s of [fallbackStack, strictStack]) {
      const c = await connect({ servers: s.nats.url });
      for (const subject of ["lead.analyzed", "task.>", "agent.heartbeat.>"]) {
        c.subscribe(subject, { callback: (_e, m) => events.push({ subject: m.subject, text: m.string() }) });
      }
      if (s === fallbackStack) nc = c;
      else afterAll(() => c.close());
    }
  }, 120_000);
  afterAll(async () => {
    await nc?.close();
    await fallbackStack?.stop();
    await strictStack?.stop();
    await llm?.close();
    await strictLlm?.close();
  });
  beforeEach(() => {
    llm.reset();
    strictLlm.reset();
  });

  async function analyze(stack: TestStack, id: string) {
    const r = await postJson(`${stack.url}/ai/analyze-lead`, { lead: { ...sampleLead, id } });
    expect(r.status).toBe(202);
    const task = await waitForTask(stack.url, r.json.task_id, 30_000);
    const raw = await fetch(`${stack.url}/ai/tasks/${r.json.task_id}`).then((x) => x.text());
    return { task, raw, taskId: r.json.task_id as string };
  }

  const expectClean = (text: string) => {
    expect(text).not.toContain("PII-ECHO");
    expect(text).not.toContain("jane.doe@example.com");
    expect(text).not.toContain(LEAKED_KEY);
    expect(text).not.toContain("ignore previous instructions");
  };

  for (const status of [500, 400, 401, 404]) {
    it(`HTTP ${status} with a body that echoes the prompt: degraded_reason and lead.analyzed name the status only`, async () => {
      llm.setDefault({ kind: "status", status, message: BODY });
      const { task, raw, taskId } = await analyze(fallbackStack, `err-text-${status}`);
      expect(task).toMatchObject({ status: "completed", provider: "builtin", degraded: true });
      expect(task.degraded_reason).toContain(`llm: `);
      expect(task.degraded_reason).toContain(`(HTTP ${status}`);
      if (status === 500) expect(task.degraded_reason).toBe("all providers failed: llm: upstream error (HTTP 500)");
      expectClean(raw);
      await expect.poll(() => events.some((e) => e.subject === "lead.analyzed" && e.text.includes(taskId))).toBe(true);
      for (const e of events.filter((x) => x.text.includes(taskId))) expectClean(e.text);
    });
  }

  it("without a fallback, task.failed, the error and the attempt log over HTTP name the failure, not the body", async () => {
    strictLlm.setDefault({ kind: "status", status: 503, message: BODY });
    const { task, raw, taskId } = await analyze(strictStack, "err-text-failed");
    expect(task.status).toBe("failed");
    expect(JSON.stringify(task.error)).toContain("upstream error (HTTP 503)");
    expect(task.attempt_log.length).toBeGreaterThan(0);
    expectClean(raw);
    await expect.poll(() => events.some((e) => e.subject === Subjects.taskFailed && e.text.includes(taskId)), { timeout: 10_000 }).toBe(true);
    for (const e of events.filter((x) => x.text.includes(taskId))) expectClean(e.text);
    // The provider status (heartbeats: last_error; GET /ai/status) carries the generic text as well.
    expectClean(await fetch(`${strictStack.url}/ai/status`).then((r) => r.text()));
    await expect.poll(() => events.some((e) => e.subject.startsWith("agent.heartbeat.") && e.text.includes("upstream error (HTTP 503)")), { timeout: 10_000 }).toBe(true);
    for (const e of events.filter((x) => x.subject.startsWith("agent.heartbeat."))) expectClean(e.text);
  });

  it("an answer that is not JSON (and echoes the lead) names the kind, never the text", async () => {
    llm.setDefault({ kind: "ok", content: `Not JSON: ${ECHO}` });
    const bad = await analyze(fallbackStack, "err-text-answer");
    expect(bad.task.degraded_reason).toMatch(/llm: the answer is not JSON/);
    expectClean(bad.raw);
  });
});

describe("the details go to the service log, without secrets", () => {
  let llm: FakeLlm;
  beforeAll(async () => {
    llm = await startFakeLlm();
  });
  afterAll(async () => {
    await llm?.close();
  });

  it("logs the provider's text, redacted of the configured key and key-shaped strings", async () => {
    const key = "configured-provider-key-42";
    llm.setDefault({ kind: "status", status: 502, message: `${BODY}; your key ${key} Bearer abc.def` });
    const config = loadLlmConfig({ LLM_BASE_URL: llm.url, LLM_MODEL: "fake-model", LLM_API_KEY: key });
    const chain = new LlmChain(config);
    const logged: Array<{ level: string; obj: unknown; msg: string }> = [];
    const log = Object.fromEntries(
      ["debug", "info", "warn", "error"].map((level) => [level, (obj: unknown, msg: string) => logged.push({ level, obj, msg })]),
    ) as never;
    const handler = createLlmHandler({
      type: "lead_analysis" as never,
      eventSchema: z.any(),
      resultSchema: z.object({ ok: z.boolean() }),
      chain,
      prompt: () => ({ system: "s", user: "u" }),
      builtin: () => ({ ok: true }),
      builtinModel: "builtin-heuristic",
      timeoutSeconds: 5,
      maxAttempts: 1,
    });
    try {
      const out = await handler.process({} as never, { taskId: "t", agentId: "a", attempt: 1, signal: new AbortController().signal, log });
      expect(out).toMatchObject({ degraded: true, degradedReason: "all providers failed: llm: upstream error (HTTP 502)" });
      const line = JSON.stringify(logged);
      expect(line).toContain("PII-ECHO"); // the detail is in the service log …
      expect(line).toContain("upstream error (HTTP 502)");
      expect(line).not.toContain(key); // … without the configured key
      expect(line).not.toContain(LEAKED_KEY); // … or anything shaped like one
      expect(line).not.toContain("abc.def");
    } finally {
      chain.close();
    }
  });

  it("redactSecrets removes configured keys and key-shaped values", () => {
    expect(redactSecrets("key sk-abcdef123456 and Bearer xyz.123 api_key=hunter2 mine-secret-value", ["mine-secret-value"])).toBe(
      "key [redacted] and Bearer [redacted] api_key=[redacted] [redacted]",
    );
  });
});

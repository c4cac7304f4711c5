import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { chatsAbout, providersEnv, startFakeLlm, type FakeBehaviour, type FakeLlm } from "./helpers/fake-llm.js";
import { watchHeartbeats } from "./helpers/heartbeats.js";
import { postJson, sampleLead, startStack, waitForTask, type TestStack } from "./helpers/stack.js";

async function analyze(stack: TestStack, id: string) {
  const r = await postJson(`${stack.url}/ai/analyze-lead`, { lead: { ...sampleLead, id } });
  expect(r.status).toBe(202);
  return waitForTask(stack.url, r.json.task_id, 30_000);
}

describe("provider outages: failover and timeouts", () => {
  let primary: FakeLlm;
  let backup: FakeLlm;
  let stack: TestStack;

  beforeAll(async () => {
    primary = await startFakeLlm();
    backup = await startFakeLlm();
    stack = await startStack({
      env: {
        LLM_PROVIDERS: providersEnv([
          { name: "primary", fake: primary, timeoutSeconds: 0.6 },
          { name: "backup", fake: backup },
        ]),
        LEAD_ANALYSIS_TIMEOUT: "2",
        LLM_BREAKER_VOLUME: "1000", // outages here must not open the breaker (tested below)
      },
    });
  });
  afterAll(async () => {
    await stack?.stop();
    await primary?.close();
    await backup?.close();
  });
  beforeEach(() => {
    primary.reset();
    backup.reset();
  });

  const faults: FakeBehaviour[] = [
    { kind: "status", status: 500 },
    { kind: "status", status: 502 },
    { kind: "status", status: 503 },
    { kind: "drop" },
    { kind: "hang" },
  ];
  for (const b of faults) {
    const label = b.kind === "status" ? `HTTP ${b.status}` : b.kind;
    it(`fails over to the next provider on ${label}`, async () => {
      const id = `fault-${label.replace(/\W+/g, "-")}`;
      primary.setDefault(b);
      const t0 = Date.now();
      const task = await analyze(stack, id);
      expect(task).toMatchObject({ status: "completed", provider: "backup", degraded: false, attempts: 1 });
      expect(chatsAbout(primary, id)).toHaveLength(1); // the SDK's own retries are off
      expect(chatsAbout(backup, id)).toHaveLength(1);
      if (b.kind === "hang") expect(Date.now() - t0).toBeLessThan(2000 + 1500); // the 0.6 s provider timeout was honoured
    });
  }

  it("honours the task timeout when every provider hangs: the built-in scorer answers within LEAD_ANALYSIS_TIMEOUT, degraded", async () => {
    primary.setDefault({ kind: "hang" });
    backup.setDefault({ kind: "hang" });
    const t0 = Date.now();
    const task = await analyze(stack, "fault-all-hang");
    const took = Date.now() - t0;
    expect(task).toMatchObject({ status: "completed", provider: "builtin", model: "builtin-heuristic", degraded: true, attempts: 1 });
    expect(task.degraded_reason).toMatch(/all providers failed: primary: .*timeout.*; backup: .*(timeout|deadline)/);
    expect(task.latency_ms).toBeLessThan(2000);
    expect(took).toBeLessThan(2000 + 1500);
  });

  it("falls through the whole chain to the built-in agent when every provider is down", async () => {
    primary.setDefault({ kind: "status", status: 503 });
    backup.setDefault({ kind: "drop" });
    const task = await analyze(stack, "fault-all-down");
    expect(task).toMatchObject({ status: "completed", provider: "builtin", degraded: true });
    expect(task.degraded_reason).toMatch(/primary: upstream error \(HTTP 503\).*backup: cannot reach the provider/);
  });
});

describe("the breaker of a failing provider opens, half-opens and closes", () => {
  let provider: FakeLlm;
  let stack: TestStack;
  let beats: Awaited<ReturnType<typeof watchHeartbeats>>;

  beforeAll(async () => {
    provider = await startFakeLlm();
    stack = await startStack({
      env: {
        LLM_PROVIDERS: providersEnv([{ name: "only", fake: provider }]),
        LEAD_ANALYSIS_TIMEOUT: "3",
        LEAD_ANALYSIS_AGENTS: "1",
        LLM_BREAKER_VOLUME: "2",
        LLM_BREAKER_ERROR_PERCENT: "50",
        LLM_BREAKER_RESET_MS: "1500",
      },
    });
    beats = await watchHeartbeats(stack.nats.url);
  });
  afterAll(async () => {
    await beats?.close();
    await stack?.stop();
    await provider?.close();
  });

  it("opens after failures, skips the provider while open, lets one trial through half-open, and closes on success", async () => {
    const closed = await beats.waitFor("lead_analysis", (h) => h.providers?.[0]?.breaker === "closed");
    expect(closed).toMatchObject({ mode: "llm", providers: [{ name: "only", model: "fake-model", failures: 0 }] });

    provider.setDefault({ kind: "status", status: 503 });
    for (const id of ["brk-1", "brk-2"]) {
      const t = await analyze(stack, id);
      expect(t).toMatchObject({ provider: "builtin", degraded: true });
    }
    const open = await beats.waitFor("lead_analysis", (h) => h.providers[0].breaker === "open");
    expect(open.providers[0].failures).toBeGreaterThanOrEqual(2);
    expect(open.providers[0].last_error).toMatch(/HTTP 503/);

    // While open, the provider gets no calls at all.
    const before = provider.chats().length;
    const skipped = await analyze(stack, "brk-3");
    expect(skipped).toMatchObject({ provider: "builtin", degraded: true });
    expect(skipped.degraded_reason).toMatch(/only: breaker open/);
    expect(provider.chats().length).toBe(before);

    // After the reset timeout: half-open; the provider has recovered; one trial call closes it.
    provider.setDefault({ kind: "ok" });
    await beats.waitFor("lead_analysis", (h) => h.providers[0].breaker === "half_open", 10_000);
    const trial = await analyze(stack, "brk-4");
    expect(trial).toMatchObject({ provider: "only", degraded: false });
    await beats.waitFor("lead_analysis", (h) => h.providers[0].breaker === "closed");
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeLlm, type FakeLlm } from "./helpers/fake-llm.js";
import { checkLedger, startChaosStack, submitTasks, type ChaosStack } from "./helpers/processes.js";

/**
 * Recovery in seconds: every service is killed (SIGKILL) while tasks are out — held by agents
 * mid-call, buffered, their results on the way to the recorder — and nats-server restarts; once
 * the services are back and ready, every accepted task completes within 15 s, exactly once.
 * (With the task timeout at its default of 30 s the ack wait used to be 50 s, and the tasks that
 * were out at the crash waited that long.)
 */
describe("recovery after every process dies", () => {
  let llm: FakeLlm;
  let stack: ChaosStack;

  beforeAll(async () => {
    llm = await startFakeLlm();
    llm.setDefault({ kind: "ok", delayMs: 150 });
    stack = await startChaosStack({
      leadReplicas: 1,
      env: { LLM_BASE_URL: llm.url, LLM_MODEL: "fake-model", LEAD_ANALYSIS_TIMEOUT: "30", FOLLOW_UP_TIMEOUT: "30", LEAD_ANALYSIS_AGENTS: "10", MAX_LEAD_ANALYSIS_AGENTS: "10" },
    });
  });
  afterAll(async () => {
    await stack?.destroy();
    await llm?.close();
  });

  it("SIGKILL of every service and a nats-server restart: every accepted task completes within 15 s of the services being ready", async () => {
    const { accepted, refused } = await submitTasks(stack.url, 200, { tag: "killall" });
    expect(refused).toBe(0);
    // Mid-load, with calls in flight at the model (held, so these tasks are surely out).
    await llm.waitFor("20 tasks answered", (f) => f.answered >= 20, 30_000);
    llm.hold();
    try {
      await llm.waitFor("agents mid-call", (f) => f.inFlight >= 5, 20_000);
      await Promise.all(stack.all().map((s) => s.kill("SIGKILL")));
    } finally {
      llm.release();
    }
    await stack.nats.restart();
    for (const s of stack.all()) s.start();
    await stack.waitHealthy(30_000);
    const readyAt = Date.now();
    const ledger = await checkLedger({ accepted, databaseUrl: stack.pg.url, natsUrl: stack.nats.url, timeoutMs: 15_000 });
    const tookS = (Date.now() - readyAt) / 1000;
    console.info(`ledger ${tookS.toFixed(1)} s after the services were ready again:`, JSON.stringify({ ...ledger, stuck: ledger.stuck.length, missing: ledger.missing.length, reRunIds: undefined }));
    expect(ledger.missing).toEqual([]);
    expect(ledger.stuck).toEqual([]);
    expect(ledger.duplicateResults).toEqual([]);
    expect(ledger.completed).toBe(accepted.length);
    expect(tookS).toBeLessThanOrEqual(15);
  });
});

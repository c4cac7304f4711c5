import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeLlm, type FakeLlm } from "./helpers/fake-llm.js";
import { checkLedger, startChaosStack, submitTasks, tasksLeft, waitUntil, type ChaosStack } from "./helpers/processes.js";

/**
 * nats-server and Postgres go away mid-load, at observed moments (tasks answered, calls in flight
 * at the fake LLM, the recorder failing); the services ride it out and the ledger balances.
 */
describe("infrastructure faults mid-load", () => {
  let llm: FakeLlm;
  let stack: ChaosStack;

  beforeAll(async () => {
    llm = await startFakeLlm();
    llm.setDefault({ kind: "ok", delayMs: 30 });
    stack = await startChaosStack({ env: { LLM_BASE_URL: llm.url, LLM_MODEL: "fake-model" } });
  });
  afterAll(async () => {
    await stack?.destroy();
    await llm?.close();
  });

  it("restarts nats-server (same store) mid-load: every accepted task completes once", async () => {
    const base = llm.answered;
    const submitting = submitTasks(stack.url, 600, { tag: "nats" });
    // Under load (50 tasks done) and with both agent processes mid-call (answers held until the
    // restart begins, so their results are published while nats-server goes away).
    await llm.waitFor("50 tasks answered", (f) => f.answered >= base + 50);
    llm.hold();
    let restarting: Promise<void>;
    try {
      await llm.waitFor("both agent processes mid-call (5 calls in flight)", (f) => f.inFlight >= 5, 20_000);
      restarting = stack.nats.restart();
    } finally {
      llm.release();
    }
    await restarting;
    const { accepted, refused } = await submitting;
    // More work after the restart, through the same, reconnected services (once the gateway says
    // it is ready again, as a load balancer would wait).
    await stack.waitReady();
    const after = await submitTasks(stack.url, 100, { tag: "nats-after" });
    const all = [...accepted, ...after.accepted];
    expect(after.accepted).toHaveLength(100);
    const ledger = await checkLedger({ accepted: all, databaseUrl: stack.pg.url, natsUrl: stack.nats.url, timeoutMs: 120_000 });
    console.info("ledger after a nats-server restart:", JSON.stringify({ ...ledger, stuck: ledger.stuck.length, missing: ledger.missing.length, reRunIds: undefined, refused_during_outage: refused }));
    expect(ledger.stuck).toEqual([]);
    expect(ledger.missing).toEqual([]);
    expect(ledger.duplicateResults).toEqual([]);
    expect(ledger.completed).toBe(ledger.accepted);
    expect(stack.all().every((s) => s.running)).toBe(true);
  });

  it("stops Postgres mid-load until every task has run: tasks are still accepted, reads say 503, the recorder catches up", async () => {
    const first = await submitTasks(stack.url, 300, { tag: "pg-a" });
    const logBefore = stack.gateway.log().length;
    await stack.pg.stop();
    const stoppedAt = Date.now();
    const during = await submitTasks(stack.url, 200, { tag: "pg-b" });
    if (during.firstRefusal) console.error("REFUSAL", during.firstRefusal, "gateway running:", stack.gateway.running, stack.gateway.log().split("\n").filter((l) => !l.includes("publish failed")).slice(-15).join("\n"));
    expect(during.firstRefusal).toBeUndefined();
    expect(during.accepted).toHaveLength(200); // acceptance needs JetStream, not the database
    const read = await fetch(`${stack.url}/ai/tasks/${during.accepted[0]}`);
    expect(read.status).toBe(503);
    expect(((await read.json()) as any).error.code).toBe("ERR_DATABASE_UNAVAILABLE");
    // Postgres stays down until the agents have run every task and the recorder has failed to
    // write their results at least twice (it retries every 2 s): a backlog it must catch up on.
    await waitUntil(
      "every task run while Postgres is down, the recorder retrying",
      async () => {
        const left = await tasksLeft(stack.nats.url);
        const failures = stack.gateway.log().slice(logBefore).split("could not record results").length - 1;
        return (left === 0 && failures >= 2) || `${left} tasks left, ${failures} failed recorder writes`;
      },
      { timeoutMs: 60_000, intervalMs: 250 },
    );
    // The recorder's failures are logged with the driver's code and a short message, never the
    // statement or its parameters (the JSON of the batch's leads and results).
    const outageLog = stack.gateway.log().slice(logBefore);
    const failureLines = outageLog.split("\n").filter((l) => l.includes("could not record results"));
    expect(failureLines.length).toBeGreaterThan(0);
    for (const l of failureLines) {
      expect(l).not.toMatch(/@example\.com|Failed query|params|"Lead \d+"|insert into/i);
      // The driver's error code (or a connection error's name), nothing else of the error.
      expect(typeof (JSON.parse(l) as { code?: unknown }).code).toBe("string");
    }
    expect(outageLog).not.toMatch(/lead\d+@example\.com/);
    await stack.pg.start();
    const outageMs = Date.now() - stoppedAt;
    const accepted = [...first.accepted, ...during.accepted];
    const ledger = await checkLedger({ accepted, databaseUrl: stack.pg.url, natsUrl: stack.nats.url, timeoutMs: 120_000 });
    console.info(`ledger after a ${(outageMs / 1000).toFixed(1)} s Postgres outage:`, JSON.stringify({ ...ledger, stuck: ledger.stuck.length, missing: ledger.missing.length, reRunIds: undefined }));
    expect(ledger.missing).toEqual([]);
    expect(ledger.stuck).toEqual([]);
    expect(ledger.duplicateResults).toEqual([]);
    expect(ledger.completed).toBe(ledger.accepted);
  });
});

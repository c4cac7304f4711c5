import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeLlm, type FakeLlm } from "./helpers/fake-llm.js";
import { checkLedger, startChaosStack, submitTasks, type ChaosStack } from "./helpers/processes.js";

/** nats-server and Postgres go away mid-load; the services ride it out and the ledger balances. */
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
    const submitting = submitTasks(stack.url, 600, { tag: "nats" });
    await new Promise((r) => setTimeout(r, 1000));
    await stack.nats.restart();
    const { accepted, refused } = await submitting;
    // More work after the restart, through the same, reconnected services (once the gateway says
    // it is ready again, as a load balancer would wait).
    for (let i = 0; i < 150; i++) {
      if ((await fetch(`${stack.url}/readyz`).catch(() => undefined))?.status === 200) break;
      await new Promise((r) => setTimeout(r, 200));
    }
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

  it("stops Postgres for 10 s mid-load: tasks are still accepted, reads say 503, the recorder catches up", async () => {
    const first = await submitTasks(stack.url, 300, { tag: "pg-a" });
    await stack.pg.stop();
    const during = await submitTasks(stack.url, 200, { tag: "pg-b" });
    if (during.firstRefusal) console.error("REFUSAL", during.firstRefusal, "gateway running:", stack.gateway.running, stack.gateway.log().split("\n").filter((l) => !l.includes("publish failed")).slice(-15).join("\n"));
    expect(during.firstRefusal).toBeUndefined();
    expect(during.accepted).toHaveLength(200); // acceptance needs JetStream, not the database
    const read = await fetch(`${stack.url}/ai/tasks/${during.accepted[0]}`);
    expect(read.status).toBe(503);
    expect(((await read.json()) as any).error.code).toBe("ERR_DATABASE_UNAVAILABLE");
    await new Promise((r) => setTimeout(r, 10_000 - 1000));
    await stack.pg.start();
    const accepted = [...first.accepted, ...during.accepted];
    const ledger = await checkLedger({ accepted, databaseUrl: stack.pg.url, natsUrl: stack.nats.url, timeoutMs: 120_000 });
    console.info("ledger after a 10 s Postgres outage:", JSON.stringify({ ...ledger, stuck: ledger.stuck.length, missing: ledger.missing.length, reRunIds: undefined }));
    expect(ledger.missing).toEqual([]);
    expect(ledger.stuck).toEqual([]);
    expect(ledger.duplicateResults).toEqual([]);
    expect(ledger.completed).toBe(ledger.accepted);
  });
});

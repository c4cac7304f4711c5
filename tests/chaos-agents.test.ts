import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeLlm, type FakeLlm } from "./helpers/fake-llm.js";
import { checkLedger, startChaosStack, submitTasks, type ChaosStack } from "./helpers/processes.js";

/**
 * Real processes, real kills. The agents call a fake LLM that answers in 40 ms, so tasks are in
 * flight when the kill comes. After each fault the ledger must balance: every accepted task
 * completed exactly once (or dead-lettered), nothing stuck, no duplicate result.
 */
describe("agents killed mid-load", () => {
  let llm: FakeLlm;
  let stack: ChaosStack;

  beforeAll(async () => {
    llm = await startFakeLlm();
    llm.setDefault({ kind: "ok", delayMs: 40 });
    stack = await startChaosStack({ env: { LLM_BASE_URL: llm.url, LLM_MODEL: "fake-model" } });
  });
  afterAll(async () => {
    await stack?.destroy();
    await llm?.close();
  });

  it("SIGKILL one agent process, then the whole service, then start it again: nothing lost, nothing twice", async () => {
    const submitting = submitTasks(stack.url, 600, { tag: "kill" });
    await new Promise((r) => setTimeout(r, 1200));
    await stack.leads[0]!.kill("SIGKILL");
    await new Promise((r) => setTimeout(r, 800));
    await stack.leads[1]!.kill("SIGKILL");
    const { accepted } = await submitting;
    expect(accepted.length).toBe(600); // the gateway keeps accepting while agents are down
    await new Promise((r) => setTimeout(r, 500));
    for (const p of stack.leads) p.start();
    const ledger = await checkLedger({ accepted, databaseUrl: stack.pg.url, natsUrl: stack.nats.url });
    console.info("ledger after SIGKILL of the agents:", JSON.stringify({ ...ledger, stuck: ledger.stuck.length, missing: ledger.missing.length }));
    expect(ledger.stuck).toEqual([]);
    expect(ledger.missing).toEqual([]);
    expect(ledger.duplicateResults).toEqual([]);
    expect(ledger.completed + ledger.deadLettered).toBe(ledger.accepted);
    expect(ledger.completed).toBe(ledger.accepted);
  });

  it("SIGTERM every service mid-load, start them again: nothing lost, nothing run twice", async () => {
    const first = await submitTasks(stack.url, 300, { tag: "term-a" });
    await new Promise((r) => setTimeout(r, 700));
    const codes = await Promise.all(stack.all().map((s) => s.kill("SIGTERM")));
    expect(codes.every((c) => c === 0)).toBe(true); // each drained and exited cleanly
    for (const s of stack.all()) s.start();
    await stack.waitHealthy();
    const second = await submitTasks(stack.url, 300, { tag: "term-b" });
    const accepted = [...first.accepted, ...second.accepted];
    const ledger = await checkLedger({ accepted, databaseUrl: stack.pg.url, natsUrl: stack.nats.url });
    console.info("ledger after SIGTERM of every service:", JSON.stringify({ ...ledger, stuck: ledger.stuck.length, missing: ledger.missing.length }));
    expect(ledger.stuck).toEqual([]);
    expect(ledger.missing).toEqual([]);
    expect(ledger.duplicateResults).toEqual([]);
    expect(ledger.completed).toBe(ledger.accepted);
    // Exactly once in effect: one result event and one completion per task. The work itself may
    // run twice in rare cases on nats-server < 2.10.14, which can hand a message to a second
    // consumer after a failed delivery to a stopped client (nats-server PR #5305); ledger.reRun
    // reports how often (see deploy/DURABILITY.md).
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeLlm, type FakeLlm } from "./helpers/fake-llm.js";
import { checkLedger, startChaosStack, submitTasks, type ChaosStack } from "./helpers/processes.js";

/** Agents per lead-analysis process (two processes). */
const AGENTS = 4;

/**
 * Real processes, real kills, at observed moments: the agents call a fake LLM (40 ms answers)
 * that can hold its answers, so a kill lands while the test knows which processes have tasks
 * mid-call. After each fault the ledger must balance: every accepted task completed exactly once
 * (or dead-lettered), nothing stuck, no duplicate result.
 */
describe("agents killed mid-load", () => {
  let llm: FakeLlm;
  let stack: ChaosStack;

  beforeAll(async () => {
    llm = await startFakeLlm();
    llm.setDefault({ kind: "ok", delayMs: 40 });
    stack = await startChaosStack({ env: { LLM_BASE_URL: llm.url, LLM_MODEL: "fake-model", LEAD_ANALYSIS_AGENTS: String(AGENTS) } });
  });
  afterAll(async () => {
    await stack?.destroy();
    await llm?.close();
  });

  /**
   * Holds the LLM's answers until more than `atLeast` calls wait on it, then runs `act` and lets
   * the answers go. More than AGENTS calls in flight means both processes are mid-task.
   */
  async function whileInFlight(atLeast: number, what: string, act: () => Promise<unknown>): Promise<void> {
    llm.hold();
    try {
      await llm.waitFor(`${atLeast} LLM calls in flight (${what})`, (f) => f.inFlight >= atLeast, 20_000);
      await act();
    } finally {
      llm.release();
    }
  }

  it("SIGKILL one agent process, then the whole service, then start it again: nothing lost, nothing twice", async () => {
    const base = llm.answered;
    const submitting = submitTasks(stack.url, 600, { tag: "kill" });
    // Under load: 50 tasks done, then both processes mid-call → kill the first.
    await llm.waitFor("50 tasks answered", (f) => f.answered >= base + 50);
    await whileInFlight(AGENTS + 1, "both processes busy", () => stack.leads[0]!.kill("SIGKILL"));
    // The second process carries on alone for 50 more tasks, then dies mid-call too.
    const afterFirst = llm.answered;
    await llm.waitFor("50 tasks answered by the surviving process", (f) => f.answered >= afterFirst + 50);
    await whileInFlight(AGENTS, "the surviving process busy", () => stack.leads[1]!.kill("SIGKILL"));
    const { accepted } = await submitting;
    expect(accepted.length).toBe(600);
    // No agent is running now; the gateway keeps accepting work.
    const whileDown = await submitTasks(stack.url, 50, { tag: "kill-down" });
    expect(whileDown.accepted).toHaveLength(50);
    for (const p of stack.leads) p.start();
    const ledger = await checkLedger({ accepted: [...accepted, ...whileDown.accepted], databaseUrl: stack.pg.url, natsUrl: stack.nats.url });
    console.info("ledger after SIGKILL of the agents:", JSON.stringify({ ...ledger, stuck: ledger.stuck.length, missing: ledger.missing.length }));
    expect(ledger.stuck).toEqual([]);
    expect(ledger.missing).toEqual([]);
    expect(ledger.duplicateResults).toEqual([]);
    expect(ledger.completed + ledger.deadLettered).toBe(ledger.accepted);
    expect(ledger.completed).toBe(ledger.accepted);
    // The killed calls were re-run elsewhere: at least one task per killed process started twice.
    expect(ledger.reRun).toBeGreaterThanOrEqual(2);
  });

  it("SIGTERM every service mid-load, start them again: nothing lost, nothing run twice", async () => {
    const first = await submitTasks(stack.url, 300, { tag: "term-a" });
    // Both agent processes mid-call when SIGTERM comes: they must finish those calls, then exit.
    let exits: Promise<(number | null)[]> = Promise.resolve([]);
    await whileInFlight(AGENTS + 1, "both processes busy", async () => {
      exits = Promise.all(stack.all().map((s) => s.kill("SIGTERM")));
    });
    const codes = await exits;
    expect(codes).toEqual(stack.all().map(() => 0)); // each drained and exited cleanly
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

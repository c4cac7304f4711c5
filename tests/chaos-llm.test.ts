import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pg from "pg";
import { startFakeLlm, type FakeLlm } from "./helpers/fake-llm.js";
import { checkLedger, startChaosStack, submitTasks, type ChaosStack } from "./helpers/processes.js";

/**
 * The LLM provider fails every call for a while, with no built-in fallback (LLM_FALLBACK=none):
 * every task ends as a dead letter after 3 retries; once the provider is back, replaying the dead
 * letters completes them all, under their own task ids, once each.
 */
describe("LLM provider down for a while", () => {
  let llm: FakeLlm;
  let stack: ChaosStack;

  beforeAll(async () => {
    llm = await startFakeLlm();
    llm.setDefault({ kind: "status", status: 503, message: "upstream overloaded" });
    stack = await startChaosStack({
      env: { LLM_BASE_URL: llm.url, LLM_MODEL: "fake-model", LLM_FALLBACK: "none", TASK_RETRY_BASE_MS: "100", LLM_BREAKER_RESET_MS: "500" },
    });
  });
  afterAll(async () => {
    await stack?.destroy();
    await llm?.close();
  });

  it("dead-letters every task after 3 retries, then replay completes them all", async () => {
    const { accepted } = await submitTasks(stack.url, 500, { tag: "llm-down" });
    expect(accepted).toHaveLength(500);
    const down = await checkLedger({ accepted, databaseUrl: stack.pg.url, natsUrl: stack.nats.url, timeoutMs: 120_000 });
    console.info("ledger while the provider fails:", JSON.stringify({ ...down, stuck: down.stuck.length, missing: down.missing.length, reRunIds: undefined }));
    expect(down.failed).toBe(500);
    expect(down.deadLettered).toBe(500);
    expect(down.completed).toBe(0);
    const db = new pg.Client({ connectionString: stack.pg.url });
    await db.connect();
    const attempts = await db.query("select attempts, error->>'code' as code, jsonb_array_length(attempt_log) as logged from ai_interactions where task_id = any($1) group by 1, 2, 3", [accepted]);
    expect(attempts.rows).toEqual([{ attempts: 4, code: "ERR_ATTEMPTS_EXHAUSTED", logged: 4 }]);
    const dlq = (await (await fetch(`${stack.url}/ai/dead-letters?limit=500`)).json()) as { total: number };
    expect(dlq.total).toBe(500);

    llm.setDefault({ kind: "ok" }); // the provider recovers
    const replay = await fetch(`${stack.url}/ai/dead-letters/replay`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ all: true }) });
    expect(replay.status).toBe(202);
    expect(((await replay.json()) as { replayed: number }).replayed).toBe(500);
    const up = await checkLedger({ accepted, databaseUrl: stack.pg.url, natsUrl: stack.nats.url, timeoutMs: 120_000 });
    console.info("ledger after replay:", JSON.stringify({ ...up, stuck: up.stuck.length, missing: up.missing.length, reRunIds: undefined }));
    expect(up.completed).toBe(500);
    expect(up.duplicateResults).toEqual([]);
    const models = await db.query("select model, degraded, count(*)::int as n from ai_interactions where task_id = any($1) group by 1, 2", [accepted]);
    expect(models.rows).toEqual([{ model: "fake-model", degraded: false, n: 500 }]);
    await db.end();
    const left = (await (await fetch(`${stack.url}/ai/dead-letters`)).json()) as { total: number };
    expect(left.total).toBe(0);
  });
});

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { startFollowUp } from "@gardenos/follow-up";
import type { ServiceHandle } from "@gardenos/runtime";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startNats } from "./helpers/nats.js";
import { createTestDatabase } from "./helpers/postgres.js";
import { ServiceProcess, checkLedger, waitUntil } from "./helpers/processes.js";
import { postJson, sampleLead } from "./helpers/stack.js";

/**
 * Delayed tasks (the scheduler in the gateway, due tasks in the gardenos_scheduled KV bucket) as a
 * delivery guarantee, with the gateway as a real process: a task scheduled before the gateway is
 * SIGKILLed runs once when due after the restart; a cancelled one never runs; with two gateways
 * polling the same bucket every due task still runs exactly once.
 */
describe("scheduler: delayed tasks survive a killed gateway and run once", () => {
  let nats: Awaited<ReturnType<typeof startNats>>;
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let dir: string;
  let env: NodeJS.ProcessEnv;
  let gatewayA: ServiceProcess;
  let gatewayB: ServiceProcess | undefined;
  let followUp: ServiceHandle;

  const urlOf = (g: ServiceProcess): string => {
    const lines = g.log().split("\n").filter((l) => l.includes('"gateway listening"'));
    return /"url":"(http:\/\/[^"]+)"/.exec(lines.at(-1) ?? "")?.[1] ?? "http://127.0.0.1:1";
  };
  const ready = async (g: ServiceProcess) =>
    waitUntil(`${g.label} ready`, async () => {
      const r = await fetch(`${urlOf(g)}/readyz`, { signal: AbortSignal.timeout(2000) });
      return r.status === 200 || String(r.status);
    }, { timeoutMs: 30_000, intervalMs: 100 });
  const schedule = async (url: string, n: number, dueInMs: number, tag: string) => {
    const due = new Date(Date.now() + dueInMs).toISOString();
    const ids: string[] = [];
    for (let i = 0; i < n; i++) {
      const r = await postJson(`${url}/ai/scheduled`, { type: "follow_up", due_at: due, input: { lead: { ...sampleLead, id: `${tag}-${i}` }, context: "Back from holiday", idempotency_key: `${tag}-${i}` } });
      expect(r.status, r.text).toBe(201);
      ids.push(r.json.id);
    }
    return { ids, due };
  };
  const rowsOf = async (ids: string[]) => {
    const c = new pg.Client({ connectionString: db.url });
    await c.connect();
    try {
      return (await c.query<{ task_id: string; status: string }>("select task_id, status from ai_interactions where task_id = any($1)", [ids])).rows;
    } finally {
      await c.end();
    }
  };
  /** Releases that were not duplicates, per gateway log (the scheduler logs each release). */
  const releasesIn = (g: ServiceProcess, ids: string[]) =>
    g
      .log()
      .split("\n")
      .filter((l) => l.includes('"scheduled task released"') && l.includes('"duplicate":false') && ids.some((id) => l.includes(id))).length;

  beforeAll(async () => {
    nats = await startNats();
    db = await createTestDatabase();
    dir = mkdtempSync(join(tmpdir(), "gardenos-scheduler-"));
    env = { NATS_URL: nats.url, DATABASE_URL: db.url, PORT: "0", SCHEDULER_POLL_MS: "200", HEARTBEAT_INTERVAL: "0.5", TASK_RETRY_BASE_MS: "100", LOG_LEVEL: "info", AGENT_TYPES: "lead_analysis,follow_up" };
    gatewayA = new ServiceProcess("gateway", env, dir, "gateway-a").start();
    await ready(gatewayA);
    followUp = await startFollowUp({ ...env, LOG_LEVEL: "warn" });
  }, 120_000);

  afterAll(async () => {
    await gatewayA?.kill("SIGKILL");
    await gatewayB?.kill("SIGKILL");
    await followUp?.stop();
    await nats?.cleanup();
    await db?.drop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("scheduled, gateway SIGKILLed, due while it is down: after the restart each runs once; the cancelled one never", async () => {
    const url = urlOf(gatewayA);
    const { ids, due } = await schedule(url, 4, 2500, "sched-kill");
    const listed = (await (await fetch(`${url}/ai/scheduled`)).json()) as { items: { id: string; due_at: string; status: string }[] };
    expect(listed.items.filter((s) => ids.includes(s.id))).toHaveLength(4);
    expect(listed.items.find((s) => s.id === ids[0])).toMatchObject({ due_at: due, status: "scheduled" });
    // Cancel one: gone from the list, a second cancel is a 404.
    const cancel = await fetch(`${url}/ai/scheduled/${ids[3]}`, { method: "DELETE" });
    expect(cancel.status).toBe(200);
    expect(((await cancel.json()) as { status: string }).status).toBe("cancelled");
    expect((await fetch(`${url}/ai/scheduled/${ids[3]}`, { method: "DELETE" })).status).toBe(404);

    await gatewayA.kill("SIGKILL");
    await new Promise((r) => setTimeout(r, Math.max(0, Date.parse(due) - Date.now()) + 1000));
    expect(await rowsOf(ids)).toEqual([]); // nobody released them while the gateway was down
    gatewayA.start();
    await ready(gatewayA);
    const restartedAt = Date.now();
    const ledger = await checkLedger({ accepted: ids.slice(0, 3), databaseUrl: db.url, natsUrl: nats.url, resultSubject: "followup.generated", timeoutMs: 20_000 });
    console.info(`released and completed ${ledger.completed} of 3 ${((Date.now() - restartedAt) / 1000).toFixed(1)} s after the restart`);
    expect(ledger).toMatchObject({ completed: 3, missing: [], stuck: [], duplicateResults: [] });
    await new Promise((r) => setTimeout(r, 1000));
    expect((await rowsOf([ids[3]!])).length).toBe(0);
    const after = (await (await fetch(`${urlOf(gatewayA)}/ai/scheduled`)).json()) as { items: { id: string }[] };
    expect(after.items.filter((s) => ids.includes(s.id))).toEqual([]);
  });

  it("a crash between recording a released task and publishing it: the next pass publishes it, and it runs once", async () => {
    const url = urlOf(gatewayA);
    const { ids, due } = await schedule(url, 1, 60_000, "sched-half");
    const id = ids[0]!;
    await gatewayA.kill("SIGKILL");
    // What a gateway killed right after the row was written leaves behind: a queued row, nothing on TASKS.
    const c = new pg.Client({ connectionString: db.url });
    await c.connect();
    await c.query("insert into ai_interactions (task_id, tenant, type, status, priority, input) values ($1, 'default', 'follow_up', 'queued', 5, $2)", [id, JSON.stringify({ lead: sampleLead })]);
    await c.end();
    expect(Date.parse(due)).toBeGreaterThan(Date.now());
    gatewayA.start();
    await ready(gatewayA);
    const res = await postJson(`${urlOf(gatewayA)}/ai/scheduled`, { type: "follow_up", due_at: new Date(Date.now() + 500).toISOString(), input: { lead: { ...sampleLead, id: "sched-half-0" }, context: "Back from holiday", idempotency_key: "sched-half-0" } });
    // The same idempotency key names the same task: the entry is already waiting (200, the first kept).
    expect(res.status).toBe(200);
    expect(await fetch(`${urlOf(gatewayA)}/ai/scheduled/${id}`, { method: "DELETE" }).then((r) => r.status)).toBe(200);
    const again = await postJson(`${urlOf(gatewayA)}/ai/scheduled`, { type: "follow_up", due_at: new Date(Date.now() + 500).toISOString(), input: { lead: { ...sampleLead, id: "sched-half-0" }, context: "Back from holiday", idempotency_key: "sched-half-0" } });
    expect(again.status).toBe(201);
    const ledger = await checkLedger({ accepted: [id], databaseUrl: db.url, natsUrl: nats.url, resultSubject: "followup.generated", timeoutMs: 20_000 });
    expect(ledger).toMatchObject({ completed: 1, missing: [], stuck: [], duplicateResults: [] });
  });

  it("two gateways polling the same bucket: every due task runs exactly once", async () => {
    gatewayB = new ServiceProcess("gateway", env, dir, "gateway-b").start();
    await ready(gatewayB);
    const { ids } = await schedule(urlOf(gatewayB), 8, 1500, "sched-two");
    const ledger = await checkLedger({ accepted: ids, databaseUrl: db.url, natsUrl: nats.url, resultSubject: "followup.generated", timeoutMs: 20_000 });
    expect(ledger).toMatchObject({ completed: 8, missing: [], stuck: [], duplicateResults: [], reRun: 0 });
    const a = releasesIn(gatewayA, ids);
    const b = releasesIn(gatewayB, ids);
    console.info(`first releases: gateway A ${a}, gateway B ${b} (the other's were duplicates)`);
    expect(a + b).toBe(8);
  });
});

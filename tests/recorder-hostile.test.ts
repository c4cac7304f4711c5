import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jetstream, jetstreamManager, type JetStreamClient, type JetStreamManager } from "@nats-io/jetstream";
import { connect, type NatsConnection } from "@nats-io/transport-node";
import { pino } from "pino";
import pg from "pg";
import { DeadLetterHeaders, RECORDER_CONSUMER, Streams } from "@gardenos/contracts";
import { BaseConfigSchema, ensureRecorderConsumer, ensureStreams, loadConfig } from "@gardenos/runtime";
import { Recorder, TaskStore, openDatabase, type Database } from "@gardenos/gateway";
import { startNats } from "./helpers/nats.js";
import { createTestDatabase } from "./helpers/postgres.js";

/**
 * Hostile result events against the gateway's recorder (real nats-server, real Postgres): an
 * event the contract refuses, or one the database refuses, is set aside in the dead letters with
 * the reason, and everything around it is still recorded; nothing is redelivered forever.
 *
 * Before the contracts were strict, `"created_at": "x"` passed validation and the batch holding it
 * failed in Postgres (invalid_datetime_format) every 2 s without end, recording nothing.
 */

const lead = { id: "crm-h", contact: { name: "Ada", email: "ada@example.com" } };
const at = "2026-11-25T10:00:00.000Z";
const started = (id: string, extra: Record<string, unknown> = {}) => ({
  task_id: id, type: "lead_analysis", agent_id: "agent-1", attempt: 1, started_at: at, subject: "lead.analyze", priority: 5, lead, ...extra,
});
const completed = (id: string, extra: Record<string, unknown> = {}) => ({
  task_id: id, type: "lead_analysis", status: "completed", agent_id: "agent-1", model: "m", provider: "p", degraded: false,
  usage: { prompt_tokens: 1, completion_tokens: 2 }, cost_usd: 0, latency_ms: 5, attempts: 1, started_at: at, completed_at: "2026-11-25T10:00:01.000Z",
  result: { lead_quality_score: 7, conversion_probability: 50, recommended_action: "call", follow_up_timeline: "today", key_insights: ["x"], top_positive_factors: [], top_negative_factors: [] },
  ...extra,
});

describe("recorder: hostile result events", () => {
  let nats: Awaited<ReturnType<typeof startNats>>;
  let nc: NatsConnection;
  let js: JetStreamClient;
  let jsm: JetStreamManager;
  let database: Database;
  let drop: () => Promise<void>;
  let dbUrl: string;
  let store: TaskStore;
  let recorder: Recorder;
  const logLines: string[] = [];

  beforeAll(async () => {
    nats = await startNats();
    nc = await connect({ servers: nats.url });
    js = jetstream(nc);
    jsm = await jetstreamManager(nc);
    await ensureStreams(jsm, loadConfig(BaseConfigSchema, {}));
    await ensureRecorderConsumer(jsm);
    const db = await createTestDatabase();
    drop = db.drop;
    dbUrl = db.url;
    database = await openDatabase({ databaseUrl: db.url, pgliteDir: "" });
    // An event the contract accepts but the database refuses: a check constraint stands for any
    // such case (a value out of a column's range, a new constraint, a bug in the store).
    const c = new pg.Client({ connectionString: dbUrl });
    await c.connect();
    await c.query(`alter table ai_interactions add constraint test_no_poison check (agent_id is distinct from 'poison-agent')`);
    await c.end();
    store = new TaskStore(database.db);
    const sink = new Writable({ write(chunk, _enc, cb) { logLines.push(String(chunk)); cb(); } });
    recorder = new Recorder(nc, store, pino({ level: "debug" }, sink));
    await recorder.start();
  }, 60_000);

  afterAll(async () => {
    await recorder?.stop();
    await nc?.close();
    await database?.close();
    await drop?.();
    await nats?.cleanup();
  });

  const publish = (subject: string, data: unknown) => js.publish(subject, typeof data === "string" ? data : JSON.stringify(data));

  async function until(cond: () => Promise<boolean>, ms = 20_000): Promise<void> {
    const end = Date.now() + ms;
    while (Date.now() < end) {
      if (await cond()) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error("timed out");
  }

  it("sets aside what it cannot store, records the rest of the batch and settles every message", async () => {
    await publish("task.started", started("h-ok-1"));
    await publish("task.started", started("h-bad-date", { created_at: "x" }));
    await publish("task.started", started("h-ok-2"));
    await publish("lead.analyzed", completed("h-poison", { agent_id: "poison-agent" }));
    await publish("lead.analyzed", completed("h-ok-1"));
    await publish("lead.analyzed", completed("h-nul", { degraded: true, degraded_reason: "a\u0000b\ud800c" }));
    await publish("lead.analyzed", "{not json");
    await publish("lead.analyzed", completed("h-huge-latency", { latency_ms: 1e12 }));
    await publish("task.started", started("h-ok-3"));

    await until(async () => (await store.get("h-ok-3"))?.status === "processing");
    await until(async () => {
      const ci = await jsm.consumers.info(Streams.results, RECORDER_CONSUMER);
      return ci.num_pending === 0 && ci.num_ack_pending === 0;
    });
    expect((await store.get("h-ok-1"))?.status).toBe("completed");
    expect((await store.get("h-ok-2"))?.status).toBe("processing");
    expect(await store.get("h-bad-date")).toBeUndefined();
    expect(await store.get("h-poison")).toBeUndefined();
    // NUL and a lone surrogate are stored as U+FFFD instead of failing the batch.
    // (task.started carries no input any more: a hostile string reaches the store in a result.)
    expect((await store.get("h-nul"))?.degradedReason).toBe("a\ufffdb\ufffdc");

    const dlq = await jsm.streams.info(Streams.deadLetters);
    expect(dlq.state.messages).toBe(4);
    const letters = [];
    for (let seq = 1; seq <= 4; seq++) {
      const m = await jsm.streams.getMessage(Streams.deadLetters, { seq });
      letters.push({ subject: m.subject, code: m.header.get(DeadLetterHeaders.errorCode), error: m.header.get(DeadLetterHeaders.error) });
    }
    const bySubject = (s: string, re: RegExp) => letters.find((l) => l.subject === s && re.test(l.error));
    expect(bySubject("dlq.task.started", /created_at/)?.code).toBe("ERR_EVENT_INVALID");
    expect(bySubject("dlq.lead.analyzed", /Postgres error 23514 check_violation/)?.code).toBe("ERR_EVENT_INVALID");
    expect(bySubject("dlq.lead.analyzed", /latency_ms/)?.code).toBe("ERR_EVENT_INVALID");
    expect(letters.some((l) => l.subject === "dlq.lead.analyzed" && /JSON|json|Unexpected/.test(l.error))).toBe(true);

    // The logs name the Postgres code, never the query's parameters (leads, e-mails).
    const logs = logLines.join("");
    expect(logs).toContain("23514");
    expect(logs).not.toContain("ada@example.com");
    expect(logs).not.toContain("insert into");

    // Nothing comes back: a second look a little later finds the same dead letters and no pending message.
    await new Promise((r) => setTimeout(r, 2500));
    expect((await jsm.streams.info(Streams.deadLetters)).state.messages).toBe(4);
    const ci = await jsm.consumers.info(Streams.results, RECORDER_CONSUMER);
    expect(ci.num_pending + ci.num_ack_pending + ci.num_redelivered).toBe(0);
  }, 60_000);
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { join } from "node:path";
import pg from "pg";
import { jetstream, jetstreamManager, type JetStreamManager } from "@nats-io/jetstream";
import { connect, type NatsConnection } from "@nats-io/transport-node";
import { BANDS, Streams, Subjects, agentTypes, consumerName, followUp as followUpType, leadAnalysis as leadAnalysisType } from "@gardenos/contracts";
import { startFollowUp } from "@gardenos/follow-up";
import { startGateway, type Gateway } from "@gardenos/gateway";
import { startLeadAnalysis } from "@gardenos/lead-analysis";
import { startMetrics } from "@gardenos/metrics";
import type { ServiceHandle } from "@gardenos/runtime";
import { startNatsCluster, type NatsCluster } from "./helpers/cluster.js";
import { createTestDatabase } from "./helpers/postgres.js";
import { sampleLead } from "./helpers/stack.js";
import { DEPLOY, renderKustomize } from "./helpers/deploy.js";

/**
 * The promise of a 3-node JetStream cluster, checked on this machine: 1,000 tasks go in over HTTP
 * while the node that leads the TASKS stream is SIGKILLed, and later restarted on the same store.
 * Every accepted task completes exactly once; services that were connected to the dead node move
 * to another one by themselves.
 */

const TASKS = 1000;
const KILL_AFTER = 300;

interface Ledger {
  accepted: number;
  httpRetries: number;
  killedNode: string;
  killedAtAccepted: number;
  tasksLeaderAfter: string;
  connectedToKilledNode: string[];
  reconnected: string[];
  completedRows: number;
  attempts: Record<string, number>;
  resultEvents: number;
  duplicateResults: number;
  failedEvents: number;
  stuck: number;
}

describe("a 3-node JetStream cluster losing the TASKS leader under load", () => {
  let cluster: NatsCluster;
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let gateway: Gateway;
  const services: ServiceHandle[] = [];
  const leadAnalysis: ServiceHandle[] = [];
  let nc: NatsConnection;
  let jsm: JetStreamManager;

  beforeAll(async () => {
    cluster = await startNatsCluster(3);
    db = await createTestDatabase();
    const [n1, n2, n3] = cluster.nodes as [NatsCluster["nodes"][0], NatsCluster["nodes"][0], NatsCluster["nodes"][0]];
    const common: NodeJS.ProcessEnv = {
      STREAM_REPLICAS: "3",
      LOG_LEVEL: "silent",
      LOG_FORMAT: "json",
      HEARTBEAT_INTERVAL: "0.5",
      TASK_RETRY_BASE_MS: "50",
      // Short task timeouts keep a stuck attempt short; a lost ack comes back after TASK_ACK_WAIT (10 s).
      LEAD_ANALYSIS_TIMEOUT: "2",
      FOLLOW_UP_TIMEOUT: "2",
      SHUTDOWN_GRACE: "2",
    };
    // Each process gets one node's URL; the client learns the others from the cluster's gossip.
    gateway = await startGateway({ ...common, NATS_URL: n1.url, PORT: "0", DATABASE_URL: db.url });
    services.push(gateway);
    leadAnalysis.push(await startLeadAnalysis({ ...common, NATS_URL: n2.url, REPLICA_ID: "a" }));
    leadAnalysis.push(await startLeadAnalysis({ ...common, NATS_URL: n3.url, REPLICA_ID: "b" }));
    services.push(...leadAnalysis);
    services.push(await startFollowUp({ ...common, NATS_URL: n3.url, REPLICA_ID: "a" }));
    services.push(await startFollowUp({ ...common, NATS_URL: n1.url, REPLICA_ID: "b" }));
    services.push(await startMetrics({ ...common, NATS_URL: n2.url }));
    nc = await connect({ servers: cluster.urls.split(","), name: "test-observer", maxReconnectAttempts: -1, reconnectTimeWait: 250 });
    jsm = await jetstreamManager(nc);
  }, 90_000);

  afterAll(async () => {
    for (const s of services.reverse()) await s.stop().catch(() => undefined);
    await nc?.close().catch(() => undefined);
    await cluster?.cleanup();
    await db?.drop().catch(() => undefined);
  });

  it("keeps every stream at 3 replicas, spread over the three nodes", async () => {
    for (const name of [Streams.tasks, Streams.results, Streams.deadLetters]) {
      const si = await jsm.streams.info(name);
      expect(si.config.num_replicas).toBe(3);
      const members = [si.cluster?.leader, ...(si.cluster?.replicas ?? []).map((r) => r.name)].sort();
      expect(members).toEqual(["n1", "n2", "n3"]);
    }
  });

  it("completes 1,000 tasks exactly once while the TASKS leader is killed and restarted", async () => {
    const leader = (await jsm.streams.info(Streams.tasks)).cluster?.leader;
    expect(leader).toMatch(/^n[123]$/);
    const victim = cluster.node(leader!);
    const connectedToVictim = (await cluster.connectionNames(victim)).filter((n) => n.startsWith("gardenos-"));
    // Services are spread over all three nodes, so whichever node leads, some service is on it.
    expect(connectedToVictim.length).toBeGreaterThan(0);

    const ledger: Ledger = {
      accepted: 0,
      httpRetries: 0,
      killedNode: victim.name,
      killedAtAccepted: 0,
      tasksLeaderAfter: "",
      connectedToKilledNode: connectedToVictim,
      reconnected: [],
      completedRows: 0,
      attempts: {},
      resultEvents: 0,
      duplicateResults: 0,
      failedEvents: 0,
      stuck: 0,
    };

    // A client that does what the API asks: on 503 or a broken connection, retry with the same key.
    const taskIds = new Set<string>();
    let killing: Promise<void> | undefined;
    let next = 0;
    const submitOne = async (i: number) => {
      const path = i % 4 === 3 ? "/ai/generate-follow-up" : "/ai/analyze-lead";
      const body = { lead: { ...sampleLead, id: `cluster-lead-${i}` }, priority: 1 + (i % 10), idempotency_key: `cluster-${i}`, ...(i % 4 === 3 ? { context: "Demo completed" } : {}) };
      const deadline = Date.now() + 60_000;
      for (;;) {
        try {
          const r = await fetch(`${gateway.url}${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
          const json = (await r.json()) as { task_id?: string };
          if ((r.status === 202 || r.status === 200) && json.task_id) {
            taskIds.add(json.task_id);
            ledger.accepted = taskIds.size;
            return;
          }
          expect(r.status).toBe(503);
        } catch (e) {
          if (Date.now() > deadline) throw e;
        }
        if (Date.now() > deadline) throw new Error(`task ${i} not accepted within 60 s`);
        ledger.httpRetries++;
        await new Promise((r) => setTimeout(r, 200));
      }
    };
    const worker = async () => {
      while (next < TASKS) {
        const i = next++;
        await submitOne(i);
        if (ledger.accepted >= KILL_AFTER && !killing) {
          ledger.killedAtAccepted = ledger.accepted;
          killing = cluster.kill(victim.name);
        }
      }
    };
    await Promise.all(Array.from({ length: 16 }, worker));
    await killing;
    expect(taskIds.size).toBe(TASKS);

    // The two surviving nodes elected a new TASKS leader; every service is connected to them.
    const after = await jsm.streams.info(Streams.tasks);
    ledger.tasksLeaderAfter = after.cluster?.leader ?? "";
    expect(ledger.tasksLeaderAfter).not.toBe(victim.name);
    const survivors = cluster.nodes.filter((n) => n !== victim);
    const names = async () => (await Promise.all(survivors.map((n) => cluster.connectionNames(n)))).flat();
    // Each lead-analysis replica also follows the tenants' conversion models on a connection of its own.
    const expected = ["gardenos-gateway", "gardenos-lead-analysis", "gardenos-lead-analysis", "gardenos-lead-analysis-models", "gardenos-lead-analysis-models", "gardenos-follow-up", "gardenos-follow-up", "gardenos-metrics"].sort();
    await waitUntil(async () => (await names()).filter((n) => n.startsWith("gardenos-")).length === expected.length, 20_000, "services reconnect to the surviving nodes");
    expect((await names()).filter((n) => n.startsWith("gardenos-")).sort()).toEqual(expected);
    ledger.reconnected = connectedToVictim;

    // The dead node comes back on its old store and catches up.
    await cluster.restart(victim.name);
    // It rejoins the meta group at once. Catching up on every stream (/healthz 200) has taken over
    // 90 s on a busy 2-core machine, and a consumer assigned to it before the kill can keep /healthz
    // red longer: the tasks below must complete either way, so its health is reported, not awaited.
    await cluster.waitForMetaLeader(60_000, { healthy: false });

    // Every accepted task completes (lost acks come back after one ack wait, TASK_ACK_WAIT: 10 s).
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      const ids = [...taskIds];
      await waitUntil(
        async () => {
          const r = await client.query<{ n: string }>("select count(*) as n from ai_interactions where task_id = any($1) and status = 'completed'", [ids]);
          ledger.completedRows = Number(r.rows[0]?.n ?? 0);
          return ledger.completedRows === TASKS;
        },
        // Before, the test gave the restarted node up to 90 s to catch up first and then 75 s: the
        // same budget, without requiring /healthz (it can stay red, see above).
        150_000,
        "every accepted task completed in ai_interactions",
      ).catch(async (e: unknown) => {
        const consumers = [];
        for (const type of [leadAnalysisType.type, followUpType.type]) {
          for (const band of BANDS) {
            const ci = await jsm.consumers.info(Streams.tasks, consumerName(type, band)).catch(() => undefined);
            consumers.push({ name: consumerName(type, band), pending: ci?.num_pending, ack_pending: ci?.num_ack_pending, redelivered: ci?.num_redelivered, leader: ci?.cluster?.leader });
          }
        }
        process.stdout.write(`not all completed: ${JSON.stringify({ completed: ledger.completedRows, health: await cluster.health(), consumers })}\n`);
        throw e;
      });
      const rows = await client.query<{ task_id: string; status: string; attempts: number }>("select task_id, status, attempts from ai_interactions where task_id = any($1)", [ids]);
      expect(rows.rows).toHaveLength(TASKS);
      for (const row of rows.rows) {
        expect(row.status).toBe("completed");
        expect(row.attempts).toBeGreaterThanOrEqual(1);
        ledger.attempts[row.attempts] = (ledger.attempts[row.attempts] ?? 0) + 1;
      }
    } finally {
      await client.end();
    }

    // RESULTS holds exactly one result event per task and no failure.
    const perTask = await resultEventsPerTask(nc);
    const missingResults = [...taskIds].filter((id) => !perTask.results.has(id));
    if (missingResults.length) {
      const si = await jsm.streams.info(Streams.results);
      process.stdout.write(`RESULTS read ${perTask.read} of last_seq ${perTask.lastSeq}; state ${JSON.stringify(si.state)}; cluster ${JSON.stringify(si.cluster)}; missing ${missingResults.slice(0, 5).join(",")} (${missingResults.length})\n`);
    }
    for (const id of taskIds) expect(perTask.results.get(id) ?? 0, `result events for ${id}`).toBe(1);
    ledger.resultEvents = [...perTask.results.values()].reduce((a, b) => a + b, 0);
    ledger.duplicateResults = [...perTask.results.values()].filter((n) => n > 1).length;
    ledger.failedEvents = perTask.failed;
    expect(ledger.resultEvents).toBe(TASKS);
    expect(ledger.failedEvents).toBe(0);

    // Nothing is stuck: the work queue is empty and no band consumer holds a task.
    await waitUntil(async () => (await jsm.streams.info(Streams.tasks)).state.messages === 0, 10_000, "TASKS drained");
    // The types this cluster runs (lead analysis and follow-up; tasks went to those only). A consumer
    // led by the restarted node reports its counts once it has caught up (the stream is already
    // empty): the counts must reach zero, within 30 s.
    const stuckNow = async () => {
      let n = 0;
      for (const type of [leadAnalysisType.type, followUpType.type]) {
        for (const band of BANDS) {
          const ci = await jsm.consumers.info(Streams.tasks, consumerName(type, band));
          n += ci.num_pending + ci.num_ack_pending;
        }
      }
      return n;
    };
    await waitUntil(async () => (ledger.stuck = await stuckNow()) === 0, 30_000, "no band consumer holds a task").catch(() => undefined);
    expect(ledger.stuck).toBe(0);

    // The figure the issue asks for, in the test output.
    process.stdout.write(`cluster ledger: ${JSON.stringify(ledger)}\n`);
    process.stdout.write(`/healthz after the run: ${JSON.stringify(await cluster.health())}\n`);
  }, 270_000);

  it("shows KEDA's nats-jetstream triggers a lag they can read on the consumer leader", async () => {
    // With lead-analysis stopped, a backlog builds on the high band; read it the way KEDA's scaler
    // does: /jsz?acc=<account>&consumers=true&config=true, the numbers of the consumer's leader.
    for (const s of leadAnalysis) await s.stop();
    const js = jetstream(nc);
    for (let i = 0; i < 45; i++) await js.publish("lead.analyze.high", JSON.stringify({ task_id: `keda-${i}`, lead: sampleLead }), { msgID: `keda-${i}` });
    const so = renderKustomize(join(DEPLOY, "k8s/overlays/prod")).find((o) => o.kind === "ScaledObject" && o.metadata.name === "lead-analysis")!;
    const triggers = so.spec.triggers.filter((t: any) => t.type === "nats-jetstream");
    const lags: Record<string, number> = {};
    for (const t of triggers) {
      const { account, stream, consumer } = t.metadata as { account: string; stream: string; consumer: string };
      let lag: number | undefined;
      for (const node of cluster.nodes) {
        const jsz = await cluster.monitor(node, `/jsz?acc=${encodeURIComponent(account)}&consumers=true&config=true`);
        const acc = (jsz.account_details ?? []).find((a: any) => a.name === account);
        const st = acc?.stream_detail?.find((x: any) => x.name === stream);
        const c = st?.consumer_detail?.find((x: any) => x.name === consumer);
        if (c && c.cluster?.leader === node.name) lag = c.num_pending + c.num_ack_pending;
      }
      expect(lag, `${stream}/${consumer} has a leader reporting it`).toBeDefined();
      lags[consumer] = lag!;
    }
    expect(lags).toEqual({ "lead-analysis-high": 45, "lead-analysis": 0, "lead-analysis-low": 0 });
    // The HPA's wish: ceil(lag / lagThreshold) pods for the busiest trigger, within the bounds.
    const wanted = Math.max(...triggers.map((t: any) => Math.ceil(lags[t.metadata.consumer]! / Number(t.metadata.lagThreshold))));
    expect(Math.min(so.spec.maxReplicaCount, Math.max(so.spec.minReplicaCount, wanted))).toBe(3);
  });
});

async function waitUntil(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if (await check()) return;
    } catch {
      // the cluster may be electing a leader: ask again
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting until ${what}`);
}

/** Reads the whole RESULTS stream (ordered consumer, up to its last sequence) and counts result and failure events per task. */
async function resultEventsPerTask(nc: NatsConnection): Promise<{ results: Map<string, number>; failed: number; read: number; lastSeq: number }> {
  const js = jetstream(nc);
  const jsm = await jetstreamManager(nc);
  const lastSeq = (await jsm.streams.info(Streams.results)).state.last_seq;
  const results = new Map<string, number>();
  let failed = 0;
  let read = 0;
  if (lastSeq === 0) return { results, failed, read, lastSeq };
  const consumer = await js.consumers.get(Streams.results);
  const messages = await consumer.consume({ max_messages: 500 });
  const timer = setTimeout(() => void messages.close(), 30_000);
  for await (const m of messages) {
    read++;
    if (agentTypes.byResultSubject(m.subject)) {
      const id = (m.json() as { task_id: string }).task_id;
      results.set(id, (results.get(id) ?? 0) + 1);
    } else if (m.subject === Subjects.taskFailed) {
      failed++;
    }
    if (m.seq >= lastSeq) break;
  }
  clearTimeout(timer);
  await messages.close();
  return { results, failed, read, lastSeq };
}

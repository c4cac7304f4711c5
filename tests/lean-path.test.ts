import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DiscardPolicy, jetstream, jetstreamManager, type JetStreamManager } from "@nats-io/jetstream";
import { connect, type NatsConnection } from "@nats-io/transport-node";
import { Streams, Subjects, consumerName, leadAnalysis, taskSubject, type LeadAnalyzeEvent } from "@gardenos/contracts";
import { builtinLeadAnalysis } from "@gardenos/lead-analysis";
import { AgentPool, BaseConfigSchema, LeanPublisher, PubAckRefusedError, createLogger, ensureStreams, loadConfig, type AgentContext } from "@gardenos/runtime";
import { startNats } from "./helpers/nats.js";

/**
 * The lean task path's parts on a real nats-server: the publisher that replaces nats.js's
 * per-request machinery stores exactly what js.publish() would (deduplicated by msgID, refusals
 * reported with JetStream's code, fire-and-forget sends stored in order), and the pool keeps
 * every task it holds alive, so a short ack wait redelivers nothing that is merely waiting.
 */
describe("lean task path", () => {
  let nats: Awaited<ReturnType<typeof startNats>>;
  let nc: NatsConnection;
  let jsm: JetStreamManager;
  const enc = new TextEncoder();

  beforeAll(async () => {
    nats = await startNats();
    nc = await connect({ servers: nats.url });
    jsm = await jetstreamManager(nc);
    await ensureStreams(jsm, loadConfig(BaseConfigSchema, {}));
  });
  afterAll(async () => {
    await nc?.close();
    await nats?.cleanup();
  });

  it("publishes with a PubAck, deduplicates by msgID, refuses with JetStream's code, and keeps send() before publish() in order", async () => {
    const lean = new LeanPublisher(nc, 2000);
    try {
      const first = await lean.publish(Subjects.taskFailed, enc.encode('{"n":1}'), { msgID: "lean-1" });
      const again = await lean.publish(Subjects.taskFailed, enc.encode('{"n":1}'), { msgID: "lean-1" });
      expect(first).toMatchObject({ stream: Streams.results, duplicate: false });
      expect(again).toMatchObject({ stream: Streams.results, seq: first.seq, duplicate: true });
      const stored = await jsm.streams.getMessage(Streams.results, { seq: first.seq });
      expect(stored.header.get("Nats-Msg-Id")).toBe("lean-1");

      // Fire-and-forget, then an awaited publish on the same connection: both stored, in that order.
      lean.send(Subjects.taskStarted, enc.encode('{"n":2}'), { msgID: "lean-2" });
      const after = await lean.publish(Subjects.taskFailed, enc.encode('{"n":3}'), { msgID: "lean-3" });
      const sent = await jsm.streams.getMessage(Streams.results, { seq: after.seq - 1 });
      expect(sent.subject).toBe(Subjects.taskStarted);
      expect(sent.header.get("Nats-Msg-Id")).toBe("lean-2");

      // A full stream with discard new: refused with JetStream's error code, not a timeout.
      await jsm.streams.add({ name: "LEAN_FULL", subjects: ["lean.full"], max_msgs: 1, discard: DiscardPolicy.New });
      await lean.publish("lean.full", enc.encode("a"));
      const refused = await lean.publish("lean.full", enc.encode("b")).then(() => undefined, (e: unknown) => e);
      expect(refused).toBeInstanceOf(PubAckRefusedError);
      expect((refused as PubAckRefusedError).code).toBe(10077);
      // No stream on the subject: refused at once (no responders), not after the timeout.
      const t0 = Date.now();
      const none = await lean.publish("lean.nowhere", enc.encode("c")).then(() => undefined, (e: unknown) => e);
      expect(none).toBeInstanceOf(PubAckRefusedError);
      expect(Date.now() - t0).toBeLessThan(1500);
    } finally {
      lean.close();
    }
  });

  it("keeps the tasks waiting for an agent alive: a 3 s ack wait, 7 s of work queued behind one agent, nothing delivered twice", async () => {
    // One agent, 1.2 s per task, 6 tasks pulled at once: the last waits ~6 s in the band feed.
    const slow = { ...builtinLeadAnalysis, process: async (e: LeadAnalyzeEvent, ctx: AgentContext) => (await new Promise((r) => setTimeout(r, 1200)), builtinLeadAnalysis.process(e, ctx)) };
    const log = createLogger({ name: "lean-path-test", level: "silent", format: "json" });
    const pool = new AgentPool({ nc, log, handler: slow, agents: 1, maxAgents: 1, timeoutSeconds: 30, maxRetries: 3, heartbeatIntervalSeconds: 5, prefetch: 6, ackWaitSeconds: 3, replicaId: "lean" });
    const results: { task_id: string; attempts: number }[] = [];
    const started: number[] = [];
    const sub = nc.subscribe(leadAnalysis.resultSubject, { callback: (_e, m) => void results.push(m.json()) });
    const startedSub = nc.subscribe(Subjects.taskStarted, { callback: (_e, m) => void started.push((m.json() as { attempt: number }).attempt) });
    await pool.start();
    try {
      const js = jetstream(nc);
      for (let i = 0; i < 6; i++) {
        await js.publish(taskSubject("lead_analysis", "normal"), enc.encode(JSON.stringify({ task_id: `keep-${i}`, lead: { id: `keep-${i}`, company: { name: "Acme" } } })), { msgID: `keep-${i}` });
      }
      const deadline = Date.now() + 20_000;
      while (results.length < 6 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      expect(results.map((r) => r.task_id).sort()).toEqual([0, 1, 2, 3, 4, 5].map((i) => `keep-${i}`));
      expect(results.every((r) => r.attempts === 1)).toBe(true);
      expect(started).toEqual([1, 1, 1, 1, 1, 1]);
      const ci = await jsm.consumers.info(Streams.tasks, consumerName("lead_analysis", "normal"));
      expect(ci.config.ack_wait).toBe(3_000_000_000);
      expect(ci.num_redelivered).toBe(0);
    } finally {
      sub.unsubscribe();
      startedSub.unsubscribe();
      await pool.stop(1000);
    }
  });
});

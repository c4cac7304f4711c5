import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AckPolicy, DeliverPolicy, jetstream, jetstreamManager, type JetStreamManager, type JsMsg } from "@nats-io/jetstream";
import { connect, nanos, type NatsConnection } from "@nats-io/transport-node";
import { INTAKE_CONSUMER, OUTCOME_CONSUMER, REACTION_CONSUMER, Streams, Subjects, WEBHOOK_CONSUMER } from "@gardenos/contracts";
import { startGateway } from "@gardenos/gateway";
import { BaseConfigSchema, GATEWAY_ACK_WAIT_SECONDS, HeldMessages, ensureStreams, ensureTenantIntake, loadConfig } from "@gardenos/runtime";
import { startNats } from "./helpers/nats.js";
import { seededPgliteDir } from "./helpers/pglite-template.js";

/**
 * The gateway's work consumers (INTAKE, outcomes, reactions, webhooks) have a short ack wait, so
 * what a killed gateway held comes back within seconds; consumers made by an older version (30 s)
 * are brought to it when the gateway starts; and a message the gateway holds is kept alive with
 * working(), so the short ack wait never redelivers one that merely waits or is slow to handle.
 */
describe("the gateway's consumers: short ack wait, kept alive", () => {
  let nats: Awaited<ReturnType<typeof startNats>>;
  let nc: NatsConnection;
  let jsm: JetStreamManager;
  const dir = mkdtempSync(join(tmpdir(), "gardenos-ackwait-"));

  beforeAll(async () => {
    nats = await startNats();
    nc = await connect({ servers: nats.url });
    jsm = await jetstreamManager(nc);
  });
  afterAll(async () => {
    await nc?.close();
    await nats?.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  it("consumers an older version made with a 30 s ack wait get the short one when the gateway starts", async () => {
    const cfg = loadConfig(BaseConfigSchema, {});
    await ensureStreams(jsm, cfg);
    await ensureTenantIntake(jsm, cfg);
    // As the previous version declared them.
    const old = { ack_policy: AckPolicy.Explicit, ack_wait: nanos(30_000) };
    await jsm.consumers.update(Streams.intake, INTAKE_CONSUMER, { ack_wait: nanos(30_000) });
    await jsm.consumers.add(Streams.results, { ...old, durable_name: OUTCOME_CONSUMER, filter_subject: Subjects.leadOutcome, deliver_policy: DeliverPolicy.All, max_ack_pending: 10_000 });
    await jsm.consumers.add(Streams.results, { ...old, durable_name: REACTION_CONSUMER, filter_subject: "email.classified", deliver_policy: DeliverPolicy.All, max_ack_pending: 1000 });
    await jsm.consumers.add(Streams.results, { ...old, durable_name: WEBHOOK_CONSUMER, deliver_policy: DeliverPolicy.New, max_ack_pending: 5000 });
    const ackWaitS = async (stream: string, name: string) => (await jsm.consumers.info(stream, name)).config.ack_wait / 1e9;
    const all = [[Streams.intake, INTAKE_CONSUMER], [Streams.results, OUTCOME_CONSUMER], [Streams.results, REACTION_CONSUMER], [Streams.results, WEBHOOK_CONSUMER]] as const;
    for (const [s, c] of all) expect(await ackWaitS(s, c)).toBe(30);

    const gw = await startGateway({ NATS_URL: nats.url, PORT: "0", PGLITE_DIR: seededPgliteDir(join(dir, "pglite")), NATS_TENANTS: "acme", LOG_LEVEL: "warn" });
    try {
      for (const [s, c] of all) expect(await ackWaitS(s, c), `${c}'s ack wait`).toBe(GATEWAY_ACK_WAIT_SECONDS);
      expect(GATEWAY_ACK_WAIT_SECONDS).toBeLessThanOrEqual(10);
      // The webhook consumer keeps delivering only new events (deliver policy is not editable).
      expect((await jsm.consumers.info(Streams.results, WEBHOOK_CONSUMER)).config.deliver_policy).toBe(DeliverPolicy.New);
    } finally {
      await gw.stop();
    }
  }, 120_000);

  it("a held message outlives a 2 s ack wait (7 s, nothing redelivered) while one not held comes back after it", async () => {
    await jsm.streams.add({ name: "HELD", subjects: ["held.>"] });
    await jsm.consumers.add("HELD", { durable_name: "held", ack_policy: AckPolicy.Explicit, ack_wait: nanos(2000) });
    const js = jetstream(nc);
    await js.publish("held.a", "a");
    await js.publish("held.b", "b");
    const consumer = await js.consumers.get("HELD", "held");
    const seen: { subject: string; delivery: number; at: number }[] = [];
    const t0 = Date.now();
    const held = new HeldMessages<JsMsg>(2).start();
    let kept: JsMsg | undefined;
    const messages = await consumer.consume({
      max_messages: 10,
      callback: (m) => {
        seen.push({ subject: m.subject, delivery: m.info.deliveryCount, at: Date.now() - t0 });
        if (m.subject === "held.a" && !kept) {
          kept = m;
          held.hold(m);
        } else if (m.subject === "held.b" && m.info.deliveryCount >= 2) {
          m.ack();
        }
      },
    });
    try {
      await new Promise((r) => setTimeout(r, 7000));
      // b was not held: delivered again after the 2 s ack wait. a was held: delivered once.
      expect(seen.filter((s) => s.subject === "held.b").map((s) => s.delivery)).toEqual([1, 2]);
      expect(seen.filter((s) => s.subject === "held.a").map((s) => s.delivery)).toEqual([1]);
      // Once released without an ack (its process died, say), it comes back within the ack wait.
      const releasedAt = Date.now() - t0;
      held.release(kept!);
      const deadline = Date.now() + 6000;
      while (!seen.some((s) => s.subject === "held.a" && s.delivery === 2) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      const again = seen.find((s) => s.subject === "held.a" && s.delivery === 2);
      expect(again, "held.a delivered again after its release").toBeDefined();
      expect(again!.at - releasedAt).toBeLessThan(4500);
    } finally {
      held.stop();
      await messages.close();
    }
  }, 30_000);
});

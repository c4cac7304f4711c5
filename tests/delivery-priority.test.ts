import { afterEach, describe, expect, it } from "vitest";
import { jetstream, jetstreamManager, DeliverPolicy, JetStreamApiError } from "@nats-io/jetstream";
import { connect, type NatsConnection } from "@nats-io/transport-node";
import { Streams } from "@gardenos/contracts";
import pLimit from "p-limit";
import { postJson, sampleLead, startStack, type TestStack } from "./helpers/stack.js";

/** Task ids of lead.analyzed events in the order they were published. */
async function completionOrder(nc: NatsConnection, expected: number): Promise<string[]> {
  const js = jetstream(nc);
  const c = await js.consumers.get(Streams.results, { filter_subjects: "lead.analyzed", deliver_policy: DeliverPolicy.All });
  const ids: string[] = [];
  const it = await c.fetch({ max_messages: expected, expires: 10_000 });
  for await (const m of it) {
    ids.push((m.json() as { task_id: string }).task_id);
    if (ids.length >= expected) break;
  }
  return ids;
}

async function waitDrained(nc: NatsConnection, timeoutMs = 60_000): Promise<void> {
  const jsm = await jetstreamManager(nc);
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const si = await jsm.streams.info(Streams.tasks);
    if (si.state.messages === 0) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("the task queue did not drain");
}

describe("priority bands without starvation", () => {
  let stack: TestStack | undefined;
  let nc: NatsConnection | undefined;
  afterEach(async () => {
    await nc?.close();
    await stack?.stop();
  });

  async function submitMany(n: number, priority: number, tag: string): Promise<string[]> {
    const limit = pLimit(32);
    return Promise.all(
      Array.from({ length: n }, (_, i) =>
        limit(async () => {
          const r = await postJson(`${stack!.url}/ai/analyze-lead`, { lead: { ...sampleLead, id: `${tag}-${i}` }, priority });
          expect(r.status).toBe(202);
          return r.json.task_id as string;
        }),
      ),
    );
  }

  it("finishes 30 high tasks submitted after 600 low ones before 90 % of the low ones", async () => {
    stack = await startStack({ agents: false, env: { LEAD_ANALYSIS_AGENTS: "4" } });
    nc = await connect({ servers: stack.nats.url });
    const low = await submitMany(600, 2, "low");
    const high = await submitMany(30, 9, "high");
    await stack.startAgents();
    await waitDrained(nc);
    const order = await completionOrder(nc, 630);
    expect(order).toHaveLength(630);
    const lowSet = new Set(low);
    const lastHigh = Math.max(...high.map((id) => order.indexOf(id)));
    let lowSeen = 0;
    let ninetyPercentLow = -1;
    order.forEach((id, i) => {
      if (lowSet.has(id) && ++lowSeen === Math.ceil(0.9 * low.length)) ninetyPercentLow = i;
    });
    expect(high.filter((id) => !order.includes(id)), "high tasks missing from the completion order").toEqual([]);
    expect(lastHigh).toBeLessThan(ninetyPercentLow);
  });

  it("keeps the low band moving under a flood of high tasks", async () => {
    stack = await startStack({ agents: false, env: { LEAD_ANALYSIS_AGENTS: "4" } });
    nc = await connect({ servers: stack.nats.url });
    const js = jetstream(nc);
    // The flood: 1,200 high tasks published straight to the high band, then 120 low ones.
    const pending: Promise<unknown>[] = [];
    for (let i = 0; i < 1200; i++) pending.push(js.publish("lead.analyze.high", JSON.stringify({ task_id: `flood-${i}`, lead: sampleLead })));
    for (let i = 0; i < 120; i++) pending.push(js.publish("lead.analyze.low", JSON.stringify({ task_id: `trickle-${i}`, lead: sampleLead })));
    await Promise.all(pending);
    await stack.startAgents();
    await waitDrained(nc);
    const order = await completionOrder(nc, 1320);
    expect(order).toHaveLength(1320);
    const isLow = (id: string) => id.startsWith("trickle-");
    // Low tasks are served all along (6:3:1 weights → about 1 in 7 while high is busy) …
    const firstFiveHundredLow = order.slice(0, 500).filter(isLow).length;
    expect(firstFiveHundredLow).toBeGreaterThanOrEqual(25);
    // … and the low band is done while high tasks are still waiting.
    const lastLow = order.map(isLow).lastIndexOf(true);
    expect(lastLow).toBeLessThan(order.length - 300);
  });
});

describe("backpressure at the stream limits", () => {
  let stack: TestStack | undefined;
  let nc: NatsConnection | undefined;
  afterEach(async () => {
    await nc?.close();
    await stack?.stop();
  });

  it("answers 503 with Retry-After past the limit, refuses publishers clearly, and recovers", async () => {
    stack = await startStack({ agents: false, env: { TASKS_MAX_MSGS: "20" } });
    nc = await connect({ servers: stack.nats.url });
    const codes: number[] = [];
    let full: Awaited<ReturnType<typeof postJson>> | undefined;
    for (let i = 0; i < 25; i++) {
      const r = await postJson(`${stack.url}/ai/analyze-lead`, { lead: sampleLead });
      codes.push(r.status);
      if (r.status === 503) full = r;
    }
    expect(codes.filter((c) => c === 202)).toHaveLength(20);
    expect(codes.filter((c) => c === 503)).toHaveLength(5);
    expect(full!.json.error.code).toBe("ERR_QUEUE_FULL");
    expect(Number(full!.headers.get("retry-after"))).toBeGreaterThan(0);
    // A publisher on NATS gets JetStream's own error, not a silent drop.
    const err = await jetstream(nc)
      .publish("lead.analyze", JSON.stringify({ lead: sampleLead }))
      .then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(JetStreamApiError);
    expect((err as JetStreamApiError).code).toBe(10077);
    await stack.startAgents();
    await waitDrained(nc);
    const again = await postJson(`${stack.url}/ai/analyze-lead`, { lead: sampleLead });
    expect(again.status).toBe(202);
  });
});

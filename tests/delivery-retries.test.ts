import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jetstream, jetstreamManager } from "@nats-io/jetstream";
import { connect, type NatsConnection } from "@nats-io/transport-node";
import { LeadAnalysisResult, LeadAnalyzeEvent, Streams, type LeadAnalyzeEvent as Event } from "@gardenos/contracts";
import { scoreLead } from "@gardenos/lead-analysis";
import { TransientError, UnrecoverableError, type AgentHandler } from "@gardenos/runtime";
import { postJson, sampleLead, startStack, waitForTask, type TestStack } from "./helpers/stack.js";
import { runCli } from "./helpers/cli.js";

const cli = (args: string[]) => runCli(args);

/**
 * A lead-analysis agent of the test's own: the real scorer, but it fails on purpose according to
 * the lead's notes — "fail-times:N" fails the first N attempts, "fail-always" never succeeds,
 * "bad-input" is unrecoverable. Runs count the calls per task.
 */
const runs = new Map<string, number>();
let failAlways = false;
const flaky: AgentHandler<Event, LeadAnalysisResult> = {
  type: "lead_analysis",
  eventSchema: LeadAnalyzeEvent,
  resultSchema: LeadAnalysisResult,
  async process(event, ctx) {
    runs.set(ctx.taskId, (runs.get(ctx.taskId) ?? 0) + 1);
    const notes = event.lead.notes ?? "";
    const times = /fail-times:(\d+)/.exec(notes);
    if (times && ctx.attempt <= Number(times[1])) throw new TransientError(`provider hiccup on attempt ${ctx.attempt}`);
    if (notes.includes("fail-always") || failAlways) throw new TransientError("provider down");
    if (notes.includes("bad-input")) throw new UnrecoverableError("this lead cannot be scored", "ERR_AGENT_FAILED");
    return { result: scoreLead(event.lead), model: "test", provider: "test", degraded: false, usage: { prompt_tokens: 0, completion_tokens: 0 }, costUsd: 0 };
  },
};

describe("retries, attempt log, dead letters and replay", () => {
  let stack: TestStack;
  let nc: NatsConnection;

  beforeAll(async () => {
    stack = await startStack({ leadHandler: flaky, env: { TASK_RETRY_BASE_MS: "100" } });
    nc = await connect({ servers: stack.nats.url });
  });
  afterAll(async () => {
    await nc?.close();
    await stack?.stop();
  });

  const submit = async (notes: string) => {
    const r = await postJson(`${stack.url}/ai/analyze-lead`, { lead: { ...sampleLead, notes } });
    expect(r.status).toBe(202);
    return r.json.task_id as string;
  };

  it("retries a failing attempt with back-off and keeps every attempt's error and time", async () => {
    const id = await submit("fail-times:2");
    const task = await waitForTask(stack.url, id);
    expect(task.status).toBe("completed");
    expect(task.attempts).toBe(3);
    expect(task.attempt_log).toHaveLength(2);
    expect(task.attempt_log.map((a: any) => a.attempt)).toEqual([1, 2]);
    expect(task.attempt_log[0]).toMatchObject({ code: "ERR_AGENT_FAILED", message: "provider hiccup on attempt 1", agent_id: expect.stringMatching(/^lead-analysis-/) });
    // Back-off: the second failure comes at least ~the first delay (100 ms ±25 %) after the first.
    const gap = Date.parse(task.attempt_log[1].at) - Date.parse(task.attempt_log[0].at);
    expect(gap).toBeGreaterThanOrEqual(70);
    expect(runs.get(id)).toBe(3);
  });

  it("gives up after 3 retries: task.failed, a dead letter with its attempts, the task failed", async () => {
    const id = await submit("fail-always");
    const task = await waitForTask(stack.url, id);
    expect(task.status).toBe("failed");
    expect(task.attempts).toBe(4);
    expect(task.error.code).toBe("ERR_ATTEMPTS_EXHAUSTED");
    expect(task.attempt_log).toHaveLength(4);
    expect(runs.get(id)).toBe(4);
    const list = await (await fetch(`${stack.url}/ai/dead-letters`)).json();
    const d = list.items.find((x: any) => x.task_id === id);
    expect(d).toMatchObject({ type: "lead_analysis", original_subject: "lead.analyze", error_code: "ERR_ATTEMPTS_EXHAUSTED", attempts: 4 });
    expect(d.payload.lead.notes).toBe("fail-always");
  });

  it("fails an unrecoverable error at once, without retries", async () => {
    const id = await submit("bad-input");
    const task = await waitForTask(stack.url, id);
    expect(task).toMatchObject({ status: "failed", attempts: 1 });
    expect(task.error.message).toBe("this lead cannot be scored");
    expect(runs.get(id)).toBe(1);
  });

  it("replays dead letters under the same task id once the cause is gone", async () => {
    failAlways = true;
    const ids = [await submit("ok-later-1"), await submit("ok-later-2")];
    for (const id of ids) expect((await waitForTask(stack.url, id)).status).toBe("failed");
    failAlways = false;
    const one = await postJson(`${stack.url}/ai/dead-letters/${ids[0]}/replay`, {});
    expect(one.status).toBe(202);
    expect(one.json).toMatchObject({ task_id: ids[0], status: "queued" });
    const done = await waitForTask(stack.url, ids[0]!);
    expect(done.status).toBe("completed");
    expect(done.error).toBeNull();
    // The earlier attempts stay in the log.
    expect(done.attempt_log.length).toBeGreaterThanOrEqual(4);
    const many = await postJson(`${stack.url}/ai/dead-letters/replay`, { task_ids: [ids[1], "no-such-task"] });
    expect(many.json).toMatchObject({ replayed: 1, not_found: ["no-such-task"] });
    expect((await waitForTask(stack.url, ids[1]!)).status).toBe("completed");
    const list = await (await fetch(`${stack.url}/ai/dead-letters`)).json();
    expect(list.items.map((x: any) => x.task_id)).not.toContain(ids[0]);
    expect(list.items.map((x: any) => x.task_id)).not.toContain(ids[1]);
    const missing = await postJson(`${stack.url}/ai/dead-letters/nope/replay`, {});
    expect(missing.status).toBe(404);
  });

  it("lists and replays dead letters from the CLI (gardenos dlq)", async () => {
    failAlways = true;
    const id = await submit("cli-later");
    expect((await waitForTask(stack.url, id)).status).toBe("failed");
    failAlways = false;
    const list = await cli(["dlq", "list", "--json", "--url", stack.url]);
    expect(list.code).toBe(0);
    expect(JSON.parse(list.stdout).items.map((x: any) => x.task_id)).toContain(id);
    const table = await cli(["dlq", "list", "--url", stack.url]);
    expect(table.stdout).toContain(id);
    const replay = await cli(["dlq", "replay", "--all", "--url", stack.url]);
    expect(replay.code).toBe(0);
    expect(replay.stdout).toContain(id);
    expect((await waitForTask(stack.url, id)).status).toBe("completed");
    const after = await cli(["dlq", "list", "--json", "--url", stack.url]);
    expect(JSON.parse(after.stdout).items.map((x: any) => x.task_id)).not.toContain(id);
  });

});

describe("a redelivered task that already has a result", () => {
  let stack: TestStack;
  let nc: NatsConnection;
  afterAll(async () => {
    await nc?.close();
    await stack?.stop();
  });

  it("is acknowledged without running the agent again", async () => {
    stack = await startStack({ leadHandler: flaky, agents: false });
    nc = await connect({ servers: stack.nats.url });
    const js = jetstream(nc);
    const jsm = await jetstreamManager(nc);
    await js.publish("lead.analyze", JSON.stringify({ task_id: "finished-elsewhere", lead: sampleLead }), { msgID: "finished-elsewhere" });
    // An earlier agent took the task, published its result, and died before acking: we play
    // that agent by hand on the shared consumer, declared the way the agents declare it.
    const { ensureTaskConsumers } = await import("@gardenos/runtime");
    await ensureTaskConsumers(jsm, "lead_analysis", { ackWaitSeconds: 60, maxDeliver: 4, maxAckPending: 1000 });
    const consumer = await js.consumers.get(Streams.tasks, "lead-analysis");
    const m = await consumer.next({ expires: 2000 });
    expect(m?.info.deliveryCount).toBe(1);
    const result = scoreLead(sampleLead);
    const now = new Date().toISOString();
    await js.publish(
      "lead.analyzed",
      JSON.stringify({ task_id: "finished-elsewhere", type: "lead_analysis", status: "completed", agent_id: "lead-analysis-9", model: "test", provider: "test", degraded: false, usage: { prompt_tokens: 0, completion_tokens: 0 }, cost_usd: 0, latency_ms: 5, attempts: 1, started_at: now, completed_at: now, result }),
      { msgID: "finished-elsewhere:result" },
    );
    expect((await waitForTask(stack.url, "finished-elsewhere")).status).toBe("completed");
    m!.nak(); // "dies": the task comes back with delivery count 2
    await stack.startAgents();
    for (let i = 0; i < 100; i++) {
      const ci = await jsm.consumers.info(Streams.tasks, "lead-analysis");
      if (ci.num_pending + ci.num_ack_pending === 0) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const ci = await jsm.consumers.info(Streams.tasks, "lead-analysis");
    expect(ci.num_pending + ci.num_ack_pending).toBe(0);
    expect(runs.get("finished-elsewhere")).toBeUndefined();
  });
});

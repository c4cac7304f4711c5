import { describe, expect, it } from "vitest";
import type { LeadAnalyzeEvent } from "@gardenos/contracts";
import { DeadLetterWriter } from "../../src/dead-letter-writer.js";
import { TransientError, UnrecoverableError } from "../../src/errors.js";
import { DeliveryGuard } from "../../src/pool/delivery-guard.js";
import { ResultPublisher } from "../../src/pool/result-publisher.js";
import type { TaskAttempt } from "../../src/pool/types.js";
import { fakeAttempt, fakeJs, fakeMsg, headersOf, lead, type Journal } from "./fakes.js";

function setup(o: { failures?: Record<string, number>; hardStop?: AbortController; maxDeliver?: number } = {}) {
  const journal: Journal = [];
  const js = fakeJs(journal, o.failures);
  const guard = new DeliveryGuard(async () => false);
  const hardStop = o.hardStop ?? new AbortController();
  const publisher = new ResultPublisher({
    type: "lead_analysis",
    js,
    deadLetters: new DeadLetterWriter(js),
    guard,
    timeoutSeconds: 10,
    maxDeliver: o.maxDeliver ?? 3,
    retryBaseMs: 1000,
    hardStop: () => hardStop.signal,
  });
  return { journal, js, guard, publisher };
}

const event: LeadAnalyzeEvent = { task_id: "t-1", lead, priority: 5 };

describe("result publisher: failed attempts", () => {
  it("announces task.retrying and naks with a back-off delay on a transient error", async () => {
    const { journal, js, publisher } = setup();
    const a = fakeAttempt(fakeMsg(journal, { seq: 9, attempt: 1 }));
    await publisher.attemptFailed(a, new TransientError("provider down"));
    expect(journal).toHaveLength(2);
    expect(journal[0]).toBe("publish task.retrying");
    const delay = Number(journal[1]!.replace("nak ", ""));
    expect(journal[1]).toMatch(/^nak \d+$/);
    expect(delay).toBeGreaterThanOrEqual(750);
    expect(delay).toBeLessThanOrEqual(1250);
    const retrying = js.published[0]!;
    expect(retrying.msgID).toBe("t-1:retrying:9:1");
    expect(retrying.json()).toMatchObject({ task_id: "t-1", attempt: 1, retry_in_ms: delay, error: { code: "ERR_AGENT_FAILED", message: "provider down", retryable: true } });
    expect(a.agent.errors).toBe(1);
  });

  it("waits at least a provider's Retry-After, and doubles the delay each attempt", async () => {
    const { journal, publisher } = setup({ maxDeliver: 5 });
    await publisher.attemptFailed(fakeAttempt(fakeMsg(journal, { attempt: 1 })), new TransientError("rate limited", 30_000));
    expect(journal.at(-1)).toBe("nak 30000");
    await publisher.attemptFailed(fakeAttempt(fakeMsg(journal, { attempt: 3 })), new Error("flaky"));
    const delay = Number(journal.at(-1)!.replace("nak ", ""));
    expect(delay).toBeGreaterThanOrEqual(3000);
    expect(delay).toBeLessThanOrEqual(5000);
  });

  it("dead-letters the task on the last attempt: dead letter, then task.failed, then term", async () => {
    const { journal, js, guard, publisher } = setup({ maxDeliver: 3 });
    const msg = fakeMsg(journal, { seq: 11, attempt: 3, headers: headersOf({ "Nats-Msg-Id": "t-1", traceparent: "00-abc-def-01" }) });
    const a = fakeAttempt(msg);
    await publisher.attemptFailed(a, new Error("still broken"));
    expect(journal).toEqual(["publish dlq.lead.analyze", "publish task.failed", "term"]);
    const [dlq, failed] = js.published;
    expect(dlq!.msgID).toBe("t-1:dlq:11");
    expect(dlq!.headers?.get("GardenOS-Error-Code")).toBe("ERR_ATTEMPTS_EXHAUSTED");
    expect(dlq!.headers?.get("GardenOS-Attempts")).toBe("3");
    expect(dlq!.headers?.has("Nats-Msg-Id")).toBe(false);
    expect(failed!.msgID).toBe("t-1:failed:11");
    expect(failed!.headers?.get("traceparent")).toBe("00-abc-def-01");
    expect(failed!.json()).toMatchObject({ task_id: "t-1", attempts: 3, error: { code: "ERR_ATTEMPTS_EXHAUSTED", message: "failed after 3 attempts; last error: still broken", retryable: false } });
    expect(failed!.json()).not.toHaveProperty("payload");
    // The same message delivered again is terminated without running.
    const again: Journal = [];
    expect(guard.endedHere(fakeMsg(again, { seq: 11 }))).toBe(true);
  });

  it("fails an unrecoverable error at once, on the first attempt, with its code", async () => {
    const { journal, js, publisher } = setup();
    const issues = [{ path: "lead.contact.email", message: "invalid" }];
    await publisher.attemptFailed(fakeAttempt(fakeMsg(journal, { attempt: 1 })), new UnrecoverableError("bad lead", "ERR_LEAD_INVALID", { issues }));
    expect(journal).toEqual(["publish dlq.lead.analyze", "publish task.failed", "term"]);
    expect(js.published[1]!.json()).toMatchObject({ attempts: 1, error: { code: "ERR_LEAD_INVALID", message: "bad lead", issues } });
  });

  it("reports an unrecoverable error with a code outside the catalogue as ERR_AGENT_FAILED", async () => {
    const { journal, js, publisher } = setup();
    await publisher.attemptFailed(fakeAttempt(fakeMsg(journal)), new UnrecoverableError("nope", "ERR_MADE_UP"));
    expect(js.published[1]!.json()).toMatchObject({ error: { code: "ERR_AGENT_FAILED" } });
  });

  it("hands the task back without a delay or any event when the pool stops hard", async () => {
    const hardStop = new AbortController();
    hardStop.abort();
    const { journal, publisher } = setup({ hardStop });
    await publisher.attemptFailed(fakeAttempt(fakeMsg(journal, { attempt: 3 })), new TransientError("shutting down"));
    expect(journal).toEqual(["nak"]);
  });

  it("naks with a delay (no term) when the dead letter cannot be written", async () => {
    const { journal, publisher } = setup({ failures: { "dlq.lead.analyze": 1 } });
    await publisher.attemptFailed(fakeAttempt(fakeMsg(journal)), new UnrecoverableError("bad", "ERR_LEAD_INVALID"));
    expect(journal).toHaveLength(2);
    expect(journal[0]).toBe("publish failed dlq.lead.analyze");
    expect(journal[1]).toMatch(/^nak \d+$/);
  });
});

describe("result publisher: results", () => {
  function done(a: TaskAttempt<LeadAnalyzeEvent, { score: number }>) {
    a.event = event;
    a.output = { result: { score: 9 }, model: "builtin-heuristic", provider: "builtin", degraded: false, usage: { prompt_tokens: 0, completion_tokens: 0 }, costUsd: 0 };
    a.result = { score: 9 };
    a.keepAlive = setInterval(() => undefined, 60_000);
    return a;
  }

  it("publishes the result first, then acks, and remembers the task as done", async () => {
    const { journal, js, guard, publisher } = setup();
    const a = done(fakeAttempt<LeadAnalyzeEvent, { score: number }>(fakeMsg(journal, { attempt: 2 })));
    await publisher.completed(a);
    expect(journal).toEqual(["publish lead.analyzed", "ack"]);
    expect(js.published[0]!.msgID).toBe("t-1:result");
    expect(js.published[0]!.json()).toMatchObject({ task_id: "t-1", type: "lead_analysis", status: "completed", lead_id: "crm-1", attempts: 2, result: { score: 9 } });
    expect(a.agent.processed).toBe(1);
    const again: Journal = [];
    expect(await guard.admit(fakeAttempt(fakeMsg(again)))).toBe(false);
    expect(again).toEqual(["ack"]);
  });

  it("retries the result publish with the same msgID when the broker hiccups, without costing an attempt", async () => {
    const { journal, js, publisher } = setup({ failures: { "lead.analyzed": 2 } });
    await publisher.completed(done(fakeAttempt(fakeMsg(journal))));
    expect(journal).toEqual(["publish failed lead.analyzed", "publish failed lead.analyzed", "publish lead.analyzed", "ack"]);
    expect(js.published.map((p) => p.msgID)).toEqual(["t-1:result"]);
  });

  it("publishes task.started with ids and lead_id, never the lead, and a per-attempt msgID", async () => {
    const { js, publisher } = setup();
    const a = fakeAttempt(fakeMsg([], { seq: 5, attempt: 2 }), { event: { ...event, created_at: "2026-01-01T00:00:00Z" } });
    publisher.started(a);
    expect(await a.startedAck).toBeUndefined();
    expect(js.published[0]!.subject).toBe("task.started");
    expect(js.published[0]!.msgID).toBe("t-1:started:5:2");
    const body = js.published[0]!.json() as Record<string, unknown>;
    expect(Object.keys(body)).toEqual(["schema_version", "task_id", "type", "agent_id", "attempt", "started_at", "subject", "priority", ...(body.lead_id ? ["lead_id"] : []), "created_at"]);
    expect(body).not.toHaveProperty("lead");
    expect(JSON.stringify(body)).not.toMatch(/@|contact|notes/);
  });
});

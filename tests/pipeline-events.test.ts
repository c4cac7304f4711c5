import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connect, headers, type NatsConnection } from "@nats-io/transport-node";
import { jetstream, jetstreamManager, type JetStreamClient } from "@nats-io/jetstream";
import { LeadAnalyzedEvent, FollowUpGeneratedEvent, Streams, TaskFailedEvent } from "@gardenos/contracts";
import { sampleLead, startStack, waitForTask, type TestStack } from "./helpers/stack.js";
import { collect } from "./helpers/collect.js";

/** Collects the events published on `subject` (core subscription, as another CRM service would). */

describe("another CRM service talking to GardenOS over NATS only", () => {
  let stack: TestStack;
  let nc: NatsConnection;
  let js: JetStreamClient;
  let analyzed: ReturnType<typeof collect>;
  let generated: ReturnType<typeof collect>;
  let failed: ReturnType<typeof collect>;

  beforeAll(async () => {
    stack = await startStack();
    nc = await connect({ servers: stack.nats.url });
    js = jetstream(nc);
    analyzed = collect(nc, "lead.analyzed");
    generated = collect(nc, "followup.generated");
    failed = collect(nc, "task.failed");
  });
  afterAll(async () => {
    await nc?.close();
    await stack?.stop();
  });

  it("publishes lead.analyze and receives lead.analyzed; the task shows in GET /ai/tasks/:id", async () => {
    const ack = await js.publish("lead.analyze", JSON.stringify({ task_id: "crm-evt-1", lead: sampleLead }));
    expect(ack.stream).toBe(Streams.tasks);
    const event = LeadAnalyzedEvent.parse(await analyzed.waitFor((e) => e.task_id === "crm-evt-1"));
    expect(event.lead_id).toBe("crm-1001");
    expect(event.result.lead_quality_score).toBeGreaterThanOrEqual(7); // a referred VP who asked for a demo
    const task = await waitForTask(stack.url, "crm-evt-1");
    expect(task).toMatchObject({ status: "completed", source: "event", type: "lead_analysis", priority: 5 });
    expect(task.result).toEqual(event.result);
  });

  it("publishes followup.generate.high and receives followup.generated", async () => {
    await js.publish("followup.generate.high", JSON.stringify({ task_id: "crm-evt-2", lead: sampleLead, context: "Met at trade show" }));
    const event = FollowUpGeneratedEvent.parse(await generated.waitFor((e) => e.task_id === "crm-evt-2"));
    expect(event.result.body).toContain("Jane");
    const task = await waitForTask(stack.url, "crm-evt-2");
    expect(task.priority).toBe(9); // the high band's priority when the event gives none
  });

  it("names a task without task_id after its Nats-Msg-Id", async () => {
    const h = headers();
    h.set("Nats-Msg-Id", "crm-msgid-7");
    await js.publish("lead.analyze.low", JSON.stringify({ lead: sampleLead }), { headers: h });
    await analyzed.waitFor((e) => e.task_id === "crm-msgid-7");
    expect((await waitForTask(stack.url, "crm-msgid-7")).priority).toBe(2);
  });

  it("ends a malformed event as task.failed and a dead letter, without redelivering it", async () => {
    const ack = await js.publish("lead.analyze", "{ this is not json");
    const event = TaskFailedEvent.parse(await failed.waitFor((e) => e.task_id === `evt-${ack.seq}`));
    expect(event.error.code).toBe("ERR_EVENT_MALFORMED");
    expect(event.attempts).toBe(1);
    expect(event.payload).toContain("this is not json");
    const jsm = await jetstreamManager(nc);
    const dlq = await jsm.streams.getMessage(Streams.deadLetters, { last_by_subj: "dlq.lead.analyze" });
    expect(new TextDecoder().decode(dlq.data)).toBe("{ this is not json");
    expect(dlq.header.get("GardenOS-Error-Code")).toBe("ERR_EVENT_MALFORMED");
    // Gone from the work queue: nothing left to redeliver, and the agents are still working.
    await new Promise((r) => setTimeout(r, 300));
    const ci = await jsm.consumers.info(Streams.tasks, "lead-analysis");
    expect(ci.num_pending + ci.num_ack_pending).toBe(0);
    expect(failed.got.filter((e) => e.task_id === `evt-${ack.seq}`)).toHaveLength(1);
    await js.publish("lead.analyze", JSON.stringify({ task_id: "after-poison", lead: sampleLead }));
    await analyzed.waitFor((e) => e.task_id === "after-poison");
  });

  it("dead-letters a poison message on every task subject, once, and keeps working", async () => {
    const subjects = ["lead.analyze", "lead.analyze.high", "lead.analyze.low", "followup.generate", "followup.generate.high", "followup.generate.low"];
    const seqs = new Map<string, number>();
    for (const s of subjects) seqs.set(s, (await js.publish(s, new Uint8Array([0xff, 0x00, 0x7b]))).seq);
    for (const [s, seq] of seqs) {
      const e = await failed.waitFor((x) => x.task_id === `evt-${seq}`);
      expect(e).toMatchObject({ subject: s, attempts: 1, error: { code: "ERR_EVENT_MALFORMED" } });
    }
    const jsm = await jetstreamManager(nc);
    for (const s of subjects) {
      const dl = await jsm.streams.getMessage(Streams.deadLetters, { last_by_subj: `dlq.${s}` });
      expect(dl.header.get("GardenOS-Error-Code")).toBe("ERR_EVENT_MALFORMED");
    }
    await new Promise((r) => setTimeout(r, 500));
    for (const c of ["lead-analysis", "lead-analysis-high", "lead-analysis-low", "follow-up", "follow-up-high", "follow-up-low"]) {
      const ci = await jsm.consumers.info(Streams.tasks, c);
      expect(ci.num_pending + ci.num_ack_pending, c).toBe(0);
      expect(ci.num_redelivered, c).toBe(0);
    }
    for (const seq of seqs.values()) expect(failed.got.filter((e) => e.task_id === `evt-${seq}`)).toHaveLength(1);
  });

  it("fails an event that breaks the contract with the offending fields named", async () => {
    await js.publish(
      "lead.analyze",
      JSON.stringify({ task_id: "crm-bad-1", lead: { contact: { email: "not-an-email" }, behavior: { site_visits: -3 } }, priority: 42 }),
    );
    const event = TaskFailedEvent.parse(await failed.waitFor((e) => e.task_id === "crm-bad-1"));
    expect(event.error.code).toBe("ERR_EVENT_INVALID");
    const paths = event.error.issues!.map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(["lead.contact.email", "lead.behavior.site_visits", "priority"]));
    const task = await waitForTask(stack.url, "crm-bad-1");
    expect(task.status).toBe("failed");
    expect(task.error.code).toBe("ERR_EVENT_INVALID");
    // No lead id in the event: none in task.failed.
    expect(event.lead_id).toBeUndefined();
  });

  it("names the lead of a task that could not be read, so the CRM can match the failure", async () => {
    await js.publish("lead.analyze", JSON.stringify({ task_id: "crm-bad-2", lead: { id: "crm-lead-7", contact: { email: "nope" } } }));
    const event = TaskFailedEvent.parse(await failed.waitFor((e) => e.task_id === "crm-bad-2"));
    expect(event).toMatchObject({ lead_id: "crm-lead-7", error: { code: "ERR_EVENT_INVALID" } });
    await js.publish("lead.analyze", JSON.stringify({ task_id: "crm-bad-3", lead: { id: "x".repeat(501) } }));
    expect(TaskFailedEvent.parse(await failed.waitFor((e) => e.task_id === "crm-bad-3")).lead_id).toBeUndefined();
  });

  it("runs a task published twice with the same Nats-Msg-Id once", async () => {
    const body = JSON.stringify({ task_id: "crm-dup-1", lead: sampleLead });
    const a = await js.publish("lead.analyze", body, { msgID: "crm-dup-1" });
    const b = await js.publish("lead.analyze", body, { msgID: "crm-dup-1" });
    expect(b.duplicate).toBe(true);
    expect(b.seq).toBe(a.seq);
    await analyzed.waitFor((e) => e.task_id === "crm-dup-1");
    await new Promise((r) => setTimeout(r, 300));
    expect(analyzed.got.filter((e) => e.task_id === "crm-dup-1")).toHaveLength(1);
  });

  it("records a replayed result event once: the row does not change", async () => {
    await js.publish("lead.analyze", JSON.stringify({ task_id: "crm-replay-1", lead: sampleLead }));
    const first = await analyzed.waitFor((e) => e.task_id === "crm-replay-1");
    const before = await waitForTask(stack.url, "crm-replay-1");
    // Someone re-publishes an old result with other numbers (new msg id so JetStream keeps it).
    const tampered = { ...first, latency_ms: 99_999, result: { ...first.result, lead_quality_score: 1 } };
    await js.publish("lead.analyzed", JSON.stringify(tampered), { msgID: "replayed-crm-replay-1" });
    await new Promise((r) => setTimeout(r, 500));
    const after = await waitForTask(stack.url, "crm-replay-1");
    expect(after).toEqual(before);
  });

  it("moves a result event that breaks its contract to the dead letters and keeps recording", async () => {
    await js.publish("lead.analyzed", JSON.stringify({ task_id: "bogus-result-1", type: "lead_analysis", status: "completed", result: { lead_quality_score: 42 } }), { msgID: "bogus-result-1:result" });
    const deadline = Date.now() + 15_000;
    let letter: any;
    while (!letter && Date.now() < deadline) {
      const dlq = (await (await fetch(`${stack.url}/ai/dead-letters?limit=500`)).json()) as { items: any[] };
      letter = dlq.items.find((d) => d.original_subject === "lead.analyzed");
      if (!letter) await new Promise((r) => setTimeout(r, 100));
    }
    expect(letter).toMatchObject({ task_id: "bogus-result-1", error_code: "ERR_EVENT_INVALID", type: null });
    expect(letter.error).toContain("agent_id");
    // The recorder goes on: the next task is recorded as usual.
    await js.publish("lead.analyze", JSON.stringify({ task_id: "crm-after-bogus", lead: sampleLead }));
    expect((await waitForTask(stack.url, "crm-after-bogus")).status).toBe("completed");
  });
});

import { describe, expect, it } from "vitest";
import { LeadAnalyzeEvent } from "@gardenos/contracts";
import { DeadLetterWriter } from "../../src/dead-letter-writer.js";
import { DeliveryGuard } from "../../src/pool/delivery-guard.js";
import { ResultPublisher } from "../../src/pool/result-publisher.js";
import { TaskReader } from "../../src/pool/task-reader.js";
import { fakeAttempt, fakeJs, fakeMsg, lead, type Journal } from "./fakes.js";

function setup() {
  const journal: Journal = [];
  const js = fakeJs(journal);
  const hardStop = new AbortController();
  const publisher = new ResultPublisher({ type: "lead_analysis", js, deadLetters: new DeadLetterWriter(js), guard: new DeliveryGuard(async () => false), timeoutSeconds: 10, maxDeliver: 3, hardStop: () => hardStop.signal });
  const reader = new TaskReader(LeadAnalyzeEvent);
  /** What the pool does with a delivery: read it, and record the failure of a bad one. */
  const read = async (a: Parameters<typeof reader.read>[0]) => {
    const failure = reader.read(a);
    if (failure) await publisher.fail(a, failure);
    return !failure;
  };
  return { journal, js, read };
}

describe("task reader", () => {
  it("fails an invalid event at once: dead letter, task.failed with the issues and the payload, term", async () => {
    const { journal, js, read } = setup();
    const body = { task_id: "from-body", lead: { ...lead, contact: { name: "Jane" } }, priority: 42 };
    const a = fakeAttempt(fakeMsg(journal, { body, seq: 3 }), { taskId: "from-header" });
    expect(await read(a)).toBe(false);
    expect(journal).toEqual(["publish dlq.lead.analyze", "publish task.failed", "term"]);
    const failed = js.published[1]!;
    expect(failed.msgID).toBe("from-body:failed:3");
    const ev = failed.json() as { error: { code: string; issues: { path: string }[] }; payload: string };
    expect(ev.error.code).toBe("ERR_EVENT_INVALID");
    expect(ev.error.issues.map((i) => i.path)).toContain("priority");
    expect(JSON.parse(ev.payload)).toEqual(body);
    expect(js.published[0]!.headers?.get("GardenOS-Error-Code")).toBe("ERR_EVENT_INVALID");
  });

  it("fails a payload that is not JSON as ERR_EVENT_MALFORMED", async () => {
    const { journal, js, read } = setup();
    expect(await read(fakeAttempt(fakeMsg(journal, { raw: "{nope" })))).toBe(false);
    expect(journal).toEqual(["publish dlq.lead.analyze", "publish task.failed", "term"]);
    expect(js.published[1]!.json()).toMatchObject({ error: { code: "ERR_EVENT_MALFORMED" }, payload: "{nope" });
  });

  it("takes the task id from the event and the priority from the band when the event has none", async () => {
    const { journal, read } = setup();
    const a = fakeAttempt(fakeMsg(journal, { body: { task_id: "from-body", lead } }), { taskId: "from-header", band: "high", priority: 0 });
    expect(await read(a)).toBe(true);
    expect(journal).toEqual([]);
    expect(a.taskId).toBe("from-body");
    expect(a.agent.currentTaskId).toBe("from-body");
    expect(a.priority).toBe(9);
    expect(a.event?.lead.id).toBe("crm-1");
  });
});

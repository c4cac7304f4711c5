import { describe, expect, it } from "vitest";
import { DeadLetterHeaders } from "@gardenos/contracts";
import { DeadLetterWriter } from "../../src/dead-letter-writer.js";
import { fakeJs, headersOf, type Journal } from "./fakes.js";

describe("dead-letter writer", () => {
  it("copies the task to dlq.<subject> with the reason headers, keeping the original headers but its msg id", async () => {
    const journal: Journal = [];
    const js = fakeJs(journal);
    const data = new TextEncoder().encode('{"lead":{}}');
    await new DeadLetterWriter(js).write({
      subject: "followup.generate.high",
      data,
      taskId: "t-9",
      seq: 17,
      code: "ERR_EVENT_INVALID",
      message: `line one\r\nline two ${"x".repeat(2000)}`,
      attempts: 2,
      headers: headersOf({ "Nats-Msg-Id": "t-9", traceparent: "00-a-b-01" }),
    });
    const [dl] = js.published;
    expect(dl!.subject).toBe("dlq.followup.generate.high");
    expect(dl!.msgID).toBe("t-9:dlq:17");
    expect(dl!.data).toBe(data);
    const h = dl!.headers!;
    expect(h.get(DeadLetterHeaders.errorCode)).toBe("ERR_EVENT_INVALID");
    expect(h.get(DeadLetterHeaders.error)).toMatch(/^line one line two x+$/);
    // Cut at 1,000 characters, then the line break (2 characters) became one space.
    expect(h.get(DeadLetterHeaders.error)).toHaveLength(999);
    expect(h.get(DeadLetterHeaders.attempts)).toBe("2");
    expect(h.get(DeadLetterHeaders.taskId)).toBe("t-9");
    expect(h.get("traceparent")).toBe("00-a-b-01");
    expect(h.has("Nats-Msg-Id")).toBe(false);
    expect(h.has(DeadLetterHeaders.originalSubject)).toBe(false);
  });

  it("records the original subject when asked (a letter rebuilt from the stream, not a delivered copy)", async () => {
    const js = fakeJs([]);
    await new DeadLetterWriter(js).write({ subject: "lead.analyze", data: new Uint8Array(), taskId: "t-1", seq: 4, code: "ERR_ATTEMPTS_EXHAUSTED", message: "gone", attempts: 3, recordSubject: true });
    expect(js.published[0]!.headers?.get(DeadLetterHeaders.originalSubject)).toBe("lead.analyze");
    expect(js.published[0]!.headers?.keys()).toEqual(["GardenOS-Error-Code", "GardenOS-Error", "GardenOS-Attempts", "GardenOS-Task-Id", "GardenOS-Original-Subject"]);
  });
});

import http from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { encodeEvent } from "../src/live/live-hub.js";
import { decodeResult } from "../src/live/live-event.js";
import { StreamSink } from "../src/live/stream-sink.js";
import { SSE_MIN_WRITE_GAP_MS, httpChunk, sseTransport } from "../src/live/transports.js";

const enc = new TextEncoder();

/** The live side's encoding of RESULTS messages and its SSE writer (a real HTTP server and client). */
/** The whole body of a GET to the local test server, as text. */
function readAll(port: number): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    http.get(`http://127.0.0.1:${port}/`, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (c: string) => (text += c));
      res.on("end", () => resolve(text));
      res.on("error", reject);
    });
  });
}

describe("live event encoding", () => {
  it("builds around the payload's own text exactly the JSON that JSON.stringify gives", () => {
    const payload = { task_id: "t-1", type: "lead_analysis", lead_id: "crm-7", completed_at: "2026-11-28T01:00:00.000Z", result: { score: 71, notes: "naïve \"quoted\" \u2028 ✓", tags: ["a", "b"] }, cost_usd: 0.0012 };
    const d = decodeResult({ subject: "lead.analyzed", seq: 42, data: enc.encode(JSON.stringify(payload)), headers: { get: () => "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01" } })!;
    expect(d.dataJson).toBeDefined();
    const fast = encodeEvent(d.event, d.dataJson);
    expect(fast.json).toBe(JSON.stringify(d.event));
    expect(fast.sse).toBe(`id: 42\nevent: task.completed\ndata: ${JSON.stringify(d.event)}\n\n`);
    expect(JSON.parse(fast.json)).toMatchObject({ task_id: "t-1", lead_id: "crm-7", trace_id: "4bf92f3577b34da6a3ce929d0e0e4736", data: payload });
  });

  it("makes the SSE chunk from the payload's own bytes exactly as from the frame's text; not from bytes that are no UTF-8 or start with a BOM", () => {
    const payload = { task_id: "t-9", type: "lead_analysis", lead_id: "crm-ü", completed_at: "2026-11-28T01:00:00.000Z", result: { notes: "naïve \"quoted\" \u2028 ✓ 𝄞" } };
    const d = decodeResult({ subject: "lead.analyzed", seq: 7, data: enc.encode(JSON.stringify(payload)) })!;
    expect(d.dataBytes).toBeDefined();
    const encoded = encodeEvent(d.event, d.dataJson, d.dataBytes);
    expect(encoded.sseChunk!()!.equals(httpChunk(encoded.sse))).toBe(true);
    expect(encoded.sse).toBe(`id: 7\nevent: task.completed\ndata: ${JSON.stringify(d.event)}\n\n`);
    const bom = decodeResult({ subject: "lead.analyzed", seq: 8, data: new Uint8Array([0xef, 0xbb, 0xbf, ...enc.encode(JSON.stringify(payload))]) })!;
    expect(bom.dataBytes).toBeUndefined();
    const bad = enc.encode(JSON.stringify({ ...payload, x: "??" }));
    bad[bad.length - 4] = 0xff;
    const invalid = decodeResult({ subject: "lead.analyzed", seq: 9, data: bad })!;
    expect(invalid.dataBytes).toBeUndefined();
    expect(encodeEvent(invalid.event, invalid.dataJson, invalid.dataBytes).sseChunk?.()).toBeUndefined();
  });

  it("stringifies again a payload with line breaks (an SSE data line is one line) or with a task.failed's payload left out", () => {
    const pretty = decodeResult({ subject: "lead.analyzed", seq: 1, data: enc.encode(JSON.stringify({ task_id: "t-2", lead_id: null }, null, 2)) })!;
    expect(pretty.dataJson).toBeUndefined();
    expect(encodeEvent(pretty.event, pretty.dataJson).sse.split("\n")).toHaveLength(5);
    const failed = decodeResult({ subject: "task.failed", seq: 2, data: enc.encode(JSON.stringify({ task_id: "t-3", failed_at: "2026-11-28T01:00:00.000Z", payload: { secret: "lead data" } })) })!;
    expect(failed.dataJson).toBeUndefined();
    expect(encodeEvent(failed.event, failed.dataJson).json).not.toContain("lead data");
  });
});

describe("SSE transport", () => {
  it("writes valid HTTP chunks, coalesces a busy stream's frames, and ends cleanly", async () => {
    let transport: ReturnType<typeof sseTransport> | undefined;
    const server = http.createServer((_req, res) => {
      res.writeHead(200, { "content-type": "text/event-stream" });
      res.write("retry: 2000\n\n");
      transport = sseTransport(res);
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const port = (server.address() as AddressInfo).port;
    const reads: string[] = [];
    const done = new Promise<string>((resolve, reject) => {
      http.get(`http://127.0.0.1:${port}/`, (res) => {
        expect(res.headers["transfer-encoding"]).toBe("chunked");
        res.setEncoding("utf8");
        res.on("data", (c: string) => reads.push(c));
        res.on("end", () => resolve(reads.join("")));
        res.on("error", reject);
      });
    });
    while (!transport) await new Promise((r) => setTimeout(r, 5));
    const frame = (i: number) => ({ json: "", sse: `id: ${i}\nevent: task.completed\ndata: {"n":${i},"text":"größer ✓"}\n\n` });
    // The first event of an idle stream goes out at once; 200 more within a few milliseconds are
    // gathered into a few writes (at most one per SSE_MIN_WRITE_GAP_MS).
    transport.send(frame(0));
    await new Promise((r) => setTimeout(r, 3 * SSE_MIN_WRITE_GAP_MS));
    const started = performance.now();
    for (let i = 1; i <= 200; i++) {
      transport.send(frame(i));
      if (i % 20 === 0) await new Promise((r) => setImmediate(r));
    }
    const spent = performance.now() - started;
    await new Promise((r) => setTimeout(r, 3 * SSE_MIN_WRITE_GAP_MS));
    transport.sendOther("error", { error: { code: "ERR_SLOW_CONSUMER" } });
    transport.end();
    const text = await done;
    const frames = text.split("\n\n").filter((f) => f.includes("event: task.completed"));
    expect(frames.map((f) => Number(/^id: (\d+)/m.exec(f)![1]))).toEqual(Array.from({ length: 201 }, (_, i) => i));
    expect(text.startsWith("retry: 2000\n\n")).toBe(true);
    expect(text.endsWith('event: error\ndata: {"error":{"code":"ERR_SLOW_CONSUMER"}}\n\n')).toBe(true);
    expect(text).toContain("größer ✓");
    // 10 turns of the event loop in `spent` ms: far fewer writes than turns when they were close together.
    expect(reads.length).toBeLessThanOrEqual(4 + Math.ceil(spent / SSE_MIN_WRITE_GAP_MS) + 1);
    await new Promise<void>((r) => server.close(() => r()));
  });

  it("gives streams with the same frames pending the same bytes, each in order, and keeps only idle streams alive", async () => {
    const transports: ReturnType<typeof sseTransport>[] = [];
    const server = http.createServer((_req, res) => {
      res.writeHead(200, { "content-type": "text/event-stream" });
      res.write("retry: 2000\n\n");
      transports.push(sseTransport(res));
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const port = (server.address() as AddressInfo).port;
    const client = () => readAll(port);
    const texts = [client(), client(), client()];
    while (transports.length < 3) await new Promise((r) => setTimeout(r, 5));
    const [a, b, c] = transports as [ReturnType<typeof sseTransport>, ReturnType<typeof sseTransport>, ReturnType<typeof sseTransport>];
    // One encoded event per id, shared by the streams it goes to (as the hub does); c gets the odd ones only.
    const events = Array.from({ length: 301 }, (_, i) => ({ json: "", sse: `id: ${i}\nevent: task.completed\ndata: {"n":${i},"text":"größer ✓"}\n\n` }));
    for (let i = 0; i <= 300; i++) {
      a.send(events[i]!);
      b.send(events[i]!);
      if (i % 2 === 1) c.send(events[i]!);
      if (i % 30 === 0) await new Promise((r) => setImmediate(r));
    }
    await new Promise((r) => setTimeout(r, 3 * SSE_MIN_WRITE_GAP_MS));
    // a was just written to: no keep-alive; c was idle for longer than asked: one.
    a.keepAlive(60_000);
    c.keepAlive(1);
    for (const t of transports) t.end();
    const [ta, tb, tc] = await Promise.all(texts);
    const ids = (text: string) => text.split("\n\n").filter((f) => f.includes("event: task.completed")).map((f) => Number(/^id: (\d+)/m.exec(f)![1]));
    expect(ids(ta!)).toEqual(Array.from({ length: 301 }, (_, i) => i));
    expect(ids(tb!)).toEqual(ids(ta!));
    expect(ids(tc!)).toEqual(Array.from({ length: 150 }, (_, i) => 2 * i + 1));
    expect(ta).not.toContain(": keep-alive");
    expect(tc!.endsWith(": keep-alive\n\n")).toBe(true);
    await new Promise<void>((r) => server.close(() => r()));
  });

  it("does not take a batch the gateway has not written yet for a slow client: a burst to a reading client is delivered whole", async () => {
    let sink: StreamSink | undefined;
    const server = http.createServer((_req, res) => {
      res.writeHead(200, { "content-type": "text/event-stream" });
      sink = new StreamSink(sseTransport(res), { tenant: undefined, filter: {}, maxBufferedBytes: 64 * 1024 });
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const port = (server.address() as AddressInfo).port;
    const text = readAll(port);
    while (!sink) await new Promise((r) => setTimeout(r, 5));
    // 600 events of 1 KB in one synchronous dispatch (what the hub does with a batch after a pause):
    // 600 KB, more than 4 × 64 KB, queued before the stream's next write.
    const pad = "x".repeat(1000);
    for (let i = 1; i <= 600; i++) sink.deliver({ event: "task.completed", seq: i, task_id: `t-${i}`, type: "lead_analysis", status: "completed", lead_id: null, at: "2026-11-28T01:00:00.000Z", trace_id: null, data: {} }, { json: "", sse: `id: ${i}\nevent: task.completed\ndata: {"pad":"${pad}"}\n\n` });
    expect(sink.closed).toBe(false);
    await new Promise((r) => setTimeout(r, 3 * SSE_MIN_WRITE_GAP_MS));
    sink.close();
    const t = await text;
    expect(t).not.toContain("ERR_SLOW_CONSUMER");
    expect(t.split("\n\n").filter((f) => f.includes("event: task.completed"))).toHaveLength(600);
    await new Promise<void>((r) => server.close(() => r()));
  });
});

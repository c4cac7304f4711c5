/**
 * Child process of the `stream` scenario: holds the SSE subscribers (one per lead, plus unfiltered
 * ones) and a core NATS subscription to the result events, and measures, in one clock, how long
 * after its result event each subscriber got its `task.completed`. Talks to the parent over IPC:
 * "ready" once every stream is open; on "report", answers with counts and percentiles.
 */
import net from "node:net";
import { connect } from "@nats-io/transport-node";
import { leadAnalysis } from "@gardenos/contracts";
import { percentile, round } from "./lib/stats.js";

const url = process.env.BENCH_GATEWAY_URL!;
const leads = Number(process.env.BENCH_LEADS ?? 1000);
const broad = Number(process.env.BENCH_BROAD ?? 10);
const gateway = new URL(url);

const resultAt = new Map<string, number>();
const latencies: number[] = [];
const early: { id: string; at: number }[] = [];
let received = 0;
let cutOff = 0;
/** Socket reads, to compare with the events they carried (how well the gateway batches its writes). */
const reads = { lead: 0, broad: 0 };
const perLead = new Map<string, number>();
const perBroad: number[] = Array.from({ length: broad }, () => 0);

const nc = await connect({ servers: process.env.NATS_URL! });
nc.subscribe(leadAnalysis.resultSubject, {
  callback: (_e, m) => {
    const id = (m.json() as { task_id: string }).task_id;
    resultAt.set(id, performance.now());
  },
});
await nc.flush();

const COMPLETED = Buffer.from("event: task.completed\n");
const ERROR = Buffer.from("event: error\n");
const TASK_ID = Buffer.from('"task_id":"');
const LEAD_ID = Buffer.from('"lead_id":"');
const FRAME_END = Buffer.from("\n\n");

/** The string value after `key` (a JSON key with its opening quote) within [from, to), or null. */
function valueAfter(buf: Buffer, key: Buffer, from: number, to: number): string | null {
  const at = buf.indexOf(key, from);
  if (at < 0 || at >= to) return null;
  const start = at + key.length;
  return buf.toString("latin1", start, buf.indexOf(34, start));
}

/**
 * Opens one SSE stream over a bare TCP socket (HTTP/1.1 written and read by hand). As cheap as a
 * client can be, so that the bench's own CPU on the shared cores stays small: no HTTP parser and
 * stream layers, no text decoding, no JSON parsing. The bytes are searched for the `task.completed`
 * frames, and of each only its task id (and lead id) is read — the gateway writes the event's own
 * fields before its `data`, so the first `"task_id":"` of a frame is the event's. The body's chunk
 * size lines pass unread: the gateway writes whole frames per chunk, so none falls inside a frame.
 */
function open(path: string, kind: keyof typeof reads, onCompleted: (taskId: string, leadId: string | null) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(gateway.port), gateway.hostname, () => {
      socket.write(`GET ${path} HTTP/1.1\r\nHost: ${gateway.host}\r\nAccept: text/event-stream\r\n\r\n`);
    });
    socket.on("error", reject);
    let head = true;
    let carry: Buffer | undefined;
    socket.on("data", (chunk: Buffer) => {
      reads[kind]++;
      let buf = carry ? Buffer.concat([carry, chunk]) : chunk;
      carry = undefined;
      if (head) {
        const end = buf.indexOf("\r\n\r\n");
        if (end < 0) return void (carry = buf);
        const status = buf.toString("latin1", 0, buf.indexOf("\r\n"));
        if (!/^HTTP\/1\.1 200 /.test(status)) return reject(new Error(`${path}: ${status}`));
        head = false;
        resolve();
        buf = buf.subarray(end + 4);
      }
      // Whole frames only; a frame cut by the TCP read waits for the rest.
      const end = buf.lastIndexOf(FRAME_END);
      if (end < 0) return void (carry = buf.length ? Buffer.from(buf) : undefined);
      const stop = end + 2;
      if (stop < buf.length) carry = Buffer.from(buf.subarray(stop));
      let at = 0;
      while ((at = buf.indexOf(COMPLETED, at)) >= 0 && at < stop) {
        const frameEnd = buf.indexOf(FRAME_END, at);
        const taskId = valueAfter(buf, TASK_ID, at, frameEnd);
        if (taskId !== null) onCompleted(taskId, valueAfter(buf, LEAD_ID, at, frameEnd));
        at = frameEnd;
      }
      at = 0;
      while ((at = buf.indexOf(ERROR, at)) >= 0 && at < stop) {
        cutOff++;
        at += ERROR.length;
      }
    });
  });
}

function measure(taskId: string): void {
  received++;
  const at = performance.now();
  const r = resultAt.get(taskId);
  // The stream may beat the core subscription by a hair: count that as 0 ms.
  if (r === undefined) early.push({ id: taskId, at });
  else latencies.push(Math.max(0, at - r));
}

const opening: Promise<void>[] = [];
for (let k = 0; k < leads; k++) {
  const lead = `crm-lead-${k}`;
  opening.push(open(`/ai/stream?lead_id=${lead}&status=completed`, "lead", (id, l) => {
    if (l === lead) perLead.set(lead, (perLead.get(lead) ?? 0) + 1);
    measure(id);
  }));
}
for (let b = 0; b < broad; b++) opening.push(open("/ai/stream", "broad", (id) => (perBroad[b]!++, measure(id))));
await Promise.all(opening);
process.send!({ ready: true });

process.on("message", (m: { report?: boolean }) => {
  if (!m.report) return;
  for (const e of early) latencies.push(0);
  const cpu = process.cpuUsage();
  process.send!({
    received,
    cpu_s: round((cpu.user + cpu.system) / 1e6, 2),
    reads,
    cut_off: cutOff,
    lead_streams: leads,
    lead_events: [...perLead.values()].reduce((a, b) => a + b, 0),
    broad_events_min: Math.min(...perBroad),
    p50_ms: round(percentile(latencies, 50), 1),
    p99_ms: round(percentile(latencies, 99), 1),
    max_ms: round(Math.max(0, ...latencies), 1),
  });
  setTimeout(() => process.exit(0), 50);
});

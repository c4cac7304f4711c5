/**
 * Child process of the `stream` scenario: holds SSE subscribers (one per lead, and/or unfiltered
 * ones) and — in the process that holds the lead streams (BENCH_RESULTS=1) — a core NATS
 * subscription to the result events, and measures how long after its result event each
 * subscriber got its `task.completed`. Times are the machine's clock in milliseconds
 * (performance.timeOrigin + performance.now(), so two processes compare: the unfiltered streams
 * run in a process of their own and get the result events' times at report time). Talks to the
 * parent over IPC: "ready" once every stream is open; on "report" (with `result_at` for a process
 * without the NATS subscription), answers with counts, percentiles and, for the other process,
 * the result times it saw.
 */
import net from "node:net";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { connect } from "@nats-io/transport-node";
import { leadAnalysis } from "@gardenos/contracts";
import { percentile, round } from "./lib/stats.js";

const url = process.env.BENCH_GATEWAY_URL!;
const leads = Number(process.env.BENCH_LEADS ?? 1000);
const broad = Number(process.env.BENCH_BROAD ?? 10);
const withResults = process.env.BENCH_RESULTS !== "0";
const gateway = new URL(url);

/** The machine's clock in ms, sub-millisecond, comparable across processes. */
const origin = performance.timeOrigin;
const clock = () => origin + performance.now();
/** How late this process's event loop ran (a starved or busy reader cannot read its sockets). */
const loopDelay = monitorEventLoopDelay({ resolution: 10 });
loopDelay.enable();

const resultAt = new Map<string, number>();
const latencies: number[] = [];
const early: { id: string; at: number }[] = [];
let received = 0;
let cutOff = 0;
/** Socket reads, to compare with the events they carried (how well the gateway batches its writes). */
const reads = { lead: 0, broad: 0 };
const perLead = new Map<string, number>();
const perBroad: number[] = Array.from({ length: broad }, () => 0);

const nc = withResults ? await connect({ servers: process.env.NATS_URL! }) : undefined;

const COMPLETED = Buffer.from("task.completed\n");
const ERROR = Buffer.from("error\n");
const TASK_ID = Buffer.from('"task_id":"');
const LEAD_ID = Buffer.from('"lead_id":"');
const FRAME_END = Buffer.from("\n\n");
const EVENT = Buffer.from("event: ");

/** The string value after `key` (a JSON key with its opening quote) within [from, to), or null. */
function valueAfter(buf: Buffer, key: Buffer, from: number, to: number): string | null {
  const at = buf.indexOf(key, from);
  if (at < 0 || at >= to) return null;
  const start = at + key.length;
  return buf.toString("latin1", start, buf.indexOf(34, start));
}

function isHex(c: number | undefined): boolean {
  return c !== undefined && ((c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70));
}

/** Past the HTTP chunk framing before a frame (CRLF ending the last chunk, a size line), if any. */
function skipChunking(buf: Buffer, at: number, to: number): number {
  while (at < to && (buf[at] === 13 || buf[at] === 10)) at++;
  let h = at;
  while (h < to && isHex(buf[h])) h++;
  return h > at && buf[h] === 13 && buf[h + 1] === 10 ? h + 2 : at;
}

// The result events' task ids, read from their bytes (the first "task_id" of a result event is its own).
nc?.subscribe(leadAnalysis.resultSubject, {
  callback: (_e, m) => {
    const bytes = Buffer.from(m.data.buffer, m.data.byteOffset, m.data.byteLength);
    const id = valueAfter(bytes, TASK_ID, 0, bytes.length);
    if (id !== null) resultAt.set(id, clock());
  },
});
await nc?.flush();

/**
 * Opens one SSE stream over a bare TCP socket (HTTP/1.1 written and read by hand). As cheap as a
 * client can be, so that the bench's own CPU on the shared cores stays small: no HTTP parser and
 * stream layers, no text decoding, no JSON parsing, no copies but of a frame cut by a TCP read.
 * The body is read frame by frame (each ends with a blank line); of a `task.completed` frame only
 * its task id (and lead id) is read — the gateway writes the event's own fields before its `data`,
 * so the first `"task_id":"` of a frame is the event's. The chunk size lines between frames are
 * skipped (the gateway writes whole frames per chunk, so none falls inside a frame).
 */
function open(path: string, kind: keyof typeof reads, onCompleted: (taskId: string, leadId: string | null) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(gateway.port), gateway.hostname, () => {
      socket.write(`GET ${path} HTTP/1.1\r\nHost: ${gateway.host}\r\nAccept: text/event-stream\r\n\r\n`);
    });
    socket.on("error", reject);
    let head = true;
    /** The start of a frame cut by the last read (a view of that read's buffer). */
    let carry: Buffer | undefined;
    /** Reads the whole frames in buf; returns where the unfinished one starts. */
    const frames = (buf: Buffer): number => {
      let at = 0;
      for (;;) {
        const start = skipChunking(buf, at, buf.length);
        const end = buf.indexOf(FRAME_END, start);
        if (end < 0) return at;
        const ev = buf.indexOf(EVENT, start);
        if (ev >= 0 && ev < end) {
          const name = ev + EVENT.length;
          if (buf.compare(COMPLETED, 0, COMPLETED.length, name, name + COMPLETED.length) === 0) {
            const taskId = valueAfter(buf, TASK_ID, name, end);
            if (taskId !== null) onCompleted(taskId, valueAfter(buf, LEAD_ID, name, end));
          } else if (buf.compare(ERROR, 0, ERROR.length, name, name + ERROR.length) === 0) cutOff++;
        }
        at = end + 2;
      }
    };
    socket.on("data", (chunk: Buffer) => {
      reads[kind]++;
      let buf = chunk;
      if (head) {
        if (carry) (buf = Buffer.concat([carry, chunk])), (carry = undefined);
        const end = buf.indexOf("\r\n\r\n");
        if (end < 0) return void (carry = Buffer.from(buf));
        const status = buf.toString("latin1", 0, buf.indexOf("\r\n"));
        if (!/^HTTP\/1\.1 200 /.test(status)) return reject(new Error(`${path}: ${status}`));
        head = false;
        resolve();
        buf = buf.subarray(end + 4);
      } else if (carry) {
        // Only the cut frame is put together: its start and this read up to its end.
        let end = buf.indexOf(FRAME_END);
        if (carry[carry.length - 1] === 10 && buf[0] === 10) end = -1;
        else if (end < 0) return void (carry = Buffer.concat([carry, buf]));
        const whole = Buffer.concat([carry, buf.subarray(0, end + 2)]);
        carry = undefined;
        const rest = frames(whole);
        if (rest < whole.length) carry = whole.subarray(rest);
        buf = buf.subarray(end + 2);
        if (carry) return void (carry = Buffer.concat([carry, buf]));
      }
      const rest = frames(buf);
      if (rest < buf.length) carry = buf.subarray(rest);
    });
  });
}

function measure(taskId: string): void {
  received++;
  const at = clock();
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

process.on("message", (m: { report?: boolean; result_at?: [string, number][] }) => {
  if (!m.report) return;
  // A process without the NATS subscription measures against the other process's result times.
  if (m.result_at) {
    for (const [id, at] of m.result_at) resultAt.set(id, at);
    for (const e of early) {
      const r = resultAt.get(e.id);
      latencies.push(r === undefined ? 0 : Math.max(0, e.at - r));
    }
  } else for (const _e of early) latencies.push(0);
  loopDelay.disable();
  const cpu = process.cpuUsage();
  process.send!({
    received,
    cpu_s: round((cpu.user + cpu.system) / 1e6, 2),
    reads,
    cut_off: cutOff,
    lead_streams: leads,
    lead_events: [...perLead.values()].reduce((a, b) => a + b, 0),
    broad_events_min: broad > 0 ? Math.min(...perBroad) : null,
    p50_ms: round(percentile(latencies, 50), 1),
    p99_ms: round(percentile(latencies, 99), 1),
    max_ms: round(latencies.reduce((a, b) => Math.max(a, b), 0), 1),
    loop_delay_max_ms: round(loopDelay.max / 1e6, 1),
    loop_delay_p99_ms: round(loopDelay.percentile(99) / 1e6, 1),
    latencies,
    ...(withResults ? { result_at: [...resultAt] } : {}),
  });
  setTimeout(() => process.exit(0), 50);
});

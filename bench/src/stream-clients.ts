/**
 * Child process of the `stream` scenario: holds the SSE subscribers (one per lead, plus unfiltered
 * ones) and a core NATS subscription to the result events, and measures, in one clock, how long
 * after its result event each subscriber got its `task.completed`. Talks to the parent over IPC:
 * "ready" once every stream is open; on "report", answers with counts and percentiles.
 */
import http from "node:http";
import { connect } from "@nats-io/transport-node";
import { leadAnalysis } from "@gardenos/contracts";
import { percentile, round } from "./lib/stats.js";

const url = process.env.BENCH_GATEWAY_URL!;
const leads = Number(process.env.BENCH_LEADS ?? 1000);
const broad = Number(process.env.BENCH_BROAD ?? 10);
const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });

const resultAt = new Map<string, number>();
const latencies: number[] = [];
const early: { id: string; at: number }[] = [];
let received = 0;
let cutOff = 0;
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

function open(path: string, onCompleted: (taskId: string, leadId: string | null) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = http.get(`${url}${path}`, { agent }, (res) => {
      if (res.statusCode !== 200) return reject(new Error(`${path}: HTTP ${res.statusCode}`));
      resolve();
      res.setEncoding("utf8");
      let buf = "";
      res.on("data", (chunk: string) => {
        buf += chunk;
        let cut: number;
        while ((cut = buf.indexOf("\n\n")) >= 0) {
          const frame = buf.slice(0, cut);
          buf = buf.slice(cut + 2);
          if (frame.includes("event: error")) cutOff++;
          if (!frame.includes("event: task.completed")) continue;
          const data = frame.slice(frame.indexOf("data: ") + 6);
          const e = JSON.parse(data) as { task_id: string; lead_id: string | null };
          onCompleted(e.task_id, e.lead_id);
        }
      });
    });
    req.on("error", reject);
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
  opening.push(open(`/ai/stream?lead_id=${lead}&status=completed`, (id, l) => {
    if (l === lead) perLead.set(lead, (perLead.get(lead) ?? 0) + 1);
    measure(id);
  }));
}
for (let b = 0; b < broad; b++) opening.push(open("/ai/stream", (id) => (perBroad[b]!++, measure(id))));
await Promise.all(opening);
process.send!({ ready: true });

process.on("message", (m: { report?: boolean }) => {
  if (!m.report) return;
  for (const e of early) latencies.push(0);
  process.send!({
    received,
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

/**
 * The floor: a raw JetStream consumer doing no work. Pulls from the same durable consumer the
 * lead-analysis agents use (same stream and consumer settings), acks each message, and reports
 * when each message arrived. Run as a child process by the throughput scenario (IPC).
 *
 * With BENCH_DURABLE=1 it is the *durable* floor: for each task it publishes a result event of
 * the usual size to `lead.analyzed` (msgID `<task id>:result`, as the agents do), awaits its
 * PubAck — many publishes outstanding at once (pipelined) — and only then acks the task: the
 * least any JetStream worker that keeps its results durable has to do. A task counts as done
 * once its PubAck arrived.
 */
import { jetstream } from "@nats-io/jetstream";
import { connect } from "@nats-io/transport-node";
import { EVENT_SCHEMA_VERSION, Streams, consumerName, leadAnalysis } from "@gardenos/contracts";
import { LeanPublisher } from "@gardenos/runtime";
import { nowMs } from "./lib/stats.js";

const n = Number(process.env.BENCH_N);
const prefix = process.env.BENCH_PREFIX ?? "";
const prefetch = Number(process.env.BENCH_PREFETCH ?? 1000);
const durable = process.env.BENCH_DURABLE === "1";
const nc = await connect({ servers: process.env.NATS_URL!, name: "bench-floor" });
const js = jetstream(nc);
const consumer = await js.consumers.get(Streams.tasks, consumerName("lead_analysis", "normal"));
const received = new Array<number>(n).fill(0);
let count = 0;
const enc = new TextEncoder();
// BENCH_LEAN_PUBLISH=1 (experiment): the runtime's LeanPublisher instead of js.publish().
const lean = process.env.BENCH_LEAN_PUBLISH === "1" ? new LeanPublisher(nc) : undefined;
const publish = (subject: string, data: Uint8Array, msgID: string) => (lean ? lean.publish(subject, data, { msgID }) : js.publish(subject, data, { msgID }));

/** A lead.analyzed event of the usual shape and size (~600 bytes), the task id and times filled in. */
function resultEvent(taskId: string): Uint8Array {
  const now = new Date().toISOString();
  return enc.encode(
    JSON.stringify({
      schema_version: EVENT_SCHEMA_VERSION,
      task_id: taskId,
      type: "lead_analysis",
      status: "completed",
      lead_id: "L-00000",
      agent_id: "floor-0",
      model: "builtin-heuristic",
      provider: "builtin",
      degraded: false,
      usage: { prompt_tokens: 0, completion_tokens: 0 },
      cost_usd: 0,
      latency_ms: 0,
      attempts: 1,
      started_at: now,
      completed_at: now,
      result: {
        lead_quality_score: 7,
        conversion_probability: 62,
        recommended_action: "Schedule a discovery call this week",
        follow_up_timeline: "Within 48 hours",
        key_insights: ["Decision maker (VP level)", "Company size fits the ideal customer profile", "Engaged with pricing page recently"],
      },
    }),
  );
}

function done(i: number): void {
  if (received[i] !== 0) return;
  received[i] = nowMs();
  if (++count === n) process.send!({ type: "done", received }, () => void messages.close().then(() => nc.drain()).then(() => process.exit(0)));
}

const messages = await consumer.consume({
  max_messages: prefetch,
  callback: (m) => {
    const id = m.headers?.get("Nats-Msg-Id") ?? "";
    const i = Number(id.slice(prefix.length));
    if (!durable) {
      m.ack();
      done(i);
      return;
    }
    publish(leadAnalysis.resultSubject, resultEvent(id), `${id}:result`).then(
      () => {
        m.ack();
        done(i);
      },
      () => m.nak(1000),
    );
  },
});
process.send!({ type: "ready" });

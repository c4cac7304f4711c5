/**
 * The floor: a raw JetStream consumer doing no work. Pulls from the same durable consumer the
 * lead-analysis agents use (same stream and consumer settings), acks each message, and reports
 * when each message arrived. Run as a child process by the throughput scenario (IPC).
 */
import { jetstream } from "@nats-io/jetstream";
import { connect } from "@nats-io/transport-node";
import { Streams, consumerName } from "@gardenos/contracts";
import { nowMs } from "./lib/stats.js";

const n = Number(process.env.BENCH_N);
const prefix = process.env.BENCH_PREFIX ?? "";
const prefetch = Number(process.env.BENCH_PREFETCH ?? 1000);
const nc = await connect({ servers: process.env.NATS_URL!, name: "bench-floor" });
const consumer = await jetstream(nc).consumers.get(Streams.tasks, consumerName("lead_analysis", "normal"));
const received = new Array<number>(n).fill(0);
let count = 0;
const messages = await consumer.consume({
  max_messages: prefetch,
  callback: (m) => {
    const id = m.headers?.get("Nats-Msg-Id") ?? "";
    const i = Number(id.slice(prefix.length));
    m.ack();
    if (received[i] === 0) {
      received[i] = nowMs();
      if (++count === n) {
        process.send!({ type: "done", received }, () => void messages.close().then(() => nc.drain()).then(() => process.exit(0)));
      }
    }
  },
});
process.send!({ type: "ready" });

/**
 * The BullMQ contender's worker: the same scoring function (the built-in heuristic scorer) at
 * the same concurrency, in its own process like the lead-analysis service. Run as a child
 * process by the throughput scenario (IPC).
 */
import { Worker } from "bullmq";
import type { Lead } from "@gardenos/contracts";
import { scoreLead } from "@gardenos/lead-analysis";

const url = new URL(process.env.REDIS_URL!);
const worker = new Worker<{ lead: Lead }>(process.env.BENCH_QUEUE!, async (job) => scoreLead(job.data.lead), {
  connection: { host: url.hostname, port: Number(url.port || 6379), maxRetriesPerRequest: null },
  prefix: process.env.BENCH_PREFIX!,
  concurrency: Number(process.env.BENCH_CONCURRENCY ?? 50),
});
worker.on("error", (e) => process.stderr.write(`bullmq worker error: ${e.message}\n`));
await worker.waitUntilReady();
process.send!({ type: "ready" });
process.on("SIGTERM", () => void worker.close().then(() => process.exit(0)));

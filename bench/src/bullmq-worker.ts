/**
 * The BullMQ contender's worker: the same scoring function (the built-in heuristic scorer) at
 * the same concurrency, in its own process like the lead-analysis service. Run as a child
 * process by the throughput scenario (IPC).
 *
 * With BENCH_PG_URL set it is the "BullMQ + Postgres" contender: the worker also keeps each
 * result in Postgres, as a BullMQ user who keeps results there would — written in batches (one
 * statement per batch, group commit) and awaited before the job completes, so a completed job's
 * row is committed.
 */
import { Worker } from "bullmq";
import type { Lead } from "@gardenos/contracts";
import { scoreLead } from "@gardenos/lead-analysis";
import { ResultBatcher } from "./lib/result-batcher.js";

const url = new URL(process.env.REDIS_URL!);
const batcher = process.env.BENCH_PG_URL ? await ResultBatcher.open(process.env.BENCH_PG_URL) : undefined;
const worker = new Worker<{ lead: Lead }>(
  process.env.BENCH_QUEUE!,
  async (job) => {
    const started = Date.now();
    const result = scoreLead(job.data.lead);
    if (batcher) await batcher.write({ job_id: job.id!, lead_id: job.data.lead.id ?? null, result, latency_ms: Date.now() - started, attempts: job.attemptsMade + 1 });
    return result;
  },
  {
    connection: { host: url.hostname, port: Number(url.port || 6379), maxRetriesPerRequest: null },
    prefix: process.env.BENCH_PREFIX!,
    concurrency: Number(process.env.BENCH_CONCURRENCY ?? 50),
  },
);
worker.on("error", (e) => process.stderr.write(`bullmq worker error: ${e.message}\n`));
await worker.waitUntilReady();
process.send!({ type: "ready" });
process.on("SIGTERM", () => void worker.close().then(() => batcher?.close()).then(() => process.exit(0)));

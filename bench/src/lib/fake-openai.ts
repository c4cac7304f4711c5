import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Worker, isMainThread, parentPort, workerData } from "node:worker_threads";
import { fileURLToPath } from "node:url";
import { nowMs } from "./stats.js";

const ANSWER = JSON.stringify({
  lead_quality_score: 8,
  conversion_probability: 72,
  recommended_action: "Book a demo with the VP of Operations",
  follow_up_timeline: "Within 24 hours",
  key_insights: ["Senior buyer engaged", "Requested a demo"],
  top_positive_factors: [{ factor: "Demo request", impact: 15, detail: "Asked for a demo" }],
  top_negative_factors: [{ factor: "Two vendors", impact: -5, detail: "Evaluating a competitor" }],
});

/** What the fake model saw: requests, the most open at once, and per lead id when a call arrived and was answered. */
export interface FakeStats {
  requests: number;
  open: number;
  maxOpen: number;
  serverMsTotal: number;
  /** Per lead id found in the prompt: when the request arrived and when the answer was sent (epoch ms). */
  calls: Map<string, { arrived: number; answered: number }>;
}

export interface FakeOpenAi {
  baseURL: string;
  /** A copy of the stats so far. */
  stats(): Promise<FakeStats>;
  close(): Promise<void>;
}

/**
 * A minimal OpenAI-compatible server: every chat completion is answered after `delayMs` with a
 * valid lead-analysis JSON. It runs in a worker thread of the bench, so its timers and sockets do
 * not wait while the bench's own event loop publishes the backlog or counts results (a real model
 * runs elsewhere).
 */
export async function startFakeOpenAi(delayMs: number): Promise<FakeOpenAi> {
  const worker = new Worker(fileURLToPath(import.meta.url), { workerData: { delayMs } });
  const port = await new Promise<number>((resolve, reject) => {
    worker.once("message", (m: { port: number }) => resolve(m.port));
    worker.once("error", reject);
  });
  const stats = () =>
    new Promise<FakeStats>((resolve) => {
      worker.once("message", (m: Omit<FakeStats, "calls"> & { calls: [string, { arrived: number; answered: number }][] }) => resolve({ ...m, calls: new Map(m.calls) }));
      worker.postMessage("stats");
    });
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    stats,
    close: async () => void (await worker.terminate()),
  };
}

function serve(delayMs: number): void {
  const stats: FakeStats = { requests: 0, open: 0, maxOpen: 0, serverMsTotal: 0, calls: new Map() };
  const server = createServer((req, res) => {
    const arrived = performance.now();
    const arrivedAt = nowMs();
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      if (req.method !== "POST" || !req.url?.endsWith("/chat/completions")) {
        res.writeHead(404, { "content-type": "application/json" }).end(JSON.stringify({ error: { message: "not found" } }));
        return;
      }
      stats.requests++;
      stats.maxOpen = Math.max(stats.maxOpen, ++stats.open);
      let model = "fake-model";
      const text = Buffer.concat(chunks).toString("utf8");
      try {
        model = (JSON.parse(text) as { model?: string }).model ?? model;
      } catch {
        // keep the default
      }
      const leadId = /LD-\d+-\d+-(\d+)/.exec(text)?.[1];
      setTimeout(() => {
        stats.open--;
        stats.serverMsTotal += performance.now() - arrived;
        if (leadId) stats.calls.set(leadId, { arrived: arrivedAt, answered: nowMs() });
        res.writeHead(200, { "content-type": "application/json" }).end(
          JSON.stringify({
            id: `chatcmpl-${stats.requests}`,
            object: "chat.completion",
            created: Math.floor(Date.now() / 1000),
            model,
            choices: [{ index: 0, message: { role: "assistant", content: ANSWER }, finish_reason: "stop", logprobs: null }],
            usage: { prompt_tokens: 700, completion_tokens: 120, total_tokens: 820 },
          }),
        );
      }, delayMs);
    });
  });
  server.keepAliveTimeout = 60_000;
  server.listen(0, "127.0.0.1", () => parentPort!.postMessage({ port: (server.address() as AddressInfo).port }));
  parentPort!.on("message", () => parentPort!.postMessage({ ...stats, calls: [...stats.calls] }));
}

if (!isMainThread && (workerData as { delayMs?: number } | null)?.delayMs !== undefined) serve((workerData as { delayMs: number }).delayMs);

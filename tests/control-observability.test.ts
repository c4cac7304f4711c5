import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DeliverPolicy, jetstream } from "@nats-io/jetstream";
import { connect, type NatsConnection } from "@nats-io/transport-node";
import { Streams, leadAnalysis } from "@gardenos/contracts";
import { startMetrics, type MetricsService } from "@gardenos/metrics";
import { freePort } from "@gardenos/runtime";
// @ts-expect-error -- the package ships no types
import parsePrometheusTextFormat from "parse-prometheus-text-format";
import { api, until } from "./helpers/control.js";
import { sampleLead, startStack, waitForTask, type TestStack } from "./helpers/stack.js";

interface Family {
  name: string;
  type: string;
  metrics: { labels?: Record<string, string>; value?: string; buckets?: Record<string, string>; count?: string; sum?: string }[];
}
const parse = (text: string): Map<string, Family> => new Map((parsePrometheusTextFormat(text) as Family[]).map((f) => [f.name, f]));
const value = (f: Family | undefined, labels: Record<string, string>) =>
  Number(f?.metrics.find((m) => Object.entries(labels).every(([k, v]) => m.labels?.[k] === v))?.value ?? NaN);

/** A real OTLP/HTTP receiver: records the JSON bodies posted to /v1/traces. */
function otlpReceiver(): Promise<{ server: Server; url: string; bodies: string[] }> {
  const bodies: string[] = [];
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (d: Buffer) => (body += d.toString()));
    req.on("end", () => {
      if (req.url === "/v1/traces") bodies.push(body);
      res.writeHead(200, { "content-type": "application/json" });
      res.end("{}");
    });
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => {
    const a = server.address();
    resolve({ server, url: `http://127.0.0.1:${typeof a === "object" && a ? a.port : 0}`, bodies });
  }));
}

describe("observability: Prometheus, traces, status figures", () => {
  let stack: TestStack;
  let nc: NatsConnection;
  let metrics: MetricsService;
  let otlp: Awaited<ReturnType<typeof otlpReceiver>>;
  const savedDelay = process.env.OTEL_BSP_SCHEDULE_DELAY;

  beforeAll(async () => {
    otlp = await otlpReceiver();
    process.env.OTEL_BSP_SCHEDULE_DELAY = "200";
    stack = await startStack({ env: { OTEL_EXPORTER_OTLP_ENDPOINT: otlp.url } });
    // A second metrics service with its /metrics port (both answer requests as one queue group).
    metrics = await startMetrics({ ...stack.env, HEALTH_PORT: String(await freePort()) });
    nc = await connect({ servers: stack.nats.url });
    await until(() => api(stack.url, "GET", "/ai/health"), (r) => r.status === 200, 20_000, "healthy stack");
  });
  afterAll(async () => {
    await nc?.close();
    await metrics?.stop();
    await stack?.stop();
    otlp?.server.close();
    if (savedDelay === undefined) delete process.env.OTEL_BSP_SCHEDULE_DELAY;
    else process.env.OTEL_BSP_SCHEDULE_DELAY = savedDelay;
  });

  it("carries the trace id of an HTTP request onto the task's result event and exports the spans over OTLP", async () => {
    const traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
    const r = await fetch(`${stack.url}/ai/analyze-lead`, {
      method: "POST",
      headers: { "content-type": "application/json", traceparent: `00-${traceId}-00f067aa0ba902b7-01` },
      body: JSON.stringify({ lead: { ...sampleLead, id: "trace-1" } }),
    });
    expect(r.status).toBe(202);
    const { task_id } = (await r.json()) as { task_id: string };
    await waitForTask(stack.url, task_id);
    const c = await jetstream(nc).consumers.get(Streams.results, { filter_subjects: leadAnalysis.resultSubject, deliver_policy: DeliverPolicy.All });
    let header: string | undefined;
    for (;;) {
      const m = await c.next({ expires: 1000 });
      if (!m) break;
      if ((m.json() as { task_id: string }).task_id === task_id) header = m.headers?.get("traceparent");
    }
    expect(header).toMatch(new RegExp(`^00-${traceId}-[0-9a-f]{16}-01$`));
    // OTLP: the gateway's request span and the agent's processing span, in the same trace.
    const spans = await until(
      async () => otlp.bodies.flatMap((b) => (JSON.parse(b) as any).resourceSpans.flatMap((rs: any) => rs.scopeSpans.flatMap((ss: any) => ss.spans))),
      (list: any[]) => list.some((s) => s.name === "POST /ai/analyze-lead") && list.some((s) => s.name === "lead_analysis process"),
      15_000,
      "exported spans",
    );
    const request = spans.find((s: any) => s.name === "POST /ai/analyze-lead" && s.traceId === traceId);
    const processing = spans.find((s: any) => s.name === "lead_analysis process" && s.traceId === traceId);
    expect(request).toBeDefined();
    expect(processing).toBeDefined();
    expect(processing.parentSpanId).toBe(request.spanId);
    expect(processing.attributes).toContainEqual({ key: "gardenos.task_id", value: { stringValue: task_id } });
  });

  it("serves Prometheus text on the gateway and the metrics service: tasks, latency, queues, agents, tokens, cost", async () => {
    for (let i = 0; i < 5; i++) {
      const r = await api(stack.url, "POST", "/ai/analyze-lead", { lead: { ...sampleLead, id: `prom-${i}` }, priority: 9 });
      await waitForTask(stack.url, r.json.task_id);
    }
    let text = "";
    const gw = await until(
      async () => parse((text = await (await fetch(`${stack.url}/metrics`)).text())),
      (m) => value(m.get("gardenos_tasks_total"), { type: "lead_analysis", band: "high", outcome: "completed" }) >= 5,
      10_000,
      "gateway /metrics counts the tasks",
    );
    expect(gw.get("gardenos_task_latency_seconds")?.type).toBe("HISTOGRAM");
    // The parser folds labelled histogram series together, so read the count sample itself.
    const count = /^gardenos_task_latency_seconds_count\{[^}]*type="lead_analysis"[^}]*band="high"[^}]*\} (\d+)$/m.exec(text);
    expect(Number(count?.[1])).toBeGreaterThanOrEqual(5);
    expect(value(gw.get("gardenos_queue_depth"), { type: "lead_analysis", band: "high", state: "pending" })).toBeGreaterThanOrEqual(0);
    expect(value(gw.get("gardenos_agents"), { type: "lead_analysis", state: "idle" }) + value(gw.get("gardenos_agents"), { type: "lead_analysis", state: "busy" })).toBe(4);
    expect(value(gw.get("gardenos_llm_tokens_total"), { type: "lead_analysis", kind: "prompt" })).toBe(0);
    expect(value(gw.get("gardenos_llm_cost_usd_total"), { type: "follow_up" })).toBe(0);
    expect(gw.has("gardenos_breaker_state")).toBe(true);
    expect(value(gw.get("gardenos_tasks_accepted_total"), { type: "lead_analysis", band: "high" })).toBeGreaterThanOrEqual(5);
    expect(value(gw.get("gardenos_metrics_service_up"), {})).toBe(1);
    expect(gw.get("gardenos_http_requests_total")?.type).toBe("COUNTER");

    // Every metric the Grafana dashboard queries is served.
    const dashboard = readFileSync(fileURLToPath(new URL("../deploy/grafana/gardenos.json", import.meta.url)), "utf8");
    const used = new Set([...dashboard.matchAll(/gardenos_[a-z_]+/g)].map((m) => m[0].replace(/_bucket$/, "")));
    expect(used.size).toBeGreaterThan(10);
    for (const name of used) expect(gw.has(name), name).toBe(true);

    const own = parse(await (await fetch(`http://127.0.0.1:${metrics.healthPort}/metrics`)).text());
    expect(value(own.get("gardenos_tasks_total"), { type: "lead_analysis", band: "high", outcome: "completed" })).toBeGreaterThanOrEqual(5);
    expect(value(own.get("gardenos_agents_desired"), { type: "follow_up" })).toBe(2);
    expect(own.has("gardenos_metrics_process_cpu_seconds_total")).toBe(true);
  });

  it("reports per type: desired, agents, queue per band, throughput, latency percentiles, errors, tokens and cost", async () => {
    const s = await until(() => api(stack.url, "GET", "/ai/status"), (r) => r.json?.types?.lead_analysis?.completed_today >= 6, 10_000, "status");
    expect(s.json).toMatchObject({ orchestrator_status: "running", total_agents: 8, total_processed: expect.any(Number), error_rate: 0, queue_sizes: { lead_analysis: 0, follow_up: 0, email_classification: 0 } });
    expect(s.json.types.lead_analysis).toMatchObject({
      desired: 4,
      running: 4,
      busy: expect.any(Number),
      idle: expect.any(Number),
      failed: 0,
      queue: { high: { pending: 0, ack_pending: 0 }, normal: { pending: 0, ack_pending: 0 }, low: { pending: 0, ack_pending: 0 } },
      throughput_per_min: { "1m": expect.any(Number), "5m": expect.any(Number) },
      latency: { p50_ms: expect.any(Number), p95_ms: expect.any(Number), p99_ms: expect.any(Number) },
      error_rate_5m: 0,
      tokens_today: { prompt: 0, completion: 0 },
      cost_usd_today: 0,
      breakers: {},
      degraded_mode: false,
      budget_left_usd: 0,
    });
    expect(s.json.types.lead_analysis.throughput_per_min["1m"]).toBeGreaterThanOrEqual(6);
  });
});

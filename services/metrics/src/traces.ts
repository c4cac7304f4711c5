import { ROOT_CONTEXT, SpanKind, SpanStatusCode, TraceFlags, trace, type Tracer } from "@opentelemetry/api";
import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-http";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { BasicTracerProvider, BatchSpanProcessor } from "@opentelemetry/sdk-trace-base";
import type { ResultStreamEvent } from "@gardenos/contracts";

const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;

/** Parses a W3C traceparent header into trace id, parent span id and flags. */
export function parseTraceparent(h: string | undefined | null): { traceId: string; spanId: string; flags: number } | undefined {
  const m = h ? TRACEPARENT.exec(h) : null;
  if (!m || !m[1] || !m[2] || !m[3]) return undefined;
  return { traceId: m[1], spanId: m[2], flags: parseInt(m[3], 16) };
}

/**
 * Exports one span per finished task over OTLP/HTTP, made from the result events: the agent's
 * processing (started_at → completed_at / failed_at) as a child of the `traceparent` the task
 * carried from the HTTP request, with task id, agent, model, tokens and cost as attributes.
 * The agents themselves need no OpenTelemetry SDK.
 */
export class TraceExporter {
  private readonly provider: BasicTracerProvider;
  private readonly tracer: Tracer;

  constructor(endpoint: string, serviceName: string) {
    const url = `${endpoint.replace(/\/+$/, "")}/v1/traces`;
    this.provider = new BasicTracerProvider({
      resource: resourceFromAttributes({ "service.name": serviceName, "service.namespace": "gardenos" }),
      spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter({ url }))],
    });
    this.tracer = this.provider.getTracer("gardenos-metrics");
  }

  /** One span for a completed or failed task (other events of RESULTS are ignored). */
  fromEvent(ev: ResultStreamEvent, subject: string, traceparent: string | undefined | null): void {
    if (ev.kind !== "completed" && ev.kind !== "failed") return;
    const parent = parseTraceparent(traceparent);
    if (!parent || (parent.flags & TraceFlags.SAMPLED) === 0) return;
    const ctx = trace.setSpanContext(ROOT_CONTEXT, { traceId: parent.traceId, spanId: parent.spanId, traceFlags: parent.flags, isRemote: true });
    const e = ev.event;
    const end = new Date(ev.kind === "failed" ? ev.event.failed_at : ev.event.completed_at);
    const start = ev.kind === "failed" ? end : new Date(ev.event.started_at);
    const span = this.tracer.startSpan(
      `${e.type ?? "task"} process`,
      {
        kind: SpanKind.CONSUMER,
        startTime: Number.isNaN(start.getTime()) ? undefined : start,
        attributes: {
          "gardenos.task_id": e.task_id,
          "gardenos.agent_id": e.agent_id,
          "gardenos.attempts": e.attempts,
          "messaging.system": "nats",
          "messaging.destination.name": subject,
          ...(ev.kind === "failed"
            ? { "error.type": ev.event.error.code }
            : {
                "gen_ai.request.model": ev.event.model,
                "gen_ai.usage.input_tokens": ev.event.usage.prompt_tokens,
                "gen_ai.usage.output_tokens": ev.event.usage.completion_tokens,
                "gardenos.cost_usd": ev.event.cost_usd,
                "gardenos.degraded": ev.event.degraded,
              }),
        },
      },
      ctx,
    );
    if (ev.kind === "failed") span.setStatus({ code: SpanStatusCode.ERROR, message: ev.event.error.message });
    span.end(Number.isNaN(end.getTime()) ? undefined : end);
  }

  async shutdown(): Promise<void> {
    await this.provider.shutdown().catch(() => undefined);
  }
}

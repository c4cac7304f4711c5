import { ROOT_CONTEXT, SpanKind, SpanStatusCode, TraceFlags, trace, type Tracer } from "@opentelemetry/api";
import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-http";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { BasicTracerProvider, BatchSpanProcessor } from "@opentelemetry/sdk-trace-base";
import { Subjects } from "@gardenos/contracts";

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

  fromEvent(subject: string, data: Record<string, unknown>, traceparent: string | undefined | null): void {
    if (subject !== Subjects.leadAnalyzed && subject !== Subjects.followUpGenerated && subject !== Subjects.taskFailed) return;
    const parent = parseTraceparent(traceparent);
    if (!parent || (parent.flags & TraceFlags.SAMPLED) === 0) return;
    const ctx = trace.setSpanContext(ROOT_CONTEXT, { traceId: parent.traceId, spanId: parent.spanId, traceFlags: parent.flags, isRemote: true });
    const failed = subject === Subjects.taskFailed;
    const end = new Date(String(failed ? data.failed_at : data.completed_at));
    const start = failed ? end : new Date(String(data.started_at));
    const usage = (data.usage ?? {}) as { prompt_tokens?: number; completion_tokens?: number };
    const span = this.tracer.startSpan(
      `${String(data.type ?? "task")} process`,
      {
        kind: SpanKind.CONSUMER,
        startTime: Number.isNaN(start.getTime()) ? undefined : start,
        attributes: {
          "gardenos.task_id": String(data.task_id ?? ""),
          "gardenos.agent_id": String(data.agent_id ?? ""),
          "gardenos.attempts": Number(data.attempts ?? 1),
          "messaging.system": "nats",
          "messaging.destination.name": subject,
          ...(failed
            ? { "error.type": String((data.error as { code?: string } | undefined)?.code ?? "ERR_AGENT_FAILED") }
            : {
                "gen_ai.request.model": String(data.model ?? ""),
                "gen_ai.usage.input_tokens": usage.prompt_tokens ?? 0,
                "gen_ai.usage.output_tokens": usage.completion_tokens ?? 0,
                "gardenos.cost_usd": Number(data.cost_usd ?? 0),
                "gardenos.degraded": data.degraded === true,
              }),
        },
      },
      ctx,
    );
    if (failed) span.setStatus({ code: SpanStatusCode.ERROR, message: String((data.error as { message?: string } | undefined)?.message ?? "") });
    span.end(Number.isNaN(end.getTime()) ? undefined : end);
  }

  async shutdown(): Promise<void> {
    await this.provider.shutdown().catch(() => undefined);
  }
}

import { ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Span, type Tracer } from "@opentelemetry/api";
import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-http";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { BasicTracerProvider, BatchSpanProcessor } from "@opentelemetry/sdk-trace-base";
import type { FastifyInstance, FastifyRequest } from "fastify";

const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;
const spans = new WeakMap<FastifyRequest, Span>();

/**
 * OpenTelemetry export for the gateway, on only when OTEL_EXPORTER_OTLP_ENDPOINT is set. Each
 * task request gets a server span (child of the caller's `traceparent`), and the request's
 * `traceparent` is replaced by that span's, so the task on NATS — and the agent's span the
 * metrics service exports from the result event — hang below it in one trace.
 */
export class GatewayTracing {
  private readonly provider: BasicTracerProvider;
  private readonly tracer: Tracer;

  constructor(endpoint: string, serviceName: string) {
    this.provider = new BasicTracerProvider({
      resource: resourceFromAttributes({ "service.name": serviceName, "service.namespace": "gardenos" }),
      spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter({ url: `${endpoint.replace(/\/+$/, "")}/v1/traces` }))],
    });
    this.tracer = this.provider.getTracer("gardenos-gateway");
  }

  install(app: FastifyInstance): void {
    app.addHook("onRequest", async (req) => {
      if (req.method !== "POST" || !req.routeOptions.url?.startsWith("/ai/")) return;
      const incoming = typeof req.headers.traceparent === "string" ? TRACEPARENT.exec(req.headers.traceparent) : null;
      const parent =
        incoming?.[1] && incoming[2] && incoming[3]
          ? trace.setSpanContext(ROOT_CONTEXT, { traceId: incoming[1], spanId: incoming[2], traceFlags: parseInt(incoming[3], 16), isRemote: true })
          : ROOT_CONTEXT;
      const span = this.tracer.startSpan(`${req.method} ${req.routeOptions.url}`, { kind: SpanKind.SERVER, attributes: { "http.request.method": req.method, "http.route": req.routeOptions.url } }, parent);
      const sc = span.spanContext();
      req.headers.traceparent = `00-${sc.traceId}-${sc.spanId}-${sc.traceFlags.toString(16).padStart(2, "0")}`;
      spans.set(req, span);
    });
    app.addHook("onResponse", async (req, reply) => {
      const span = spans.get(req);
      if (!span) return;
      span.setAttribute("http.response.status_code", reply.statusCode);
      if (reply.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    });
  }

  async shutdown(): Promise<void> {
    await this.provider.shutdown().catch(() => undefined);
  }
}

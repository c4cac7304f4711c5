import { BANDS, agentTypes, bandForPriority, type AgentType } from "@gardenos/contracts";
import type { FastifyInstance } from "fastify";
import { Counter, Histogram, Registry, collectDefaultMetrics } from "prom-client";


/**
 * The gateway's own Prometheus metrics: HTTP requests by route and status, their duration, and
 * tasks accepted by type and band. `/metrics` serves these followed by the metrics service's
 * cluster-wide metrics (tasks by outcome, latency, queues, agents, tokens, cost, breakers).
 */
export class GatewayMetrics {
  readonly registry = new Registry();
  private readonly requests: Counter<"method" | "route" | "status">;
  private readonly duration: Histogram<"method" | "route">;
  private readonly accepted: Counter<"type" | "band">;
  /** Task routes → agent type, from the registry. */
  private readonly taskRoutes: ReadonlyMap<string, AgentType> = new Map(agentTypes.list().map((d) => [d.http.path, d.type]));

  constructor() {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry, prefix: "gardenos_gateway_" });
    this.requests = new Counter({ name: "gardenos_http_requests_total", help: "HTTP requests by method, route and status", labelNames: ["method", "route", "status"], registers });
    this.duration = new Histogram({
      name: "gardenos_http_request_duration_seconds",
      help: "HTTP request duration by method and route",
      labelNames: ["method", "route"],
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers,
    });
    this.accepted = new Counter({ name: "gardenos_tasks_accepted_total", help: "Tasks accepted over HTTP (202) by type and band", labelNames: ["type", "band"], registers });
    for (const type of agentTypes.names()) for (const band of BANDS) this.accepted.inc({ type, band }, 0);
  }

  /** Counts every request once it is answered. */
  install(app: FastifyInstance): void {
    app.addHook("onResponse", async (req, reply) => {
      const route = req.routeOptions.url ?? "unmatched";
      this.requests.inc({ method: req.method, route, status: String(reply.statusCode) });
      this.duration.observe({ method: req.method, route }, reply.elapsedTime / 1000);
      const type = this.taskRoutes.get(route);
      if (type && reply.statusCode === 202) {
        const priority = (req.body as { priority?: unknown } | undefined)?.priority;
        this.accepted.inc({ type, band: bandForPriority(typeof priority === "number" ? priority : 5) });
      }
    });
  }

  text(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}

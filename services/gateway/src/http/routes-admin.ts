import { jetstreamManager } from "@nats-io/jetstream";
import type { KV } from "@nats-io/kv";
import type { NatsConnection } from "@nats-io/transport-node";
import {
  AgentTypeSchema,
  BANDS,
  ClusterStatus,
  ControlSubjects,
  QueuesDebug,
  RECORDER_CONSUMER,
  RestartBody,
  RestartReply,
  Streams,
  Subjects,
  agentTypes,
  consumerName,
  restartSubject,
  type AgentType,
  type AgentView,
  type ClusterStatus as Cluster,
  type RestartReply as Reply,
} from "@gardenos/contracts";
import { JsCodes, errorMessage, isCode, natsAlive, openAgentsKv, readDesired, writeDesired, type Logger } from "@gardenos/runtime";
import type { FastifyPluginAsync } from "fastify";
import fp from "fastify-plugin";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { AuthLevels, KeyRing, installAuth, installHostCheck, requireGlobalAdmin } from "./auth.js";
import type { Database } from "../db/index.js";
import { GatewayMetrics } from "./metrics.js";
import { HttpError } from "./errors.js";
import { defaultMaxAgents, requireDeployed, type ControlConfig } from "./control-config.js";
export { controlConfigShape, controlFromConfig, maxAgentsConfigShape, requireDeployed, type ControlConfig } from "./control-config.js";
import { installRateLimit } from "./rate-limit.js";


export interface ControlDeps {
  log: Logger;
  nc: NatsConnection;
  database: Pick<Database, "ping">;
  metricsTimeoutMs: number;
  control?: ControlConfig | undefined;
}

/**
 * How long the public /ai/health and /metrics answers are reused: a flood of either costs one
 * round of NATS and JetStream calls per second, not a dozen API calls per request.
 */
export const PUBLIC_CACHE_MS = 1000;

/**
 * `fn`, shared: callers while it runs share its promise, and so do callers within `ms` after it
 * settled (counted from its answer, so a slow check is not run again at once).
 */
export function cachedFor<T>(ms: number, fn: () => Promise<T>): () => Promise<T> {
  let last: { at: number; value: Promise<T> } | undefined;
  return () => {
    const now = Date.now();
    if (last && now - last.at < ms) return last.value;
    const value = fn();
    // Infinity while it runs: every caller meanwhile gets this promise.
    const entry = { at: Infinity, value };
    last = entry;
    value.then(
      () => {
        entry.at = Date.now();
      },
      () => {
        if (last === entry) last = undefined;
      },
    );
    return value;
  };
}


/** The agent type of an id like `lead-analysis-0` or `follow-up-r1-2` (the longest matching service name). */
export function typeOfAgentId(id: string): AgentType | undefined {
  const matches = agentTypes.list().filter((d) => id.startsWith(`${d.service}-`));
  return matches.sort((a, b) => b.service.length - a.service.length)[0]?.type;
}


/** What GET /ai/agents shows of one agent: the seed's fields first. */
export function agentView(a: AgentView) {
  return {
    agent_id: a.agent_id,
    status: a.state === "running" ? a.status : a.state,
    processed_count: a.processed_count,
    error_count: a.error_count,
    uptime_seconds: a.uptime_seconds,
    current_task_id: a.current_task_id,
    agent_type: a.agent_type,
    state: a.state,
    gone: a.gone,
    last_seen_at: a.last_seen_at,
    last_activity_at: a.last_activity_at,
    started_at: a.started_at,
    avg_latency_ms: a.avg_latency_ms,
    latency_ms: { p50: a.latency.p50_ms, p95: a.latency.p95_ms, p99: a.latency.p99_ms, samples: a.latency.count },
    breaker: a.breakers,
    host: a.host,
    pid: a.pid,
    replica_id: a.replica_id ?? null,
  };
}

const plugin: FastifyPluginAsync<ControlDeps> = async (root, deps) => {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const control: ControlConfig = deps.control ?? { maxAgents: defaultMaxAgents(), deployed: agentTypes.names(), keys: new KeyRing([], []), streamReplicas: 1 };
  installHostCheck(root, control.keys, control.listenHost, control.allowedHosts);
  installAuth(root, control.keys, control.sessions);
  installRateLimit(root, control.rateLimit ?? { perMinute: 0, burst: 1 });
  const metrics = new GatewayMetrics();
  control.metrics?.(metrics.registry);
  metrics.install(root);
  // OpenTelemetry's SDK and exporter are loaded only when traces are exported (≈ 2 MB otherwise for nothing).
  const tracing = control.otlpEndpoint ? new (await import("./tracing.js")).GatewayTracing(control.otlpEndpoint, control.otelServiceName ?? "gardenos") : undefined;
  tracing?.install(root);
  root.addHook("onClose", async () => tracing?.shutdown());

  let kv: Promise<KV> | undefined;
  const agentsKv = () => {
    kv ??= openAgentsKv(deps.nc, control.streamReplicas).catch((e: unknown) => {
      kv = undefined;
      throw e;
    });
    return kv;
  };

  async function ask<T>(subject: string, schema: z.ZodType<T>): Promise<T | undefined> {
    try {
      const m = await deps.nc.request(subject, "", { timeout: deps.metricsTimeoutMs });
      return schema.parse(m.json());
    } catch (e) {
      deps.log.warn({ err: errorMessage(e), subject }, "metrics service did not answer");
      return undefined;
    }
  }
  const cluster = () => ask(Subjects.metricsStatus, ClusterStatus);

  async function mustCluster(): Promise<Cluster> {
    const s = await cluster();
    if (!s) throw new HttpError("ERR_METRICS_UNAVAILABLE", undefined, { retryAfterSeconds: 2 });
    return s;
  }

  // ------------------------------------------------------------------ monitoring

  app.get(
    "/ai/status",
    { schema: { summary: "System status: the seed's fields, and per agent type agents, queues, throughput, latency, errors, tokens, cost, breakers" } },
    async () => {
      const { agents: _agents, ...rest } = await mustCluster();
      return rest;
    },
  );

  async function streamsAndConsumers(): Promise<{ streams: boolean; consumers: boolean; missing: string[] }> {
    const missing: string[] = [];
    try {
      const jsm = await jetstreamManager(deps.nc, { timeout: 1500 });
      for (const s of [Streams.tasks, Streams.results, Streams.deadLetters]) {
        try {
          await jsm.streams.info(s);
        } catch (e) {
          if (!isCode(e, JsCodes.StreamNotFound)) throw e;
          missing.push(`stream ${s}`);
        }
      }
      const consumers: [string, string][] = [[Streams.results, RECORDER_CONSUMER], ...control.deployed.flatMap((t) => BANDS.map((b): [string, string] => [Streams.tasks, consumerName(t, b)]))];
      for (const [s, c] of consumers) {
        try {
          await jsm.consumers.info(s, c);
        } catch (e) {
          if (!isCode(e, JsCodes.ConsumerNotFound) && !isCode(e, JsCodes.StreamNotFound)) throw e;
          missing.push(`consumer ${s}/${c}`);
        }
      }
    } catch (e) {
      deps.log.warn({ err: errorMessage(e) }, "could not check streams and consumers");
      return { streams: false, consumers: false, missing: ["jetstream"] };
    }
    return { streams: !missing.some((m) => m.startsWith("stream")), consumers: !missing.some((m) => m.startsWith("consumer")), missing };
  }

  app.get(
    "/ai/health",
    {
      config: { auth: AuthLevels.public },
      schema: { summary: "Health: the seed's fields plus liveness and readiness checks (503 naming the failing ones)" },
    },
    async (_req, reply) => {
      const { code, body } = await health();
      void reply.code(code);
      return body;
    },
  );

  /** One health check (NATS, database, metrics service, streams and consumers), shared for PUBLIC_CACHE_MS. */
  const health = cachedFor(PUBLIC_CACHE_MS, async () => {
      const nats = await natsAlive(deps.nc);
      const [database, s, topo] = await Promise.all([
        deps.database.ping().then(
          () => true,
          () => false,
        ),
        nats ? cluster() : Promise.resolve(undefined),
        nats ? streamsAndConsumers() : Promise.resolve({ streams: false, consumers: false, missing: ["nats"] }),
      ]);
      const agents = Object.fromEntries(control.deployed.map((t) => [t, s?.agents_by_type[t]?.running ?? 0])) as Record<AgentType, number>;
      const agentsAlive = control.deployed.every((t) => (agents[t] ?? 0) > 0);
      const notDeployed = agentTypes.names().filter((t) => !control.deployed.includes(t));
      const checks = { nats, database, streams: topo.streams, consumers: topo.consumers, metrics: Boolean(s), agents_alive: agentsAlive, agents, not_deployed: notDeployed };
      const failing = [
        ...(!nats ? ["nats"] : []),
        ...(!database ? ["database"] : []),
        ...(nats && !topo.streams ? ["streams"] : []),
        ...(nats && !topo.consumers ? ["consumers"] : []),
        ...(nats && !s ? ["metrics"] : []),
        ...control.deployed.filter((t) => !agents[t]).map((t) => `agents.${t}`),
      ];
      const status = !nats || !database || !topo.streams ? "unhealthy" : failing.length ? "degraded" : "healthy";
      const code = failing.length ? 503 : 200;
      return { code, body: {
        status,
        orchestrator_running: (s?.total_agents ?? 0) > 0,
        total_agents: s?.total_agents ?? 0,
        error_rate: s?.error_rate ?? 0,
        queue_sizes: s?.queue_sizes ?? Object.fromEntries(control.deployed.map((t) => [t, 0])),
        total_processed: s?.total_processed ?? 0,
        liveness: "ok",
        readiness: failing.length ? "not ready" : "ready",
        checks,
        ...(failing.length ? { failing } : {}),
        ...(topo.missing.length && nats ? { missing: topo.missing } : {}),
      } };
  });

  app.get(
    "/ai/agents",
    {
      schema: {
        summary: "Every agent of every replica: state, counts, latency percentiles, last activity, host and process",
        querystring: z.object({ type: AgentTypeSchema.optional(), include_gone: z.enum(["true", "false"]).optional() }),
      },
    },
    async (req) => {
      const s = await mustCluster();
      const includeGone = req.query.include_gone !== "false";
      const agents = s.agents.filter((a) => (!req.query.type || a.agent_type === req.query.type) && (includeGone || a.state === "running" || a.state === "draining"));
      return { total: agents.filter((a) => a.state === "running").length, agents: agents.map(agentView), generated_at: s.generated_at };
    },
  );

  app.get(
    "/ai/agents/:id/metrics",
    {
      schema: {
        summary: "One agent's metrics (the seed's fields plus type, latency percentiles, last activity, breaker, host and process)",
        params: z.object({ id: z.string().min(1).max(200) }),
      },
    },
    async (req) => {
      const s = await mustCluster();
      const a = s.agents.find((x) => x.agent_id === req.params.id);
      if (!a) {
        const known = s.agents.filter((x) => x.state === "running").map((x) => x.agent_id);
        throw new HttpError("ERR_AGENT_NOT_FOUND", `No agent with id ${req.params.id}${known.length ? ` (running: ${known.slice(0, 20).join(", ")}${known.length > 20 ? ", …" : ""})` : ""}`);
      }
      return agentView(a);
    },
  );

  // ------------------------------------------------------------------ admin

  app.post(
    "/ai/scale-agents",
    {
      config: { auth: AuthLevels.admin },
      schema: {
        summary: "Set how many agents of a type the whole cluster runs (split across replicas within seconds)",
        description: `Body { agent_type, target_count } (the seed's). Bounds: 0 to MAX_<TYPE>_AGENTS (${agentTypes.list().map((d) => d.env.maxAgents).join(", ")}). Kept in the NATS KV bucket gardenos_agents (key desired.<agent_type>). Scaling down lets running tasks finish.`,
        body: z.strictObject({ agent_type: AgentTypeSchema, target_count: z.number().int("must be a whole number") }),
      },
    },
    async (req) => {
      requireGlobalAdmin(req);
      const type = req.body.agent_type as AgentType;
      requireDeployed(control, type);
      const n = req.body.target_count;
      const max = control.maxAgents[type] ?? agentTypes.require(type).agents.max;
      if (n < 0 || n > max) {
        throw new HttpError("ERR_SCALE_LIMIT", `target_count must be between 0 and ${max} (${agentTypes.require(type).env.maxAgents}); got ${n}`);
      }
      let kvb: KV;
      try {
        kvb = await agentsKv();
      } catch (e) {
        deps.log.warn({ err: errorMessage(e) }, "KV unavailable");
        throw new HttpError("ERR_BROKER_UNAVAILABLE", undefined, { retryAfterSeconds: 2 });
      }
      const previous = await readDesired(kvb, type).catch(() => undefined);
      let revision: number;
      try {
        revision = await writeDesired(kvb, type, n);
      } catch (e) {
        deps.log.warn({ err: errorMessage(e) }, "could not store the desired count");
        throw new HttpError("ERR_BROKER_UNAVAILABLE", undefined, { retryAfterSeconds: 2 });
      }
      req.log.info({ agent_type: type, target_count: n, previous: previous ?? null }, "desired agent count set");
      return { agent_type: type, target_count: n, previous_count: previous ?? null, max_agents: max, status: "scaling", revision };
    },
  );

  app.post(
    "/ai/restart",
    {
      config: { auth: AuthLevels.admin },
      schema: {
        summary: "Drain and restart agents: all, one type (agent_type) or one agent (agent_id); running tasks finish first",
        body: RestartBody.optional(),
      },
    },
    async (req) => {
      requireGlobalAdmin(req);
      const body = req.body ?? {};
      if (body.agent_type) requireDeployed(control, body.agent_type);
      let types: AgentType[] = body.agent_type ? [body.agent_type as AgentType] : [...control.deployed];
      if (body.agent_id) {
        const t = typeOfAgentId(body.agent_id);
        if (!t || (body.agent_type && body.agent_type !== t)) throw new HttpError("ERR_AGENT_NOT_FOUND", `No agent with id ${body.agent_id}`);
        types = [t];
      }
      const payload = JSON.stringify(body.agent_id ? { agent_ids: [body.agent_id] } : {});
      const replies: Reply[] = [];
      for (const t of types) {
        try {
          const it = await deps.nc.requestMany(restartSubject(t), payload, { strategy: "stall", stall: 300, maxWait: 2000 });
          for await (const m of it) {
            const r = RestartReply.safeParse(m.json());
            if (r.success) replies.push(r.data);
          }
        } catch (e) {
          deps.log.warn({ err: errorMessage(e), agent_type: t }, "restart request got no answer");
        }
      }
      const restarted = replies.flatMap((r) => r.restarted).sort((a, b) => a.localeCompare(b, undefined, { numeric: true }));
      if (replies.length === 0) throw new HttpError("ERR_CONTROL_UNAVAILABLE", `No ${types.join(" or ")} service answered the restart request`, { retryAfterSeconds: 2 });
      if (body.agent_id && restarted.length === 0) throw new HttpError("ERR_AGENT_NOT_FOUND", `No running agent with id ${body.agent_id}`);
      req.log.info({ restarted, replicas: replies.length }, "agents restarting");
      return { status: "restarting", restarted, replicas: replies.map((r) => r.replica_id) };
    },
  );

  app.get(
    "/ai/debug/queues",
    {
      config: { auth: AuthLevels.admin },
      schema: { summary: "Per stream and consumer: pending, ack pending, redelivered, oldest waiting age, waiting pulls; dead letters; last failures with reasons" },
    },
    async (req) => {
      requireGlobalAdmin(req);
      const q = await ask(ControlSubjects.metricsQueues, QueuesDebug);
      if (!q) throw new HttpError("ERR_METRICS_UNAVAILABLE", undefined, { retryAfterSeconds: 2 });
      return q;
    },
  );

  // ------------------------------------------------------------------ Prometheus

  /** The cluster's Prometheus text from the metrics service, shared for PUBLIC_CACHE_MS ("" when it did not answer). */
  const clusterText = cachedFor(PUBLIC_CACHE_MS, async () => {
    try {
      const m = await deps.nc.request(ControlSubjects.metricsPrometheus, "", { timeout: deps.metricsTimeoutMs });
      return m.string();
    } catch (e) {
      deps.log.debug({ err: errorMessage(e) }, "metrics service did not answer the Prometheus request");
      return "";
    }
  });

  app.get("/metrics", { config: { auth: AuthLevels.public }, schema: { summary: "Prometheus metrics (gateway and cluster)", hide: true } }, async (_req, reply) => {
    const cluster = await clusterText();
    const own = await metrics.text();
    const up = `# HELP gardenos_metrics_service_up 1 when the metrics service answered this scrape\n# TYPE gardenos_metrics_service_up gauge\ngardenos_metrics_service_up ${cluster ? 1 : 0}\n`;
    void reply.header("content-type", metrics.contentType);
    return `${own}\n${up}${cluster ? `\n${cluster}` : ""}`;
  });
};

/** The control plane: auth on every route, monitoring, admin endpoints, Prometheus, traces. */
export const controlPlane = fp(plugin, { name: "gardenos-control-plane", fastify: "5.x" });




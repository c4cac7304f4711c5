import { DeliverPolicy, jetstream, jetstreamManager, type ConsumerMessages } from "@nats-io/jetstream";
import {
  BANDS,
  ControlSubjects,
  KvBuckets,
  Streams,
  Subjects,
  agentTypes,
  parseResultEvent,
  type AgentType,
  type ClusterStatus,
  type QueuesDebug,
  type TypeStatus,
} from "@gardenos/contracts";
import {
  baseConfigShape,
  connectNats,
  createLogger,
  deployedAgentTypes,
  JS_SETUP_TIMEOUT_MS,
  errorMessage,
  loadAgentTypePlugins,
  loadConfig,
  natsAlive,
  openAgentsKvToRead,
  ensureStreamsIfMissing,
  retryUntilCreated,
  parseDesired,
  queueDepths,
  startHealthServer,
  type Logger,
  type ServiceHandle,
} from "@gardenos/runtime";
import { z } from "zod";
import { HeartbeatAggregator, readHandler } from "./aggregator.js";
import { PromMetrics } from "./prometheus.js";
import { collectQueues, queueSizes } from "./queues.js";
import { ResultsTracker } from "./results.js";
import { TraceExporter } from "./traces.js";

export { HeartbeatAggregator, MISSED_HEARTBEATS_FOR_GONE, readHandler, type AggregatorOptions } from "./aggregator.js";
export { ResultsTracker, summarize } from "./results.js";
export { PromMetrics, BREAKER_VALUES } from "./prometheus.js";

export const MetricsConfigSchema = z.object({
  ...baseConfigShape,
  /** OTLP/HTTP endpoint for trace export (e.g. http://collector:4318); unset → no export. Default unset. */
  OTEL_EXPORTER_OTLP_ENDPOINT: z.string().url("must be a URL").optional(),
  /** Service name on exported spans. Default gardenos. */
  OTEL_SERVICE_NAME: z.string().min(1).default("gardenos"),
});

export interface MetricsService extends ServiceHandle {
  log: Logger;
  aggregator: HeartbeatAggregator;
  results: ResultsTracker;
  prom: PromMetrics;
  /** Port of the /livez, /readyz and /metrics server (HEALTH_PORT), when it runs. */
  healthPort: number | undefined;
}

type Depths = Awaited<ReturnType<typeof queueDepths>>;

const ZERO_DEPTH = { pending: 0, ack_pending: 0 };

const zeroDepths = (types: readonly AgentType[]): Depths =>
  Object.fromEntries(types.map((t) => [t, Object.fromEntries(BANDS.map((b) => [b, { ...ZERO_DEPTH }]))])) as Depths;

/**
 * The metrics service: folds agent heartbeats, replica presence, the desired counts (KV), the
 * RESULTS stream and consumer states into the cluster status, and answers it over NATS
 * (`gardenos.metrics.status`, `.agents`, `.queues`, `.prometheus`). Prometheus `/metrics` on HEALTH_PORT.
 */
export async function startMetrics(env: NodeJS.ProcessEnv = process.env, logger?: Logger): Promise<MetricsService> {
  const cfg = loadConfig(MetricsConfigSchema, env);
  // Plugin types first: every list of types below comes from the registry.
  await loadAgentTypePlugins(cfg.AGENT_TYPE_PLUGINS);
  const types = agentTypes.names();
  const deployed = deployedAgentTypes(cfg.AGENT_TYPES);
  const log = logger ?? createLogger({ name: "metrics", level: cfg.LOG_LEVEL, format: cfg.LOG_FORMAT, ...(cfg.LOG_FILE ? { file: cfg.LOG_FILE } : {}) });
  const nc = await connectNats(cfg.NATS_URL, "gardenos-metrics", log, cfg);
  const jsm = await jetstreamManager(nc, { timeout: JS_SETUP_TIMEOUT_MS });
  // With the read-only broker user (deploy/nats/auth.conf) metrics may not create streams: it waits for them.
  await ensureStreamsIfMissing(jsm, cfg);
  const aggregator = new HeartbeatAggregator({ types, deployed });
  const results = new ResultsTracker(types);
  const prom = new PromMetrics(results, types);
  const traces = cfg.OTEL_EXPORTER_OTLP_ENDPOINT ? new TraceExporter(cfg.OTEL_EXPORTER_OTLP_ENDPOINT, cfg.OTEL_SERVICE_NAME) : undefined;
  if (traces) log.info({ endpoint: cfg.OTEL_EXPORTER_OTLP_ENDPOINT }, "exporting task spans over OTLP");
  let stopped = false;

  const heartbeats = nc.subscribe(`${Subjects.heartbeatPrefix}.>`, {
    callback: (err, msg) => {
      if (err) return;
      try {
        if (!aggregator.ingest(msg.json())) log.debug({ subject: msg.subject }, "ignored a heartbeat that does not follow the contract");
      } catch {
        log.debug({ subject: msg.subject }, "ignored a heartbeat that is not JSON");
      }
    },
  });
  const presence = nc.subscribe(`${ControlSubjects.replicaPrefix}.>`, {
    callback: (err, msg) => {
      if (err) return;
      try {
        aggregator.ingestPresence(msg.json());
      } catch {
        // not JSON: ignore
      }
    },
  });

  // Desired counts: watch `desired.>` in gardenos_agents (values first, then changes).
  // Bound when it exists (under per-role users metrics may not create it: it waits for the gateway).
  const agentsKv = await retryUntilCreated(() => openAgentsKvToRead(nc, cfg.STREAM_REPLICAS));
  const desiredWatch = await agentsKv.watch({ key: "desired.>" });
  void (async () => {
    for await (const e of desiredWatch) {
      const type = e.key.slice("desired.".length);
      if (!agentTypes.has(type)) continue;
      aggregator.setDesired(type, e.operation === "PUT" ? (parseDesired(e.string()) ?? null) : null);
    }
  })();

  // RESULTS from the start of the day (UTC): throughput, latency, tokens, cost, failures.
  const js = jetstream(nc);
  const resultsConsumer = await js.consumers.get(Streams.results, {
    deliver_policy: DeliverPolicy.StartTime,
    opt_start_time: new Date(results.dayStart).toISOString(),
  });
  const resultMessages: ConsumerMessages = await resultsConsumer.consume({ max_messages: 1000 });
  void (async () => {
    try {
      for await (const m of resultMessages) {
        let ev: ReturnType<typeof parseResultEvent>;
        try {
          ev = parseResultEvent(m.subject, m.json());
        } catch (e) {
          log.debug({ subject: m.subject, seq: m.seq, err: errorMessage(e) }, "ignored a result event that does not follow the contract");
          continue;
        }
        if (!ev) continue; // the result of a type this process does not know
        results.ingest(ev, m.time.getTime());
        traces?.fromEvent(ev, m.subject, m.headers?.get("traceparent"));
      }
    } catch (e) {
      if (!stopped) log.error({ err: errorMessage(e) }, "RESULTS reader stopped");
    }
  })();

  async function depthsNow(): Promise<Depths> {
    try {
      return await queueDepths(jsm, types);
    } catch (e) {
      log.warn({ err: errorMessage(e) }, "could not read queue depths");
      return zeroDepths(types);
    }
  }

  /** The whole cluster view: the seed's fields, per-type figures, every agent. */
  async function clusterStatus(depths?: Depths): Promise<ClusterStatus> {
    const d = depths ?? (await depthsNow());
    const sizes = queueSizes(d, types);
    const now = Date.now();
    const base = aggregator.status(sizes, now);
    const agents = base.agents.map((a) => ({ ...a, latency: results.agentLatency(a.agent_id), breakers: readHandler(a.handler).breakers }));
    const byType = aggregator.byType(agents, now);
    const typeStatus: Record<string, TypeStatus> = {};
    let degraded = false;
    for (const t of types) {
      const a = byType[t];
      if (!a) continue;
      const f = results.typeFigures(t, now);
      // A type this deployment does not run is listed ("deployed": false) but never degrades the status.
      if (a.deployed && (a.handler.degradedMode || (a.desired > 0 && a.running === 0))) degraded = true;
      typeStatus[t] = {
        deployed: a.deployed,
        desired: a.desired,
        desired_source: a.desiredSource,
        replicas: a.replicas,
        running: a.running,
        busy: a.busy,
        idle: a.idle,
        draining: a.draining,
        failed: a.failed,
        queue: d[t] ?? { high: ZERO_DEPTH, normal: ZERO_DEPTH, low: ZERO_DEPTH },
        throughput_per_min: f.throughput_per_min,
        latency: f.latency,
        error_rate_5m: f.error_rate_5m,
        completed_today: f.today.completed,
        failed_today: f.today.failed,
        tokens_today: { prompt: f.today.promptTokens, completion: f.today.completionTokens, prompt_cache_hit: f.today.promptCacheHitTokens },
        cost_usd_today: Math.round(f.today.costUsd * 1e6) / 1e6,
        degraded_today: f.today.degraded,
        breakers: a.handler.breakers,
        degraded_mode: a.handler.degradedMode,
        budget_left_usd: a.handler.budgetLeftUsd,
      };
    }
    const status = base.orchestrator_status === "running" && degraded ? "degraded" : base.orchestrator_status;
    return { ...base, orchestrator_status: status, agents, types: typeStatus, nats_connected: !nc.isClosed() };
  }

  async function queues(): Promise<{ debug: QueuesDebug; depths: Depths }> {
    return collectQueues(jsm, results.lastFailures(), types);
  }

  async function prometheusText(): Promise<string> {
    let q: { debug: QueuesDebug; depths: Depths } | undefined;
    try {
      q = await queues();
    } catch (e) {
      log.warn({ err: errorMessage(e) }, "could not read queues for /metrics");
    }
    prom.update(await clusterStatus(q?.depths), q?.debug);
    return prom.text();
  }

  const reply = (subject: string, queue: string, answer: () => Promise<unknown>) =>
    nc.subscribe(subject, {
      queue,
      callback: (err, msg) => {
        if (err) return;
        answer().then(
          (body) => msg.respond(typeof body === "string" ? body : JSON.stringify(body)),
          (e: unknown) => {
            log.warn({ err: errorMessage(e), subject }, "could not answer");
            msg.respond(JSON.stringify({ error: { code: "ERR_INTERNAL", message: errorMessage(e) } }));
          },
        );
      },
    });
  const subs = [
    reply(Subjects.metricsStatus, "metrics", () => clusterStatus()),
    reply(ControlSubjects.metricsAgents, "metrics", async () => ({ agents: (await clusterStatus()).agents })),
    reply(ControlSubjects.metricsQueues, "metrics", async () => (await queues()).debug),
    reply(ControlSubjects.metricsPrometheus, "metrics", () => prometheusText()),
  ];

  const health = cfg.HEALTH_PORT
    ? await startHealthServer({
        port: cfg.HEALTH_PORT,
        ready: async () => ({ nats: await natsAlive(nc) }),
        routes: { "/metrics": async () => ({ contentType: prom.contentType, body: await prometheusText() }) },
      })
    : undefined;
  log.info({ kv: KvBuckets.agents, health_port: health?.port, types, deployed }, "metrics service started");
  return {
    log,
    aggregator,
    results,
    prom,
    healthPort: health?.port,
    async stop() {
      stopped = true;
      await health?.close();
      heartbeats.unsubscribe();
      presence.unsubscribe();
      desiredWatch.stop();
      for (const s of subs) s.unsubscribe();
      await resultMessages.close().catch(() => undefined);
      await traces?.shutdown();
      await nc.drain().catch(() => undefined);
    },
  };
}


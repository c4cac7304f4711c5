import { jetstreamManager } from "@nats-io/jetstream";
import { AGENT_TYPES, BANDS, Subjects, type SystemStatus } from "@gardenos/contracts";
import {
  baseConfigShape,
  connectNats,
  createLogger,
  ensureStreams,
  loadConfig,
  natsAlive,
  queueDepths,
  startHealthServer,
  type Logger,
  type ServiceHandle,
} from "@gardenos/runtime";
import { z } from "zod";
import { HeartbeatAggregator } from "./aggregator.js";

export { HeartbeatAggregator, MISSED_HEARTBEATS_FOR_GONE } from "./aggregator.js";

export const MetricsConfigSchema = z.object({ ...baseConfigShape });

export interface MetricsService extends ServiceHandle {
  log: Logger;
  aggregator: HeartbeatAggregator;
}

/**
 * The metrics service: folds agent heartbeats and queue depths into the system status and
 * answers `gardenos.metrics.status` requests (the gateway's /ai/status and /ai/health use it).
 */
export async function startMetrics(env: NodeJS.ProcessEnv = process.env, logger?: Logger): Promise<MetricsService> {
  const cfg = loadConfig(MetricsConfigSchema, env);
  const log = logger ?? createLogger({ name: "metrics", level: cfg.LOG_LEVEL, format: cfg.LOG_FORMAT });
  const nc = await connectNats(cfg.NATS_URL, "gardenos-metrics", log);
  const jsm = await jetstreamManager(nc);
  await ensureStreams(jsm, cfg);
  const aggregator = new HeartbeatAggregator();

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

  const statusSub = nc.subscribe(Subjects.metricsStatus, {
    queue: "metrics",
    callback: (err, msg) => {
      if (err) return;
      void (async () => {
        let sizes: SystemStatus["queue_sizes"] = { lead_analysis: 0, follow_up: 0 };
        try {
          const depths = await queueDepths(jsm);
          sizes = Object.fromEntries(
            AGENT_TYPES.map((t) => [t, BANDS.reduce((n, b) => n + depths[t][b].pending + depths[t][b].ack_pending, 0)]),
          ) as SystemStatus["queue_sizes"];
        } catch (e) {
          log.warn({ err: e }, "could not read queue depths");
        }
        msg.respond(JSON.stringify(aggregator.status(sizes)));
      })();
    },
  });
  const health = cfg.HEALTH_PORT
    ? await startHealthServer({ port: cfg.HEALTH_PORT, ready: async () => ({ nats: await natsAlive(nc) }) })
    : undefined;
  log.info("metrics service started");
  return {
    log,
    aggregator,
    async stop() {
      await health?.close();
      heartbeats.unsubscribe();
      statusSub.unsubscribe();
      await nc.drain().catch(() => undefined);
    },
  };
}

import { withLeadLookup } from "./pool/lead-lookup.js";
import { jetstreamManager } from "@nats-io/jetstream";
import { z } from "zod";
import { agentTypes, type AgentType, type TaskEvent } from "@gardenos/contracts";
import { AgentPool, Cancellations, type AgentHandler } from "./pool/index.js";
import { DEFAULT_ACK_WAIT_SECONDS } from "./pool/types.js";
import { baseConfigShape, envInt, envNumber, loadConfig } from "./config.js";
import { createLogger, type Logger } from "./logger.js";
import { connectNats, natsAlive } from "./nats.js";
import type { ServiceHandle } from "./service.js";
import { JS_SETUP_TIMEOUT_MS, ensureStreams } from "./topology.js";
import { startHealthServer } from "./health-server.js";
import { loadAgentTypePlugins } from "./agent-type-plugins.js";
import { Scaler, prepareReplica } from "./scaler.js";

/** The service config of one agent type: the common settings plus its pool's (names and defaults from its definition). */
export function agentConfigSchema(type: AgentType) {
  const def = agentTypes.require(type);
  const n = { agents: def.env.agents, max: def.env.maxAgents, timeout: def.env.timeout, defaults: { agents: def.agents.default, max: def.agents.max, timeout: def.timeoutSeconds } };
  return z
    .object({
      ...baseConfigShape,
      /** Agents this process runs at start. */
      [n.agents]: envInt(n.defaults.agents, 0, 1000),
      /** Upper bound for agents per process. */
      [n.max]: envInt(n.defaults.max, 1, 1000),
      /** Seconds one task may take. */
      [n.timeout]: envNumber(n.defaults.timeout, 1, 3600),
      /** Distinguishes replicas in agent ids (e.g. the pod name). Default none. */
      REPLICA_ID: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, "may hold only letters, digits, _ and -").optional(),
      /** Tasks each band may buffer locally. Default: the agent bound. */
      TASK_PREFETCH: envInt(0, 0, 10_000),
      /** First retry delay in ms (doubles per attempt, with jitter). Default 1000. */
      TASK_RETRY_BASE_MS: envInt(1000, 10, 600_000),
      /** Seconds running tasks get to finish on SIGTERM. Default 25. */
      SHUTDOWN_GRACE: envNumber(25, 0, 3600),
      /**
       * Ack wait of the task consumers in seconds: after a crash, tasks that were out come back
       * within it (every task an agent holds is kept alive with working() every third of it). Default 10.
       */
      TASK_ACK_WAIT: envInt(DEFAULT_ACK_WAIT_SECONDS, 3, 600),
    })
    .superRefine((c, ctx) => {
      const r = c as Record<string, unknown>;
      const agents = r[n.agents] as number;
      const max = r[n.max] as number;
      if (agents > max) ctx.addIssue({ code: "custom", path: [n.agents], message: `must be at most ${n.max} (${max})` });
    });
}

export interface AgentServiceSettings {
  agents: number;
  maxAgents: number;
  timeoutSeconds: number;
}

/** Reads the pool settings of one agent type from its validated config. */
export function agentSettings(type: AgentType, cfg: Record<string, unknown>): AgentServiceSettings {
  const n = agentTypes.require(type).env;
  return { agents: cfg[n.agents] as number, maxAgents: cfg[n.maxAgents] as number, timeoutSeconds: cfg[n.timeout] as number };
}

export interface AgentService<E extends TaskEvent, R> extends ServiceHandle {
  pool: AgentPool<E, R>;
  log: Logger;
}

/**
 * Starts an agent service: config from `env`, NATS connection, topology, and the pool.
 * Shared by lead-analysis, follow-up and any new agent type.
 */
export async function startAgentService<E extends TaskEvent, R>(
  handler: AgentHandler<E, R>,
  env: NodeJS.ProcessEnv = process.env,
  logger?: Logger,
): Promise<AgentService<E, R>> {
  await loadAgentTypePlugins(env.AGENT_TYPE_PLUGINS);
  const cfg = loadConfig(agentConfigSchema(handler.type), env) as unknown as Record<string, unknown> & z.infer<z.ZodObject<typeof baseConfigShape>> & {
    REPLICA_ID?: string;
    TASK_PREFETCH: number;
    TASK_RETRY_BASE_MS: number;
    SHUTDOWN_GRACE: number;
    TASK_ACK_WAIT: number;
  };
  const settings = agentSettings(handler.type, cfg);
  const service = agentTypes.require(handler.type).service;
  const log = logger ?? createLogger({ name: service, level: cfg.LOG_LEVEL, format: cfg.LOG_FORMAT, ...(cfg.LOG_FILE ? { file: cfg.LOG_FILE } : {}) });
  const nc = await connectNats(cfg.NATS_URL, `gardenos-${service}`, log, cfg);
  const jsm = await jetstreamManager(nc, { timeout: JS_SETUP_TIMEOUT_MS });
  await ensureStreams(jsm, cfg);
  // Cluster-wide scaling: a replica slot (unique agent ids) and this replica's share of the desired count.
  const replica = await prepareReplica({ nc, type: handler.type, service, replicaId: cfg.REPLICA_ID, configuredAgents: settings.agents, maxAgents: settings.maxAgents, streamReplicas: cfg.STREAM_REPLICAS });
  const cancelled = new Cancellations(nc, log, { ttlSeconds: cfg.TASKS_MAX_AGE, streamReplicas: cfg.STREAM_REPLICAS });
  await cancelled.start();
  const pool = new AgentPool<E, R>({
    nc,
    cancelled,
    log,
    // A lead-based type's task may carry only lead_id: looked up through the gateway first.
    handler: withLeadLookup(handler),
    agents: replica.initialAgents,
    maxAgents: settings.maxAgents,
    timeoutSeconds: settings.timeoutSeconds,
    maxRetries: cfg.TASK_MAX_RETRIES,
    heartbeatIntervalSeconds: cfg.HEARTBEAT_INTERVAL,
    retryBaseMs: cfg.TASK_RETRY_BASE_MS,
    replicaId: replica.replicaId,
    agentIdPrefix: replica.agentIdPrefix,
    ...(cfg.TASK_PREFETCH ? { prefetch: cfg.TASK_PREFETCH } : {}),
    ackWaitSeconds: cfg.TASK_ACK_WAIT,
  });
  await pool.start();
  const scaler = new Scaler({ nc, log, type: handler.type, pool, agentsKv: replica.agentsKv, replicasKv: replica.replicasKv, replicaId: replica.replicaId, slot: replica.slot, configuredAgents: settings.agents, maxAgents: settings.maxAgents, heartbeatIntervalSeconds: cfg.HEARTBEAT_INTERVAL });
  await scaler.start();
  const health = cfg.HEALTH_PORT
    ? await startHealthServer({
        port: cfg.HEALTH_PORT,
        // A replica scaled to 0 agents parks its pool on purpose: still ready.
        ready: async () => ({ nats: await natsAlive(nc), pool: pool.isRunning || scaler.parked }),
      })
    : undefined;
  return {
    pool,
    log,
    async stop() {
      await health?.close();
      await scaler.stop();
      await pool.stop(cfg.SHUTDOWN_GRACE * 1000);
      cancelled.stop();
      await nc.drain().catch(() => undefined);
    },
  };
}

import { agentTypes, type AgentType } from "@gardenos/contracts";
import { envInt, type Logger } from "@gardenos/runtime";
import type { Registry } from "prom-client";
import { z } from "zod";
import { KeyRing, authConfigShape, checkExposure } from "./auth.js";
import { HttpError } from "./errors.js";
import { rateLimitConfigShape } from "./rate-limit.js";
import { SessionTokens } from "./session.js";

/** Control-plane settings of the gateway (read from the environment in index.ts). */
export interface ControlConfig {
  /** Cluster-wide bounds for POST /ai/scale-agents per type (MAX_LEAD_ANALYSIS_AGENTS, MAX_FOLLOW_UP_AGENTS, …). */
  maxAgents: Record<AgentType, number>;
  /** The agent types this deployment runs (AGENT_TYPES); the other registered ones are "not deployed". */
  deployed: readonly AgentType[];
  keys: KeyRing;
  /** Stream replicas for the KV bucket the gateway may create. */
  streamReplicas: number;
  /** Per-key token bucket (RATE_LIMIT_PER_MINUTE, RATE_LIMIT_BURST); absent or 0 → no limit. */
  rateLimit?: { perMinute: number; burst: number };
  /** OTLP/HTTP endpoint; unset → no trace export. */
  otlpEndpoint?: string | undefined;
  otelServiceName?: string;
  /** The interface the gateway listens on (HOST); decides the DNS-rebinding Host check. Default loopback. */
  listenHost?: string;
  /** GARDENOS_ALLOWED_HOSTS: extra Host names accepted while endpoints are open. */
  allowedHosts?: readonly string[];
  /** Browser sessions (POST /ai/session; session.ts); absent → none. */
  sessions?: SessionTokens;
  /** Adds more of the gateway's own metrics to its registry (live streams, webhooks). */
  metrics?: (registry: Registry) => void;
}

/** The default bounds: each registered type's own maximum. */
export function defaultMaxAgents(): Record<AgentType, number> {
  return Object.fromEntries(agentTypes.list().map((d) => [d.type, d.agents.max]));
}

/** Refuses a type this deployment does not run. */
export function requireDeployed(control: Pick<ControlConfig, "deployed">, type: AgentType): void {
  if (!control.deployed.includes(type)) {
    throw new HttpError("ERR_TYPE_NOT_DEPLOYED", `This deployment does not run agent type ${type} (AGENT_TYPES: ${control.deployed.join(", ")})`);
  }
}

/**
 * Most agents of each registered type POST /ai/scale-agents may ask for, cluster-wide:
 * `MAX_<TYPE>_AGENTS` (MAX_LEAD_ANALYSIS_AGENTS default 10, MAX_FOLLOW_UP_AGENTS default 5, a
 * plugin type its own maximum). Built when called, so plugin types count.
 */
export function maxAgentsConfigShape() {
  return Object.fromEntries(agentTypes.list().map((d) => [d.env.maxAgents, envInt(d.agents.max, 0, 10_000)]));
}


/** Gateway settings of the control plane (merged into the gateway's config schema). */
export const controlConfigShape = {
  ...authConfigShape,
  ...rateLimitConfigShape,
  /** OTLP/HTTP endpoint for trace export (e.g. http://collector:4318); unset → no export. Default unset. */
  OTEL_EXPORTER_OTLP_ENDPOINT: z.string().url("must be a URL").optional(),
  /** Service name on exported spans. Default gardenos-gateway. */
  OTEL_SERVICE_NAME: z.string().min(1).default("gardenos-gateway"),
  /** Lifetime of a browser session (POST /ai/session) in seconds; the dashboard renews it while open. Default 900. */
  SESSION_TTL_SECONDS: envInt(900, 60, 86_400),
};

/**
 * Builds the control-plane settings from the gateway's config: reads the keys, refuses an open
 * gateway on a non-loopback interface, and logs whether auth is on (never the keys).
 */
export function controlFromConfig(
  cfg: Record<string, unknown> & { SESSION_TTL_SECONDS?: number; RATE_LIMIT_PER_MINUTE: number; RATE_LIMIT_BURST: number; HOST: string; STREAM_REPLICAS: number; GARDENOS_ALLOW_NO_AUTH: boolean; GARDENOS_ALLOWED_HOSTS?: readonly string[]; OTEL_EXPORTER_OTLP_ENDPOINT?: string | undefined; OTEL_SERVICE_NAME: string },
  log: Logger,
  deployed: readonly AgentType[] = agentTypes.names(),
): ControlConfig {
  const keys = KeyRing.fromEnv(cfg);
  const exposure = checkExposure(keys, cfg.HOST, cfg.GARDENOS_ALLOW_NO_AUTH);
  log[exposure.level](keys.describe(), exposure.message);
  if (cfg.OTEL_EXPORTER_OTLP_ENDPOINT) log.info({ endpoint: cfg.OTEL_EXPORTER_OTLP_ENDPOINT }, "exporting request spans over OTLP");
  return {
    keys,
    maxAgents: Object.fromEntries(agentTypes.list().map((d) => [d.type, cfg[d.env.maxAgents] as number])),
    rateLimit: { perMinute: cfg.RATE_LIMIT_PER_MINUTE, burst: cfg.RATE_LIMIT_BURST },
    deployed,
    streamReplicas: cfg.STREAM_REPLICAS,
    otlpEndpoint: cfg.OTEL_EXPORTER_OTLP_ENDPOINT,
    otelServiceName: cfg.OTEL_SERVICE_NAME,
    listenHost: cfg.HOST,
    allowedHosts: cfg.GARDENOS_ALLOWED_HOSTS ?? [],
    sessions: new SessionTokens(keys.sessionSecret(), cfg.SESSION_TTL_SECONDS ?? 900),
  };
}

import websocket from "@fastify/websocket";
import { envInt, type Logger } from "@gardenos/runtime";
import type { NatsConnection } from "@nats-io/transport-node";
import type { FastifyInstance } from "fastify";
import type { LiveHub } from "../live/live-hub.js";
import type { ResultWaiter } from "../live/result-waiter.js";
import type { StatusTicker } from "../live/status-ticker.js";
import type { TaskCollection } from "../live/task-collection.js";
import type { TaskReader } from "../recording/task-store.js";
import { taskCollectionRoutes } from "./routes-task-collection.js";
import { streamRoutes, type StreamLimits } from "./routes-stream.js";
import { dashboardRoutes } from "./routes-dashboard.js";
import { sessionRoutes } from "./routes-session.js";
import type { SessionTokens } from "./session.js";
import { webhookRoutes, type WebhookRoutesDeps } from "./routes-webhooks.js";
import { z } from "zod";
import { TargetPolicy } from "../webhooks/ssrf.js";

/** Settings of the live side (merged into the gateway's config schema). */
export const liveConfigShape = {
  /**
   * Bytes of events the gateway may hold for one stream client beyond what the operating system's
   * socket buffers took, for more than STREAM_SLOW_CLIENT_GRACE_MS (a burst may pass it for a moment; 4× it at any moment
   * cuts the client off). Past it the client gets a final ERR_SLOW_CONSUMER message and is disconnected. Default 262144.
   */
  STREAM_MAX_BUFFER_BYTES: envInt(256 * 1024, 4096, 64 * 1024 * 1024),
  /**
   * Milliseconds a stream client may stay over STREAM_MAX_BUFFER_BYTES before it is cut off (a
   * reader descheduled for a moment on a busy machine catches up within it). Default 2000.
   */
  STREAM_SLOW_CLIENT_GRACE_MS: envInt(2000, 100, 60_000),
  /** Open streams (SSE and WebSocket) one gateway serves; more answer 503. Default 10000. */
  STREAM_MAX_CLIENTS: envInt(10_000, 1, 1_000_000),
  /** Milliseconds between cluster status messages on streams with include=status (the dashboard). Default 2000. */
  STREAM_STATUS_INTERVAL_MS: envInt(2000, 200, 60_000),
  /**
   * Webhook targets allowed although they are not public https (host names, IP addresses or CIDR
   * ranges, comma-separated; http is accepted for them): e.g. `127.0.0.1` in tests, `10.20.0.0/16` for
   * a receiver inside the network. Default none.
   */
  WEBHOOK_ALLOWED_TARGETS: z
    .string()
    .default("")
    .transform((v) => v.split(",").map((x) => x.trim()).filter(Boolean))
    .pipe(z.array(z.string().refine(TargetPolicy.validEntry, "each entry: a host name, an IP address or a CIDR range")).max(100)),
  /** Milliseconds a webhook receiver has to answer. Default 10000. */
  WEBHOOK_TIMEOUT_MS: envInt(10_000, 100, 120_000),
  /** Attempts per delivery before it is dead (replayable). Default 8. */
  WEBHOOK_MAX_ATTEMPTS: envInt(8, 1, 100),
  /** First retry delay in ms; doubles each attempt (±20 % jitter). Default 5000. */
  WEBHOOK_RETRY_BASE_MS: envInt(5000, 10, 3_600_000),
  /** Longest retry delay in ms. Default 3600000 (1 h). */
  WEBHOOK_RETRY_MAX_MS: envInt(3_600_000, 10, 86_400_000),
  /** Deliveries in flight at once per gateway. Default 16. */
  WEBHOOK_CONCURRENCY: envInt(16, 1, 1000),
  /** Days the delivery log keeps finished deliveries. Default 7. */
  WEBHOOK_LOG_DAYS: envInt(7, 1, 3650),
};

/** What the live side of the API is built on (index.ts makes them; see live/). */
export interface LiveDeps {
  nc: NatsConnection;
  hub: LiveHub;
  waiter: ResultWaiter;
  collection: TaskCollection;
  tasks: Pick<TaskReader, "get">;
  status: StatusTicker;
  sessions?: SessionTokens | undefined;
  limits: StreamLimits;
  /** Webhooks (routes-webhooks.ts); omitted → not served. */
  webhooks?: Omit<WebhookRoutesDeps, "log"> | undefined;
}

/** The live routes: the task collection and cancel, the streams (SSE, WebSocket), sessions. */
export function liveRoutes(deps: LiveDeps & { log: Logger }) {
  return async (app: FastifyInstance) => {
    await app.register(websocket, { options: { maxPayload: 4096 } });
    await app.register(taskCollectionRoutes({ collection: deps.collection, log: deps.log }));
    if (deps.webhooks) await app.register(webhookRoutes({ ...deps.webhooks, log: deps.log }));
    await app.register(dashboardRoutes());
    await app.register(sessionRoutes({ sessions: deps.sessions }));
    await app.register(streamRoutes({ nc: deps.nc, hub: deps.hub, tasks: deps.tasks, status: deps.status, limits: deps.limits, log: deps.log }));
  };
}

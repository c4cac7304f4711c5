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
import type { SessionTokens } from "./session.js";

/** Settings of the live side (merged into the gateway's config schema). */
export const liveConfigShape = {
  /**
   * Bytes of events the gateway may hold for one stream client beyond what the operating system's
   * socket buffers took, for more than 2 s (a burst may pass it for a moment; 4× it at any moment
   * cuts the client off). Past it the client gets a final ERR_SLOW_CONSUMER message and is disconnected. Default 262144.
   */
  STREAM_MAX_BUFFER_BYTES: envInt(256 * 1024, 4096, 64 * 1024 * 1024),
  /** Open streams (SSE and WebSocket) one gateway serves; more answer 503. Default 10000. */
  STREAM_MAX_CLIENTS: envInt(10_000, 1, 1_000_000),
  /** Milliseconds between cluster status messages on streams with include=status (the dashboard). Default 2000. */
  STREAM_STATUS_INTERVAL_MS: envInt(2000, 200, 60_000),
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
}

/** The live routes: the task collection and cancel, the streams (SSE, WebSocket), sessions. */
export function liveRoutes(deps: LiveDeps & { log: Logger }) {
  return async (app: FastifyInstance) => {
    await app.register(websocket, { options: { maxPayload: 4096 } });
    await app.register(taskCollectionRoutes({ collection: deps.collection, log: deps.log }));
    await app.register(streamRoutes({ nc: deps.nc, hub: deps.hub, tasks: deps.tasks, status: deps.status, sessions: deps.sessions, limits: deps.limits, log: deps.log }));
  };
}

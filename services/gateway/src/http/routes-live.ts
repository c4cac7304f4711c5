import type { Logger } from "@gardenos/runtime";
import type { FastifyInstance } from "fastify";
import type { LiveHub } from "../live/live-hub.js";
import type { ResultWaiter } from "../live/result-waiter.js";
import type { TaskCollection } from "../live/task-collection.js";
import { taskCollectionRoutes } from "./routes-task-collection.js";

/** What the live side of the API is built on (index.ts makes them; see live/). */
export interface LiveDeps {
  hub: LiveHub;
  waiter: ResultWaiter;
  collection: TaskCollection;
}

/** The live routes: the task collection and cancel, the streams, sessions and webhooks. */
export function liveRoutes(deps: LiveDeps & { log: Logger }) {
  return async (app: FastifyInstance) => {
    await app.register(taskCollectionRoutes({ collection: deps.collection, log: deps.log }));
  };
}

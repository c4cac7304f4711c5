import type { StartService } from "@gardenos/runtime";
import { startMetrics } from "./index.js";

/**
 * Starts the service with `env` (its main runs it with process.env). The local stack runs several
 * services' start modules in one thread, each with its own environment.
 */
export const start: StartService = async (env) => {
  const service = await startMetrics(env);
  return { handle: service, log: service.log };
};

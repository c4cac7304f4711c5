#!/usr/bin/env node
import { runService } from "@gardenos/runtime";
import { startMetrics } from "./index.js";

runService("metrics", async () => {
  const service = await startMetrics();
  return { handle: service, log: service.log };
});

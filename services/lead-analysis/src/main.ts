#!/usr/bin/env node
import { runService } from "@gardenos/runtime";
import { startLeadAnalysis } from "./index.js";

runService("lead-analysis", async () => {
  const service = await startLeadAnalysis();
  return { handle: service, log: service.log };
});

#!/usr/bin/env node
import { runService } from "@gardenos/runtime";
import { startFollowUp } from "./index.js";

runService("follow-up", async () => {
  const service = await startFollowUp();
  return { handle: service, log: service.log };
});

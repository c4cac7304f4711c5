#!/usr/bin/env node
import { runService } from "@gardenos/runtime";
import { startGateway } from "./index.js";

runService("gateway", async () => {
  const gateway = await startGateway();
  return { handle: gateway, log: gateway.log };
});

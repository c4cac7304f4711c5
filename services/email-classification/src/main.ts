#!/usr/bin/env node
import { runService } from "@gardenos/runtime";
import { startEmailClassification } from "./index.js";

runService("email-classification", async () => {
  const service = await startEmailClassification();
  return { handle: service, log: service.log };
});

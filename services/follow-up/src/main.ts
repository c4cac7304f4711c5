#!/usr/bin/env node
import { runService } from "@gardenos/runtime";
import { start } from "./start.js";

runService("follow-up", () => start(process.env));

#!/usr/bin/env node
import { runService } from "@gardenos/runtime";
import { start } from "./start.js";

runService("email-classification", () => start(process.env));

#!/usr/bin/env node
/**
 * The `gardenos` command. `gardenos up` is the local stack's supervisor, a process that stays up
 * as long as the stack: it runs from its own bundle (`up.bundle.mjs`, made by `npm run build`;
 * else `up-main.js`), which loads a fraction of what the whole CLI does. Everything else loads
 * the whole CLI (`program.js`).
 */
import { existsSync } from "node:fs";

if (process.argv[2] === "up") {
  const bundle = new URL("./up.bundle.mjs", import.meta.url);
  await import(existsSync(bundle) ? bundle.href : "./up-main.js");
} else {
  const { main } = await import("./program.js");
  await main();
}

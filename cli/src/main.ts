#!/usr/bin/env node
/**
 * The `gardenos` command. `gardenos up` is the local stack's supervisor, a process that stays up
 * as long as the stack: it runs from its own bundle (`up.bundle.mjs`, made by `npm run build`;
 * else `up-main.js`), which loads a fraction of what the whole CLI does. Everything else loads
 * the whole CLI from its bundle (`cli.bundle.mjs`; else `program.js` and its few hundred modules).
 */
import { existsSync } from "node:fs";

// The engines' Node.js (package.json): an older one would start the stack and fail later,
// obscurely (libs/runtime/src/node-version.ts says why; this file loads nothing before the check).
const MIN_NODE_MAJOR = 24;
if (Number(process.versions.node.split(".")[0]) < MIN_NODE_MAJOR) {
  process.stderr.write(
    `gardenos needs Node.js ${MIN_NODE_MAJOR} (this is Node.js ${process.versions.node}). Run it through npm (npx gardenos …, npm start), which uses the Node.js ${MIN_NODE_MAJOR} the project installs, or install Node.js ${MIN_NODE_MAJOR}.\n`,
  );
  process.exit(1);
}

const bundled = (name: string, fallback: string) => {
  const bundle = new URL(name, import.meta.url);
  return existsSync(bundle) ? bundle.href : fallback;
};
if (process.argv[2] === "up") {
  await import(bundled("./up.bundle.mjs", "./up-main.js"));
} else {
  const { main } = (await import(bundled("./cli.bundle.mjs", "./program.js"))) as typeof import("./program.js");
  await main();
}

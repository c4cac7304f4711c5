import { execFileSync, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { MIN_NODE_MAJOR, nodeVersionProblem } from "../src/node-version.js";

/** GardenOS refuses to start on a Node.js older than package.json's engines, saying why and what to run instead. */
describe("the Node.js version", () => {
  it("names the version found and the one needed", () => {
    expect(nodeVersionProblem("20.20.2")).toMatch(/needs Node\.js 24 \(this is Node\.js 20\.20\.2\).*npx gardenos/);
    expect(nodeVersionProblem("22.11.0")).toMatch(/this is Node\.js 22\.11\.0/);
    expect(nodeVersionProblem("24.0.0")).toBeUndefined();
    expect(nodeVersionProblem(process.versions.node)).toBeUndefined();
  });

  const CLI = fileURLToPath(new URL("../../../cli/dist/main.js", import.meta.url));
  const path = "/usr/bin/node";
  const systemNode = existsSync(path) ? { path, major: Number(execFileSync(path, ["-p", "process.versions.node.split('.')[0]"], { encoding: "utf8" }).trim()) } : undefined;
  const older = systemNode !== undefined && systemNode.major < MIN_NODE_MAJOR;
  if (!older) console.log(`skipped the CLI check on an older Node.js: /usr/bin/node is ${systemNode ? `Node.js ${systemNode.major}` : "absent"}`);
  it.runIf(older)("the gardenos command run by an older Node.js exits at once with that message", () => {
    const r = spawnSync(systemNode!.path, [CLI, "up", "--port", "0"], { encoding: "utf8", timeout: 20_000 });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/gardenos needs Node\.js 24 \(this is Node\.js \d+\./);
  });
});

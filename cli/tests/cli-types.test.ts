import { spawn } from "node:child_process";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { agentTypeView, agentTypes, type AgentTypeView } from "@gardenos/contracts";
import { freePort } from "@gardenos/runtime";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/**
 * The CLI learns the agent types from the gateway (GET /ai/types). A stand-in gateway serves a
 * type the CLI was never built with; the CLI lists it, scales it, replays its dead letters and
 * submits to its route. The real gateway's side is covered by tests/agent-type-plugin.test.ts.
 */
const CLI = fileURLToPath(new URL("../dist/main.js", import.meta.url));

const plugin: AgentTypeView = {
  type: "text_stats",
  service: "text-stats",
  description: "count the words of a document",
  subject: "text.stats",
  result_subject: "text.stats.done",
  http_path: "/ai/text-stats",
  input_fields: ["document"],
  deployed: true,
  agents: { default: 2, max: 4 },
  timeout_seconds: 5,
  env: { agents: "TEXT_STATS_AGENTS", max_agents: "MAX_TEXT_STATS_AGENTS", timeout: "TEXT_STATS_TIMEOUT" },
};

function run(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, GARDENOS_KEY: "", AGENT_TYPE_PLUGINS: "", AGENT_TYPES: "", NO_COLOR: "1" } });
    let stdout = "";
    let stderr = "";
    p.stdout.on("data", (d) => (stdout += d));
    p.stderr.on("data", (d) => (stderr += d));
    p.on("exit", (code) => resolve({ code, stdout, stderr }));
  });
}

/** A stand-in gateway: answers GET /ai/types (unless `types` is undefined → 404) and records the requests. */
function standIn(types: AgentTypeView[] | undefined): Promise<{ server: Server; url: string; seen: { method: string; url: string; body: unknown }[] }> {
  const seen: { method: string; url: string; body: unknown }[] = [];
  const server = createServer((req, res) => {
    let text = "";
    req.on("data", (d) => (text += d));
    req.on("end", () => {
      seen.push({ method: req.method ?? "", url: req.url ?? "", body: text ? JSON.parse(text) : undefined });
      const send = (status: number, body: unknown) => res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
      if (req.url === "/ai/types" && types) return send(200, { types });
      if (req.url === "/ai/scale-agents") return send(200, { agent_type: "text_stats", previous_count: 2, target_count: 3, max_agents: 4 });
      if (req.url === "/ai/dead-letters/replay") return send(200, { replayed: 0, task_ids: [] });
      send(404, { error: { code: "ERR_NOT_FOUND", message: "no such route" } });
    });
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen })));
}

describe("gardenos types, and type arguments from the gateway", () => {
  let gw: Awaited<ReturnType<typeof standIn>>;
  let old: Awaited<ReturnType<typeof standIn>>;
  const builtIn = () => agentTypes.list().map((d) => agentTypeView(d, agentTypes.names()));

  beforeAll(async () => {
    gw = await standIn([...builtIn(), plugin]);
    old = await standIn(undefined);
  });
  afterAll(async () => {
    gw?.server.close();
    old?.server.close();
  });

  it("lists the gateway's types, a plugin type included", async () => {
    const [r, j] = await Promise.all([run(["types", "--url", gw.url]), run(["types", "--url", gw.url, "--json"])]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("text_stats");
    expect(r.stdout).toContain("POST /ai/text-stats");
    expect(r.stdout).toContain("MAX_TEXT_STATS_AGENTS");
    expect(JSON.parse(j.stdout)).toEqual({ types: [...builtIn(), plugin], source: "gateway" });
  });

  it("scales and replays a type only the gateway knows, by type id or service name", async () => {
    const [scale, replay] = await Promise.all([run(["scale", "text-stats", "3", "--url", gw.url]), run(["dlq", "replay", "--all", "--type", "text_stats", "--url", gw.url])]);
    expect(scale.code).toBe(0);
    expect(gw.seen.find((s) => s.url === "/ai/scale-agents")?.body).toEqual({ agent_type: "text_stats", target_count: 3 });
    expect(replay.code).toBe(0);
    expect(gw.seen.find((s) => s.url === "/ai/dead-letters/replay")?.body).toEqual({ all: true, type: "text_stats" });
  });

  it("refuses a type the gateway does not know (exit 2), naming the known ones", async () => {
    const r = await run(["scale", "summarize", "2", "--url", gw.url]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("must be one of lead_analysis, follow_up, email_classification, text_stats");
  });

  it("falls back to the built-in types, with a note, when the gateway has no GET /ai/types or cannot be reached", async () => {
    const [r, down, scale] = await Promise.all([
      run(["types", "--url", old.url, "--json"]),
      run(["types", "--url", `http://127.0.0.1:${await freePort()}`]),
      // A command that needs the gateway still says it cannot reach it (exit 3), not "unknown type".
      run(["scale", "text_stats", "2", "--url", `http://127.0.0.1:${await freePort()}`]),
    ]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("has no GET /ai/types");
    expect(JSON.parse(r.stdout)).toMatchObject({ source: "built-in", types: builtIn() });
    expect(down.code).toBe(0);
    expect(down.stderr).toContain("cannot reach the gateway");
    expect(down.stdout).toContain("lead_analysis");
    expect(scale.code).toBe(3);
    expect(scale.stderr).toContain("cannot reach the gateway");
  });
});

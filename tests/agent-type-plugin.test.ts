import { fileURLToPath } from "node:url";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { jetstream } from "@nats-io/jetstream";
import { connect, type NatsConnection } from "@nats-io/transport-node";
import { Streams } from "@gardenos/contracts";
import { startAgentService, type ServiceHandle } from "@gardenos/runtime";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { failingTitles, textStatsHandler } from "./fixtures/text-stats/handler.mjs";
import { postJson, startStack, waitForTask, type TestStack } from "./helpers/stack.js";

/**
 * The extension path, proven: an agent type that no shared file knows (its input is a document,
 * not a lead) comes from its own folder through AGENT_TYPE_PLUGINS, and every part of the
 * product picks it up: HTTP and OpenAPI, events, recording, status, agent metrics, dead letters
 * with replay, scaling and the CLI.
 */
const plugin = fileURLToPath(new URL("./fixtures/text-stats/definition.mjs", import.meta.url));
const root = fileURLToPath(new URL("../", import.meta.url));
const doc = { title: "Release notes", body: "Agents as plugins. Plugins need no shared code; plugins load at start." };

async function api(url: string, method: string, path: string, body?: unknown) {
  const r = await fetch(`${url}${path}`, { method, ...(body !== undefined ? { headers: { "content-type": "application/json" }, body: JSON.stringify(body) } : {}) });
  return { status: r.status, json: (await r.json()) as any };
}

async function eventually<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe("an agent type from a plugin module", () => {
  let stack: TestStack;
  let textStats: ServiceHandle;
  let nc: NatsConnection;

  beforeAll(async () => {
    stack = await startStack({ env: { AGENT_TYPE_PLUGINS: plugin, TASK_MAX_RETRIES: "1", SHUTDOWN_GRACE: "2" } });
    textStats = await startAgentService(textStatsHandler, stack.env);
    nc = await connect({ servers: stack.nats.url });
  });
  afterAll(async () => {
    await nc?.close();
    await textStats?.stop();
    await stack?.stop();
  });

  it("is listed by GET /ai/types and documented in OpenAPI", async () => {
    const types = await api(stack.url, "GET", "/ai/types");
    expect(types.status).toBe(200);
    const t = types.json.types.find((x: { type: string }) => x.type === "text_stats");
    expect(t).toMatchObject({ service: "text-stats", http_path: "/ai/text-stats", subject: "text.stats", deployed: true, input_fields: ["document", "lead_id"] });
    expect(types.json.types.map((x: { type: string }) => x.type)).toEqual(["lead_analysis", "follow_up", "email_classification", "text_stats"]);
    const openapi = (await (await fetch(`${stack.url}/docs/json`)).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(openapi.paths)).toContain("/ai/text-stats");
  });

  it("runs over HTTP and is recorded with its own input", async () => {
    const r = await postJson(`${stack.url}/ai/text-stats`, { document: doc, lead_id: "crm-77", priority: 8 });
    expect(r.status).toBe(202);
    expect(r.json.task_id).toMatch(/^textstats-/);
    const task = await waitForTask(stack.url, r.json.task_id);
    expect(task).toMatchObject({ type: "text_stats", status: "completed", lead_id: "crm-77", priority: 8, model: "builtin-wordcount" });
    expect(task.result).toEqual({ words: 12, characters: doc.body.length, top_word: "plugins" });
    const rows = (await stack.gateway.database.db.execute(`select input from ai_interactions where task_id = '${r.json.task_id}'`)) as unknown as { rows: { input: unknown }[] };
    expect(rows.rows[0]?.input).toEqual({ document: doc, lead_id: "crm-77" });
  });

  it("refuses a bad document with 400 naming the field", async () => {
    const r = await postJson(`${stack.url}/ai/text-stats`, { document: { title: "", body: "x" } });
    expect(r.status).toBe(400);
    expect(r.json.error.issues).toContainEqual({ path: "document.title", message: "must not be empty" });
    const lead = await postJson(`${stack.url}/ai/text-stats`, { lead: { id: "x" } });
    expect(lead.status).toBe(400);
  });

  it("runs from an event another service publishes, and fails a bad event with task.failed naming the field", async () => {
    const js = jetstream(nc);
    await js.publish("text.stats", JSON.stringify({ task_id: "evt-text-1", document: { title: "From the CRM", body: "one two two" } }));
    const done = await waitForTask(stack.url, "evt-text-1");
    expect(done).toMatchObject({ status: "completed", source: "event", result: { words: 3, top_word: "two" } });

    await js.publish("text.stats.low", JSON.stringify({ task_id: "evt-text-bad", document: { title: "No body" } }));
    const failed = await waitForTask(stack.url, "evt-text-bad");
    expect(failed.status).toBe("failed");
    expect(failed.error.code).toBe("ERR_EVENT_INVALID");
    expect(failed.error.issues).toContainEqual(expect.objectContaining({ path: "document.body" }));
  });

  it("has its result events on the RESULTS stream", async () => {
    const jsm = await jetstream(nc).jetstreamManager();
    const info = await jsm.streams.info(Streams.results);
    expect(info.config.subjects).toContain("text.stats.done");
    const last = await jsm.streams.getMessage(Streams.results, { last_by_subj: "text.stats.done" });
    expect(last?.json()).toMatchObject({ schema_version: 1, type: "text_stats", status: "completed" });
  });

  it("shows in status, health, agents and agent metrics", async () => {
    const status = await eventually("text_stats in /ai/status", async () => {
      const s = await api(stack.url, "GET", "/ai/status");
      return s.json.agents_by_type?.text_stats?.running === 2 ? s.json : undefined;
    });
    expect(status.queue_sizes).toHaveProperty("text_stats");
    expect(status.queue_sizes).toHaveProperty("lead_analysis");
    const health = await api(stack.url, "GET", "/ai/health");
    expect(health.json.checks.agents.text_stats).toBe(2);
    const agents = await api(stack.url, "GET", "/ai/agents?type=text_stats");
    expect(agents.json.agents.map((a: { agent_id: string }) => a.agent_id).sort()).toEqual(["text-stats-0", "text-stats-1"]);
    const metrics = await eventually("processed count", async () => {
      const m = await api(stack.url, "GET", "/ai/agents/text-stats-0/metrics");
      return m.status === 200 && m.json.processed_count + (await api(stack.url, "GET", "/ai/agents/text-stats-1/metrics")).json.processed_count >= 2 ? m.json : undefined;
    });
    expect(metrics.agent_type).toBe("text_stats");
    const prom = await (await fetch(`${stack.url}/metrics`)).text();
    expect(prom).toMatch(/type="text_stats"/);
  });

  it("dead-letters a task that keeps failing, then replays it once the cause is gone", async () => {
    failingTitles.add("Broken");
    const r = await postJson(`${stack.url}/ai/text-stats`, { document: { title: "Broken", body: "a b c" } });
    const failed = await waitForTask(stack.url, r.json.task_id);
    expect(failed).toMatchObject({ status: "failed", attempts: 2, error: { code: "ERR_ATTEMPTS_EXHAUSTED" } });
    const dlq = await api(stack.url, "GET", "/ai/dead-letters");
    const letter = dlq.json.items.find((d: { task_id: string }) => d.task_id === r.json.task_id);
    expect(letter).toMatchObject({ type: "text_stats", original_subject: "text.stats" });
    failingTitles.delete("Broken");
    const replay = await api(stack.url, "POST", `/ai/dead-letters/${r.json.task_id}/replay`);
    expect(replay.status).toBe(202);
    const again = await eventually("replayed task completed", async () => {
      const t = await api(stack.url, "GET", `/ai/tasks/${r.json.task_id}`);
      return t.json.status === "completed" ? t.json : undefined;
    });
    expect(again.result).toEqual({ words: 3, characters: 5, top_word: "a" });
  });

  it("scales with POST /ai/scale-agents within its own bound", async () => {
    const over = await api(stack.url, "POST", "/ai/scale-agents", { agent_type: "text_stats", target_count: 5 });
    expect(over.status).toBe(400);
    expect(over.json.error.message).toContain("MAX_TEXT_STATS_AGENTS");
    const ok = await api(stack.url, "POST", "/ai/scale-agents", { agent_type: "text_stats", target_count: 3 });
    expect(ok.status).toBe(200);
    await eventually("three text_stats agents", async () => {
      const s = await api(stack.url, "GET", "/ai/status");
      return s.json.agents_by_type?.text_stats?.running === 3 ? true : undefined;
    });
  });

  it("is known to the CLI, which learns the types from the gateway", async () => {
    // The CLI has no AGENT_TYPE_PLUGINS: what it knows of text_stats comes from GET /ai/types.
    const env = { ...process.env, NO_COLOR: "1" };
    delete env.AGENT_TYPE_PLUGINS;
    const cli = await promisify(execFile)(process.execPath, [`${root}cli/dist/main.js`, "types", "--url", stack.url], { encoding: "utf8", env });
    expect(cli.stderr).toBe("");
    expect(cli.stdout).toContain("text_stats");
    expect(cli.stdout).toContain("/ai/text-stats");
  });
});

describe("a deployment that leaves a type out (AGENT_TYPES)", () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startStack({ env: { AGENT_TYPE_PLUGINS: plugin, AGENT_TYPES: "lead_analysis,follow_up" } });
  });
  afterAll(async () => stack?.stop());

  it("shows it as not deployed, stays healthy without its agents, and refuses its tasks", async () => {
    const health = await eventually("healthy", async () => {
      const h = await api(stack.url, "GET", "/ai/health");
      return h.status === 200 ? h.json : undefined;
    });
    expect(health.checks.not_deployed).toEqual(["email_classification", "text_stats"]);
    const types = await api(stack.url, "GET", "/ai/types");
    expect(types.json.types.find((t: { type: string }) => t.type === "text_stats").deployed).toBe(false);
    const r = await postJson(`${stack.url}/ai/text-stats`, { document: doc });
    expect(r.status).toBe(503);
    expect(r.json.error.code).toBe("ERR_TYPE_NOT_DEPLOYED");
  });
});

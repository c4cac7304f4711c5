import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DeliverPolicy, jetstream } from "@nats-io/jetstream";
import { connect, type NatsConnection } from "@nats-io/transport-node";
import { Streams, Subjects, followUp, leadAnalysis } from "@gardenos/contracts";
import { api, until } from "./helpers/control.js";
import { sampleLead, startStack, waitForTask, type TestStack } from "./helpers/stack.js";

/** Result events in RESULTS per task id (read with an ordered consumer from the start). */
async function resultCounts(nc: NatsConnection): Promise<Map<string, number>> {
  const js = jetstream(nc);
  const counts = new Map<string, number>();
  for (const subject of [leadAnalysis.resultSubject, followUp.resultSubject, Subjects.taskFailed]) {
    const c = await js.consumers.get(Streams.results, { filter_subjects: subject, deliver_policy: DeliverPolicy.All });
    for (;;) {
      const m = await c.next({ expires: 1000 });
      if (!m) break;
      const id = (m.json() as { task_id: string }).task_id;
      counts.set(`${subject}:${id}`, (counts.get(`${subject}:${id}`) ?? 0) + 1);
    }
  }
  return counts;
}

describe("restart and health", () => {
  let stack: TestStack;
  let nc: NatsConnection;

  beforeAll(async () => {
    stack = await startStack();
    nc = await connect({ servers: stack.nats.url });
    await until(() => api(stack.url, "GET", "/ai/health"), (r) => r.status === 200, 20_000, "healthy stack");
  });
  afterAll(async () => {
    await nc?.close();
    await stack?.stop();
  });

  it("restarts every agent under load without losing a task or running one twice", async () => {
    const total = 150;
    let accepted = 0;
    let restart: Promise<Awaited<ReturnType<typeof api>>> | undefined;
    // All at once, so agents are busy when the restart lands (after the first 40 are queued).
    const ids = await Promise.all(
      Array.from({ length: total }, async (_, i) => {
        const path = i % 3 === 0 ? "/ai/generate-follow-up" : "/ai/analyze-lead";
        const r = await api(stack.url, "POST", path, { lead: { ...sampleLead, id: `restart-${i}` }, priority: 1 + (i % 10) });
        expect(r.status).toBe(202);
        if (++accepted === 40) restart = api(stack.url, "POST", "/ai/restart", {});
        return r.json.task_id as string;
      }),
    );
    const restarted = await restart;
    expect(restarted?.status).toBe(200);
    expect(restarted?.json.restarted).toEqual(expect.arrayContaining(["lead-analysis-0", "lead-analysis-3", "follow-up-0", "follow-up-1", "email-classification-0", "email-classification-1"]));
    // One replica per agent service: lead-analysis, follow-up, email-classification.
    expect(restarted?.json.replicas).toHaveLength(3);
    for (const id of ids) expect((await waitForTask(stack.url, id, 30_000)).status).toBe("completed");
    // The ledger: exactly one result event per task, no failures.
    const counts = await resultCounts(nc);
    for (const id of ids) {
      const n = (counts.get(`${leadAnalysis.resultSubject}:${id}`) ?? 0) + (counts.get(`${followUp.resultSubject}:${id}`) ?? 0);
      expect(n, id).toBe(1);
      expect(counts.get(`${Subjects.taskFailed}:${id}`) ?? 0).toBe(0);
    }
    const s = (await api(stack.url, "GET", "/ai/status")).json;
    expect(s.total_agents).toBe(8);
  });

  it("restarts one agent by id or one type, and answers 404 for an unknown agent", async () => {
    const before = (await api(stack.url, "GET", "/ai/agents/lead-analysis-1/metrics")).json;
    const one = await api(stack.url, "POST", "/ai/restart", { agent_id: "lead-analysis-1" });
    expect(one.status).toBe(200);
    expect(one.json.restarted).toEqual(["lead-analysis-1"]);
    await until(
      () => api(stack.url, "GET", "/ai/agents/lead-analysis-1/metrics"),
      (r) => r.json?.started_at !== before.started_at,
      5000,
      "lead-analysis-1 restarted",
    );
    const byType = await api(stack.url, "POST", "/ai/restart", { agent_type: "follow_up" });
    expect(byType.status).toBe(200);
    expect(byType.json.restarted).toEqual(["follow-up-0", "follow-up-1"]);
    const unknown = await api(stack.url, "POST", "/ai/restart", { agent_id: "lead-analysis-42" });
    expect(unknown.status).toBe(404);
    expect(unknown.json.error.code).toBe("ERR_AGENT_NOT_FOUND");
    const bad = await api(stack.url, "POST", "/ai/restart", { agent_id: "nobody-1" });
    expect(bad.status).toBe(404);
  });

  it("reports health with the seed's fields and checks; 503 naming nats when nats-server stops, 200 when it is back", async () => {
    const ok = await api(stack.url, "GET", "/ai/health");
    expect(ok.status).toBe(200);
    expect(ok.json).toMatchObject({
      status: "healthy",
      orchestrator_running: true,
      total_agents: 8,
      error_rate: expect.any(Number),
      queue_sizes: { lead_analysis: expect.any(Number), follow_up: expect.any(Number) },
      liveness: "ok",
      readiness: "ready",
      checks: { nats: true, database: true, streams: true, consumers: true, metrics: true, agents_alive: true },
    });
    await stack.nats.stop();
    const down = await until(() => api(stack.url, "GET", "/ai/health"), (r) => r.status === 503, 10_000, "503 while NATS is down");
    expect(down.json).toMatchObject({ status: "unhealthy", readiness: "not ready", checks: { nats: false } });
    expect(down.json.failing).toContain("nats");
    expect((await api(stack.url, "GET", "/readyz")).status).toBe(503);
    expect((await api(stack.url, "GET", "/livez")).status).toBe(200);
    await stack.nats.start();
    const back = await until(() => api(stack.url, "GET", "/ai/health"), (r) => r.status === 200, 30_000, "200 once NATS is back");
    expect(back.json).toMatchObject({ status: "healthy", checks: { nats: true, agents_alive: true } });
  });
});

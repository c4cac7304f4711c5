import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jetstream, jetstreamManager } from "@nats-io/jetstream";
import { connect, type NatsConnection } from "@nats-io/transport-node";
import { startEmailClassification } from "@gardenos/email-classification";
import { startFollowUp } from "@gardenos/follow-up";
import { startLeadAnalysis } from "@gardenos/lead-analysis";
import { startMetrics } from "@gardenos/metrics";
import { ackWaitSeconds, ensureTaskConsumers, type ServiceHandle } from "@gardenos/runtime";
import { api, until } from "./helpers/control.js";
import { sampleLead, startStack, waitForTask, type TestStack } from "./helpers/stack.js";

describe("queue debugging: /ai/debug/queues and health without agents", () => {
  let stack: TestStack;
  let nc: NatsConnection;
  const services: ServiceHandle[] = [];

  beforeAll(async () => {
    // Gateway and metrics, follow-up and e-mail classification agents, but no lead-analysis service yet: lead tasks wait.
    stack = await startStack({ agents: false });
    services.push(await startMetrics(stack.env), await startFollowUp(stack.env), await startEmailClassification(stack.env));
    nc = await connect({ servers: stack.nats.url });
    // The band consumers as the lead-analysis service declares them (it has not started yet).
    await ensureTaskConsumers(await jetstreamManager(nc), "lead_analysis", { ackWaitSeconds: ackWaitSeconds(30), maxDeliver: 4, maxAckPending: 10_000 });
  });
  afterAll(async () => {
    for (const s of services.reverse()) await s.stop().catch(() => undefined);
    await nc?.close();
    await stack?.stop();
  });

  it("answers 503 naming the agent type that has no agent alive", async () => {
    const r = await until(() => api(stack.url, "GET", "/ai/health"), (x) => x.json?.checks?.metrics === true && x.json.checks.agents.follow_up === 2 && x.json.checks.agents.email_classification === 2, 10_000, "follow-up agents seen");
    expect(r.status).toBe(503);
    expect(r.json).toMatchObject({ status: "degraded", readiness: "not ready", checks: { nats: true, database: true, agents_alive: false, agents: { lead_analysis: 0, follow_up: 2, email_classification: 2 } } });
    expect(r.json.failing).toEqual(["agents.lead_analysis"]);
  });

  it("shows streams, consumers, the oldest waiting task, dead letters and the last failures", async () => {
    const waiting = await api(stack.url, "POST", "/ai/analyze-lead", { lead: { ...sampleLead, id: "waits" } });
    expect(waiting.status).toBe(202);
    // An event that can never run: it will end as task.failed and a dead letter.
    await jetstream(nc).publish("lead.analyze.low", "{ not json", { msgID: "debug-bad-1" });
    const q = await until(
      () => api(stack.url, "GET", "/ai/debug/queues"),
      (r) => r.json?.consumers?.find((c: any) => c.consumer === "lead-analysis")?.oldest_waiting_age_seconds >= 1,
      10_000,
      "a waiting task with an age",
    );
    const normal = q.json.consumers.find((c: any) => c.consumer === "lead-analysis");
    expect(normal).toMatchObject({ stream: "TASKS", agent_type: "lead_analysis", band: "normal", filter_subject: "lead.analyze", pending: 1, ack_pending: 0, redelivered: 0, waiting_pulls: 0, present: true });
    expect(q.json.consumers.find((c: any) => c.consumer === "lead-analysis-low")).toMatchObject({ pending: 1 });
    expect(q.json.consumers.find((c: any) => c.consumer === "follow-up")).toMatchObject({ pending: 0, oldest_waiting_age_seconds: null, present: true });
    expect(q.json.consumers.map((c: any) => c.consumer)).toEqual(expect.arrayContaining(["lead-analysis-high", "follow-up-low", "recorder"]));
    expect(q.json.streams.map((s: any) => s.stream)).toEqual(["TASKS", "RESULTS", "DLQ"]);
    expect(q.json.queue_sizes).toEqual({ lead_analysis: 2, follow_up: 0, email_classification: 0 });
    expect(q.json.dead_letters.total).toBe(0);
    const status = (await api(stack.url, "GET", "/ai/status")).json;
    expect(status.queue_sizes.lead_analysis).toBe(2);
    expect(status.types.lead_analysis.queue).toMatchObject({ normal: { pending: 1 }, low: { pending: 1 } });

    // The agents arrive: the waiting task completes, the bad event becomes a dead letter.
    services.push(await startLeadAnalysis(stack.env));
    expect((await waitForTask(stack.url, waiting.json.task_id, 15_000)).status).toBe("completed");
    const after = await until(() => api(stack.url, "GET", "/ai/debug/queues"), (r) => r.json?.dead_letters?.total >= 1 && r.json.last_failures.length >= 1, 10_000, "dead letter listed");
    expect(after.json.dead_letters.by_subject["dlq.lead.analyze.low"]).toBe(1);
    expect(after.json.last_failures[0]).toMatchObject({ task_id: "debug-bad-1", code: "ERR_EVENT_MALFORMED", reason: expect.stringContaining("JSON"), subject: "lead.analyze.low", agent_id: expect.stringMatching(/^lead-analysis-\d+$/) });
    expect(after.json.queue_sizes).toEqual({ lead_analysis: 0, follow_up: 0, email_classification: 0 });
    expect((await api(stack.url, "GET", "/ai/health")).status).toBe(200);
  });
});

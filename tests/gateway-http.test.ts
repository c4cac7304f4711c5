import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jetstreamManager } from "@nats-io/jetstream";
import { connect, type NatsConnection } from "@nats-io/transport-node";
import { Streams } from "@gardenos/contracts";
import { postJson, sampleLead, startStack, type TestStack } from "./helpers/stack.js";

describe("gateway HTTP edge: validation, limits, errors, docs, status", () => {
  let stack: TestStack;
  let nc: NatsConnection;

  beforeAll(async () => {
    stack = await startStack({ env: { BODY_LIMIT: "65536" } });
    nc = await connect({ servers: stack.nats.url });
  });
  afterAll(async () => {
    await nc?.close();
    await stack?.stop();
  });

  async function tasksInStream(): Promise<number> {
    const jsm = await jetstreamManager(nc);
    const si = await jsm.streams.info(Streams.tasks);
    // Acked tasks leave a workqueue stream; count what was ever stored instead.
    return si.state.last_seq;
  }

  it("refuses a bad lead with 400, names every bad field, and publishes nothing", async () => {
    const before = await tasksInStream();
    const r = await postJson(`${stack.url}/ai/analyze-lead`, {
      lead: { contact: { email: "jane-at-example" }, company: { employees: 12.5 }, compnay: "typo" },
      priority: 11,
    });
    expect(r.status).toBe(400);
    expect(r.json.error.code).toBe("ERR_LEAD_INVALID");
    const paths = r.json.error.issues.map((i: { path: string }) => i.path);
    expect(paths).toEqual(expect.arrayContaining(["lead.contact.email", "lead.company.employees", "lead.compnay", "priority"]));
    expect(r.json.error.message).toContain("lead.contact.email");
    expect(await tasksInStream()).toBe(before);
  });

  it("asks for a lead that identifies someone", async () => {
    const r = await postJson(`${stack.url}/ai/analyze-lead`, { lead: { notes: "hello" } });
    expect(r.status).toBe(400);
    expect(r.json.error.issues[0]).toMatchObject({ path: "lead", message: expect.stringContaining("identify the lead") });
  });

  it("requires the lead itself", async () => {
    const r = await postJson(`${stack.url}/ai/generate-follow-up`, { context: "Demo completed" });
    expect(r.status).toBe(400);
    expect(r.json.error.issues).toContainEqual({ path: "lead", message: expect.any(String) });
  });

  it("answers 413 with a code for a body over the limit, and publishes nothing", async () => {
    const before = await tasksInStream();
    const r = await postJson(`${stack.url}/ai/analyze-lead`, { lead: { ...sampleLead, notes: "x".repeat(70_000) } });
    expect(r.status).toBe(413);
    expect(r.json.error.code).toBe("ERR_BODY_TOO_LARGE");
    expect(await tasksInStream()).toBe(before);
  });

  it("answers 400 for a body that is not JSON and 415 for another media type", async () => {
    const bad = await postJson(`${stack.url}/ai/analyze-lead`, "{ nope");
    expect(bad.status).toBe(400);
    expect(bad.json.error.code).toBe("ERR_MALFORMED_JSON");
    expect(bad.json.error.message).toMatch(/position 2/);
    const proto = await postJson(`${stack.url}/ai/analyze-lead`, '{"lead":{"name":"A","__proto__":{"admin":true}}}');
    expect(proto.status).toBe(400);
    expect(proto.json.error.code).toBe("ERR_MALFORMED_JSON");
    expect(proto.json.error.message).toContain("__proto__");
    const r = await fetch(`${stack.url}/ai/analyze-lead`, { method: "POST", headers: { "content-type": "text/plain" }, body: "lead" });
    expect(r.status).toBe(415);
    expect(((await r.json()) as any).error.code).toBe("ERR_UNSUPPORTED_MEDIA_TYPE");
  });

  it("answers 404 with a code for an unknown route", async () => {
    const r = await fetch(`${stack.url}/ai/nothing-here`);
    expect(r.status).toBe(404);
    expect(((await r.json()) as any).error.code).toBe("ERR_NOT_FOUND");
  });

  it("serves OpenAPI docs that list the task endpoints", async () => {
    const ui = await fetch(`${stack.url}/docs`);
    expect(ui.status).toBe(200);
    const spec = (await (await fetch(`${stack.url}/docs/json`)).json()) as any;
    expect(Object.keys(spec.paths)).toEqual(expect.arrayContaining(["/ai/analyze-lead", "/ai/generate-follow-up", "/ai/tasks/{id}", "/ai/status", "/ai/health"]));
    expect(spec.paths["/ai/analyze-lead"].post.requestBody.content["application/json"].schema.properties.lead).toBeDefined();
  });

  it("reports the seed's health and status fields, with every agent type alive", async () => {
    // Heartbeats arrive every 0.5 s in tests.
    let health: any;
    for (let i = 0; i < 40; i++) {
      health = await (await fetch(`${stack.url}/ai/health`)).json();
      if (health.status === "healthy") break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(health).toMatchObject({
      status: "healthy",
      orchestrator_running: true,
      total_agents: 8,
      error_rate: expect.any(Number),
      queue_sizes: { lead_analysis: expect.any(Number), follow_up: expect.any(Number), email_classification: expect.any(Number) },
      checks: { nats: true, database: true, metrics: true, agents: { lead_analysis: 4, follow_up: 2, email_classification: 2 } },
    });
    const a = await postJson(`${stack.url}/ai/analyze-lead`, { lead: sampleLead });
    expect(a.status).toBe(202);
    let status: any;
    for (let i = 0; i < 40; i++) {
      status = await (await fetch(`${stack.url}/ai/status`)).json();
      if (status.total_processed >= 1) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(status).toMatchObject({
      orchestrator_status: "running",
      total_agents: 8,
      total_processed: expect.any(Number),
      error_rate: expect.any(Number),
      queue_sizes: { lead_analysis: expect.any(Number), follow_up: expect.any(Number) },
    });
    expect(status.total_processed).toBeGreaterThanOrEqual(1);
  });
});

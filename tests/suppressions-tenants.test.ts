import { connect, type NatsConnection } from "@nats-io/transport-node";
import { jetstream } from "@nats-io/jetstream";
import type { EmailReactionEvent } from "@gardenos/contracts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { waitUntil } from "./helpers/processes.js";
import { sampleLead, startStack, type TestStack } from "./helpers/stack.js";
import { runCli } from "./helpers/cli.js";

/**
 * The suppression list and the scheduled tasks are per tenant, the admin routes need an admin key,
 * and an unsubscribe drops the lead's follow-ups still queued (no agents run here, so they wait).
 */

const ADMIN = "admin-5e4d3c2b1a09";
const ACME_ADMIN = "acme-admin-9a8b7c6d5e4f";
const CLIENT = "client-0f1e2d3c4b5a";
const ACME = "client-acme-1b2c3d4e5f60";

const cli = (args: string[]) => runCli(args);

describe("suppressions and scheduled tasks per tenant", () => {
  let stack: TestStack;
  let nc: NatsConnection;
  const reactions: EmailReactionEvent[] = [];
  const tenantCopies: { subject: string; event: EmailReactionEvent }[] = [];

  beforeAll(async () => {
    stack = await startStack({ agents: false, env: { GARDENOS_ADMIN_KEYS: `${ADMIN},acme:${ACME_ADMIN}`, GARDENOS_API_KEYS: `${CLIENT},acme:${ACME}`, EMAIL_REACTIONS: "question=none" } });
    nc = await connect({ servers: stack.nats.url });
    nc.subscribe("email.reaction.>", { callback: (_e, m) => reactions.push(m.json()) });
    nc.subscribe("tenant.*.email.reaction.>", { callback: (_e, m) => tenantCopies.push({ subject: m.subject, event: m.json() }) });
  }, 120_000);
  afterAll(async () => {
    await nc?.close();
    await stack?.stop();
  });

  /** The classifier's answer (published by the test) and the gateway's reaction to it. */
  const classified = async (taskId: string, category: string): Promise<EmailReactionEvent> => {
    const now = new Date().toISOString();
    await jetstream(nc).publish(
      "email.classified",
      JSON.stringify({
        schema_version: 1, task_id: taskId, type: "email_classification", status: "completed",
        result: { category, confidence: 1, sentiment: "neutral", urgency: 8, route: "sales", suggested_action: "Read it.", found: {} },
        agent_id: "test", model: "test", provider: "test", degraded: false, usage: { prompt_tokens: 0, completion_tokens: 0 }, cost_usd: 0, latency_ms: 1, attempts: 1, started_at: now, completed_at: now,
      }),
      { msgID: `${taskId}:result` },
    );
    await waitUntil(`the reaction to ${taskId}`, () => reactions.some((r) => r.task_id === taskId) || "none yet", { timeoutMs: 20_000 });
    return reactions.find((x) => x.task_id === taskId)!;
  };

  const call = async (method: string, path: string, key: string, body?: unknown) => {
    const r = await fetch(`${stack.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${key}`, ...(body !== undefined ? { "content-type": "application/json" } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    return { status: r.status, json: (await r.json().catch(() => undefined)) as any };
  };

  it("admin routes: a tenant's admin writes its own list; clients may not; bad input is a 400 naming the field", async () => {
    expect((await call("GET", "/ai/suppressions", CLIENT)).status).toBe(403);
    expect((await call("POST", "/ai/suppressions", ACME, { email: "x@acme.example" })).status).toBe(403);
    const empty = await call("POST", "/ai/suppressions", ACME_ADMIN, {});
    expect(empty.status).toBe(400);
    expect(empty.json.error.issues[0].path).toBe("lead_id");
    const bad = await call("POST", "/ai/suppressions", ACME_ADMIN, { email: "not-an-address" });
    expect(bad.status).toBe(400);
    expect(bad.json.error.issues[0].path).toBe("email");
    const added = await call("POST", "/ai/suppressions", ACME_ADMIN, { email: "Shared@Person.example", note: "asked by phone" });
    expect(added.status).toBe(201);
    expect(added.json).toMatchObject({ tenant: "acme", added: [{ kind: "email", value: "shared@person.example", reason: "manual" }], already_listed: 0 });
    expect((await call("POST", "/ai/suppressions", ACME_ADMIN, { email: "shared@person.example" })).json.already_listed).toBe(1);
    // Honoured for acme only: the default tenant's follow-up to the same address is taken.
    const lead = { contact: { name: "Sam Shared", email: "shared@person.example" } };
    expect((await call("POST", "/ai/generate-follow-up", ACME, { lead })).status).toBe(409);
    expect((await call("POST", "/ai/generate-follow-up", CLIENT, { lead })).status).toBe(202);
    // Lists: acme's admin sees acme's; the default tenant's admin view (global admin naming a tenant) sees none of it.
    expect((await call("GET", "/ai/suppressions", ACME_ADMIN)).json.items.map((i: any) => i.value)).toEqual(["shared@person.example"]);
    const global = await call("GET", "/ai/suppressions", ADMIN);
    expect(global.json.items.map((i: any) => [i.tenant, i.value])).toEqual([["acme", "shared@person.example"]]);
    // The CLI: add for the default tenant, list, remove.
    const env = ["--url", stack.url, "--key", ADMIN];
    expect((await cli(["suppressions", "add", "--lead-id", "crm-77", ...env])).code).toBe(0);
    const listed = await cli(["suppressions", "list", "--json", ...env]);
    expect(listed.code).toBe(0);
    expect(JSON.parse(listed.stdout).items.map((i: any) => [i.tenant, i.kind, i.value])).toEqual(expect.arrayContaining([["default", "lead", "crm-77"]]));
    expect((await call("POST", "/ai/generate-follow-up", CLIENT, { lead: { ...sampleLead, id: "crm-77" } })).status).toBe(409);
    expect((await cli(["suppressions", "remove", "lead", "crm-77", ...env])).code).toBe(0);
    expect((await call("POST", "/ai/generate-follow-up", CLIENT, { lead: { ...sampleLead, id: "crm-77" } })).status).toBe(202);
    expect((await call("DELETE", "/ai/suppressions/lead/crm-77", ADMIN)).status).toBe(404);
  });

  it("scheduled tasks: a tenant sees and cancels only its own", async () => {
    const due = new Date(Date.now() + 3_600_000).toISOString();
    const r = await call("POST", "/ai/scheduled", ACME, { type: "follow_up", due_at: due, input: { lead: sampleLead, context: "After the trade fair" } });
    expect(r.status).toBe(201);
    expect(r.json).toMatchObject({ tenant: "acme", type: "follow_up", due_at: due, lead_id: sampleLead.id, priority: 5, status: "scheduled" });
    const badInput = await call("POST", "/ai/scheduled", ACME, { type: "follow_up", due_at: due, input: { lead: { contact: { email: "nope" } } } });
    expect(badInput.status).toBe(400);
    expect(badInput.json.error.issues[0].path).toBe("input.lead.contact.email");
    expect((await call("POST", "/ai/scheduled", ACME, { type: "nope", due_at: due, input: {} })).status).toBe(400);
    expect((await call("GET", "/ai/scheduled", CLIENT)).json.items).toEqual([]);
    expect((await call("GET", "/ai/scheduled", ACME)).json.items.map((i: any) => i.id)).toEqual([r.json.id]);
    expect((await call("GET", "/ai/scheduled", ADMIN)).json.items.map((i: any) => i.id)).toEqual([r.json.id]);
    expect((await call("DELETE", `/ai/scheduled/${r.json.id}`, CLIENT)).status).toBe(404);
    const cancelled = await call("DELETE", `/ai/scheduled/${r.json.id}`, ACME);
    expect(cancelled.json.status).toBe("cancelled");
    const after = await cli(["scheduled", "--json", "--url", stack.url, "--key", ACME]);
    expect(JSON.parse(after.stdout).items).toEqual([]);
  });

  it("unsubscribe drops the lead's follow-ups still queued, in its tenant", async () => {
    const lead = { ...sampleLead, id: "acme-unsub-1", contact: { ...sampleLead.contact, email: "quit@acme.example" } };
    expect((await call("POST", "/ai/analyze-lead", ACME, { lead })).status).toBe(202);
    const queued = await call("POST", "/ai/generate-follow-up", ACME, { lead, context: "Demo completed" });
    expect(queued.status).toBe(202);
    const reply = await call("POST", "/ai/classify-email", ACME, { email: { from: "quit@acme.example", to: "sales@acme.example", subject: "Re: demo", body: "Unsubscribe me, please.", received_at: new Date().toISOString() }, lead_id: lead.id });
    expect(reply.status).toBe(202);
    const r = await classified(reply.json.task_id, "unsubscribe");
    expect(r).toMatchObject({ tenant: "acme", kind: "unsubscribed", lead_id: lead.id, cancelled_task_ids: [queued.json.task_id] });
    expect((await call("GET", `/ai/tasks/${queued.json.task_id}`, ACME)).json.status).toBe("cancelled");
    // acme's CRM hears its own copy under tenant.acme. (the default tenant's reactions have none).
    await waitUntil("acme's copy", () => tenantCopies.some((c) => c.event.task_id === reply.json.task_id) || "none yet");
    expect(tenantCopies.find((c) => c.event.task_id === reply.json.task_id)!.subject).toBe("tenant.acme.email.reaction.unsubscribed");
    expect((await call("GET", "/ai/suppressions?kind=lead", ACME_ADMIN)).json.items.map((i: any) => i.value)).toEqual([lead.id]);
    expect((await call("GET", "/ai/suppressions?kind=lead", ADMIN)).json.items.filter((i: any) => i.tenant === "default" && i.value === lead.id)).toEqual([]);
  });

  it("EMAIL_REACTIONS=question=none: a question is announced with action none, nothing queued, the reply still counted", async () => {
    const lead = { ...sampleLead, id: "acme-question-1" };
    expect((await call("POST", "/ai/analyze-lead", ACME, { lead })).status).toBe(202);
    const reply = await call("POST", "/ai/classify-email", ACME, { email: { from: sampleLead.contact.email, to: "sales@acme.example", subject: "Re: demo", body: "Does it run on-premises?", received_at: new Date().toISOString() }, lead_id: lead.id });
    const r = await classified(reply.json.task_id, "question");
    expect(r).toMatchObject({ tenant: "acme", kind: "none", action: "none", lead_id: lead.id, outcome: "replied" });
    expect(r.follow_up_task_id).toBeUndefined();
    expect((await call("GET", `/ai/tasks?type=follow_up&lead_id=${lead.id}`, ACME)).json.items).toEqual([]);
  });
});

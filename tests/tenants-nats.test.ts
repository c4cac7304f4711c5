import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { NatsConnection } from "@nats-io/transport-node";
import { jetstream } from "@nats-io/jetstream";
import { FollowUpGeneratedEvent, LeadAnalyzedEvent, Streams, TaskFailedEvent } from "@gardenos/contracts";
import { connectAs, violationReported, type Violation } from "./helpers/broker.js";
import { sampleLead, startStack, type TestStack } from "./helpers/stack.js";

/**
 * Tenants on the NATS path (issue 11, part 2): the tenant of a task published straight to NATS
 * comes from its subject, which the broker confines per user — never from a header or a field.
 * tenant.<t>.<task subject> → INTAKE → gateway (row for tenant t) → TASKS → agent → RESULTS →
 * recorder → tenant.<t>.<result subject>.
 */
const ACME_KEY = "acme-client-key-0123456789";
const GLOBEX_KEY = "globex-client-key-0123456789";

async function get(url: string, key: string, path: string) {
  const r = await fetch(`${url}${path}`, { headers: { authorization: `Bearer ${key}` } });
  return { status: r.status, json: (await r.json()) as any };
}

async function waitFor<T>(what: string, f: () => T | undefined, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = f();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

async function waitForAsync<T>(what: string, f: () => Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await f();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function listen(nc: NatsConnection, subject: string): unknown[] {
  const got: unknown[] = [];
  nc.subscribe(subject, { callback: (_e, m) => got.push(m.json()) });
  return got;
}

describe("tenants publishing over NATS", () => {
  let stack: TestStack;
  let acme: { nc: NatsConnection; violations: Violation[] };
  let globex: { nc: NatsConnection; violations: Violation[] };
  let acmeResults: unknown[];
  let acmeFailed: unknown[];
  let globexResults: unknown[];

  beforeAll(async () => {
    stack = await startStack({
      brokerAuth: true,
      tenants: ["acme", "globex"],
      env: { GARDENOS_API_KEYS: `acme:${ACME_KEY},globex:${GLOBEX_KEY}` },
    });
    acme = await connectAs(stack.nats.url, stack.broker!, "crm-acme");
    globex = await connectAs(stack.nats.url, stack.broker!, "crm-globex");
    acmeResults = listen(acme.nc, "tenant.acme.lead.analyzed");
    acmeFailed = listen(acme.nc, "tenant.acme.task.failed");
    globexResults = listen(globex.nc, "tenant.globex.lead.analyzed");
    await acme.nc.flush();
    await globex.nc.flush();
  });
  afterAll(async () => {
    await acme?.nc.close();
    await globex?.nc.close();
    await stack?.stop();
  });

  it("has no bare-subject crm user once tenants publish over NATS", () => {
    expect(stack.broker!.users["crm"]).toBeUndefined();
    expect(Object.keys(stack.broker!.users)).toEqual(expect.arrayContaining(["crm-acme", "crm-globex"]));
  });

  it("takes a tenant's task in, records it for that tenant, and answers on the tenant's result subject only", async () => {
    const ack = await jetstream(acme.nc).publish("tenant.acme.lead.analyze", JSON.stringify({ task_id: "acme-nats-1", lead: sampleLead }));
    expect(ack.stream).toBe(Streams.intake);
    const result = LeadAnalyzedEvent.parse(await waitFor("acme's result", () => acmeResults.find((e: any) => e.task_id === "acme-nats-1")));
    expect(result.status).toBe("completed");
    expect(result.result?.lead_quality_score).toBeGreaterThanOrEqual(1);
    // Stored for acme: acme's key reads it, globex's key gets 404, globex heard nothing.
    const own = await get(stack.url, ACME_KEY, "/ai/tasks/acme-nats-1");
    expect(own.status).toBe(200);
    expect(own.json.status).toBe("completed");
    expect((await get(stack.url, GLOBEX_KEY, "/ai/tasks/acme-nats-1")).status).toBe(404);
    expect(globexResults).toEqual([]);
    expect(acme.violations).toEqual([]);
  });

  it("a follow-up published by a tenant uses that tenant's history only", async () => {
    const followups = listen(globex.nc, "tenant.globex.followup.generated");
    await globex.nc.flush();
    // acme has a completed analysis of sampleLead (above); globex's follow-up for the same lead must not see it.
    await jetstream(globex.nc).publish("tenant.globex.followup.generate", JSON.stringify({ task_id: "globex-fu-1", lead: sampleLead, context: "Asked for pricing" }));
    const e = FollowUpGeneratedEvent.parse(await waitFor("globex's follow-up", () => followups.find((x: any) => x.task_id === "globex-fu-1")));
    expect(e.status).toBe("completed");
    const row = await get(stack.url, GLOBEX_KEY, "/ai/tasks/globex-fu-1");
    expect(row.status).toBe(200);
    expect(JSON.stringify(row.json)).not.toContain("acme-nats-1");
  });

  it("answers a bad event on tenant.<t>.task.failed naming the field, and stores nothing", async () => {
    await jetstream(acme.nc).publish("tenant.acme.lead.analyze", JSON.stringify({ task_id: "acme-bad-1", lead: { ...sampleLead, contact: { ...sampleLead.contact, email: "not-an-email" } } }));
    const failed = TaskFailedEvent.parse(await waitFor("acme's task.failed", () => acmeFailed.find((e: any) => e.task_id === "acme-bad-1")));
    expect(failed.error.code).toBe("ERR_EVENT_INVALID");
    expect(failed.error.message).toContain("lead.contact.email");
    expect((await get(stack.url, ACME_KEY, "/ai/tasks/acme-bad-1")).status).toBe(404);
  });

  it("stores a tenant's lead.outcome for that tenant only, and refuses a bad one on its task.failed", async () => {
    const js = jetstream(acme.nc);
    const at = "2026-11-20T10:00:00Z";
    await js.publish("tenant.acme.lead.outcome", JSON.stringify({ lead_id: "acme-out-1", outcome: "converted", at, outcome_id: "acme-out-ok" }));
    await js.publish("tenant.acme.lead.outcome", JSON.stringify({ lead_id: "acme-out-2", outcome: "won", at, outcome_id: "acme-out-bad" }));
    const stored = await waitForAsync("acme's outcome", async () => {
      const r = await get(stack.url, ACME_KEY, "/ai/outcomes?lead_id=acme-out-1");
      return r.status === 200 ? r.json : undefined;
    });
    expect(stored.outcomes).toMatchObject([{ outcome: "converted", source: "event", outcome_id: "acme-out-ok" }]);
    expect((await get(stack.url, GLOBEX_KEY, "/ai/outcomes?lead_id=acme-out-1")).status).toBe(404);
    const failed = TaskFailedEvent.parse(await waitFor("acme's outcome refusal", () => acmeFailed.find((e: any) => e.task_id === "acme-out-bad")));
    expect(failed.error.code).toBe("ERR_EVENT_INVALID");
    expect(failed.error.issues?.map((i) => i.path)).toEqual(["outcome"]);
    expect((await get(stack.url, ACME_KEY, "/ai/outcomes?lead_id=acme-out-2")).status).toBe(404);
  });

  it("refuses a task id another tenant already holds, without saying anything of that task", async () => {
    const globexFailed = listen(globex.nc, "tenant.globex.task.failed");
    await globex.nc.flush();
    await jetstream(globex.nc).publish("tenant.globex.lead.analyze", JSON.stringify({ task_id: "acme-nats-1", lead: { ...sampleLead, id: "other" } }));
    const failed = TaskFailedEvent.parse(await waitFor("globex's task.failed", () => globexFailed.find((e: any) => e.task_id === "acme-nats-1")));
    expect(failed.error.code).toBe("ERR_TASK_ID_TAKEN");
    expect(JSON.stringify(failed)).not.toContain(sampleLead.company.name);
    // acme's task is as it was.
    expect((await get(stack.url, ACME_KEY, "/ai/tasks/acme-nats-1")).json.status).toBe("completed");
  });

  it("confines each tenant's user to its prefix: no other tenant's subjects, no bare subjects, no stream API", async () => {
    globex.nc.publish("tenant.acme.lead.analyze", JSON.stringify({ lead: sampleLead }));
    await violationReported(globex.nc, globex.violations, "publish", "tenant.acme.lead.analyze");
    globex.nc.publish("lead.analyze", JSON.stringify({ lead: sampleLead }));
    await violationReported(globex.nc, globex.violations, "publish", "lead.analyze");
    globex.nc.subscribe("tenant.acme.lead.analyzed");
    await violationReported(globex.nc, globex.violations, "subscription", "tenant.acme.lead.analyzed");
    globex.nc.subscribe("lead.analyzed");
    await violationReported(globex.nc, globex.violations, "subscription", "lead.analyzed");
    // A header naming another tenant changes nothing: the subject decides.
    const { headers } = await import("@nats-io/transport-node");
    const h = headers();
    h.set("GardenOS-Tenant", "acme");
    await jetstream(globex.nc).publish("tenant.globex.lead.analyze", JSON.stringify({ task_id: "globex-hdr-1", lead: sampleLead }), { headers: h });
    await waitFor("globex's result", () => globexResults.find((e: any) => e.task_id === "globex-hdr-1"));
    expect((await get(stack.url, ACME_KEY, "/ai/tasks/globex-hdr-1")).status).toBe(404);
    expect((await get(stack.url, GLOBEX_KEY, "/ai/tasks/globex-hdr-1")).status).toBe(200);
    expect(acmeResults.some((e: any) => e.task_id === "globex-hdr-1")).toBe(false);
  });

  it("deduplicates a tenant's repeated Nats-Msg-Id into one task", async () => {
    const js = jetstream(acme.nc);
    const a = await js.publish("tenant.acme.lead.analyze.high", JSON.stringify({ lead: { ...sampleLead, id: "dup-1" } }), { msgID: "acme-msg-1" });
    const b = await js.publish("tenant.acme.lead.analyze.high", JSON.stringify({ lead: { ...sampleLead, id: "dup-1" } }), { msgID: "acme-msg-1" });
    expect(b.duplicate).toBe(true);
    expect(b.seq).toBe(a.seq);
    const hits = await waitFor("the deduplicated result", () => {
      const h = acmeResults.filter((e: any) => e.lead_id === "dup-1");
      return h.length > 0 ? h : undefined;
    });
    await new Promise((r) => setTimeout(r, 500));
    expect(acmeResults.filter((e: any) => e.task_id === (hits[0] as any).task_id)).toHaveLength(1);
  });
});

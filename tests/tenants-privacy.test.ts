import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connect } from "@nats-io/transport-node";
import { jetstream } from "@nats-io/jetstream";
import { TaskFailedEvent } from "@gardenos/contracts";
import { sampleLead, startStack, type TestStack } from "./helpers/stack.js";
import { callWithKey as call } from "./helpers/keyed-call.js";

/**
 * Erasure, the do-not-contact list and retention are per tenant (issue 11, parts 2 and 4): a lead
 * id means something only within its tenant's CRM. And every follow-up — also one published
 * straight on NATS — is checked against the list by the agent before anything is written.
 */
const ACME = "acme-client-key-0123456789";
const GLOBEX = "globex-client-key-0123456789";
const ACME_ADMIN = "acme-admin-key-0123456789";
const ADMIN = "global-admin-key-0123456789";

async function finished(url: string, key: string, id: string) {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const r = await call(url, key, "GET", `/ai/tasks/${id}`);
    if (r.status === 200 && (r.json.status === "completed" || r.json.status === "failed")) return r.json;
    if (Date.now() > deadline) throw new Error(`task ${id} did not finish (last ${r.status})`);
    await new Promise((res) => setTimeout(res, 50));
  }
}

describe("erasure, do-not-contact and retention per tenant", () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startStack({
      env: {
        GARDENOS_API_KEYS: `acme:${ACME},globex:${GLOBEX}`,
        GARDENOS_ADMIN_KEYS: `${ADMIN},acme:${ACME_ADMIN}`,
        RETENTION_DAYS: "0",
        TENANT_RETENTION_DAYS: "acme=1",
        RETENTION_INTERVAL_SECONDS: "1",
        TASK_MAX_RETRIES: "0",
      },
    });
  });
  afterAll(async () => stack?.stop());

  it("a tenant's erasure with do-not-contact touches only that tenant: the other's rows and follow-ups for the same lead id stay", async () => {
    const lead = { ...sampleLead, id: "shared-lead-1" };
    const a = await call(stack.url, ACME, "POST", "/ai/analyze-lead", { lead });
    const g = await call(stack.url, GLOBEX, "POST", "/ai/analyze-lead", { lead });
    await finished(stack.url, ACME, a.json.task_id);
    await finished(stack.url, GLOBEX, g.json.task_id);

    const del = await call(stack.url, ACME_ADMIN, "DELETE", "/ai/leads/shared-lead-1?do_not_contact=true");
    expect(del.status, JSON.stringify(del.json)).toBe(200);
    expect(del.json).toMatchObject({ tenant: "acme", erased_rows: 1, do_not_contact: true });
    expect((await call(stack.url, ACME, "GET", `/ai/tasks/${a.json.task_id}`)).status).toBe(404);
    expect((await call(stack.url, GLOBEX, "GET", `/ai/tasks/${g.json.task_id}`)).status).toBe(200);

    const refused = await call(stack.url, ACME, "POST", "/ai/generate-follow-up", { lead });
    expect(refused.status).toBe(409);
    expect(refused.json.error.code).toBe("ERR_DO_NOT_CONTACT");
    const allowed = await call(stack.url, GLOBEX, "POST", "/ai/generate-follow-up", { lead, context: "Asked for pricing" });
    expect(allowed.status).toBe(202);
    expect((await finished(stack.url, GLOBEX, allowed.json.task_id)).status).toBe("completed");
  });

  it("a follow-up published straight on NATS for a lead on the list fails with ERR_DO_NOT_CONTACT and writes nothing", async () => {
    // The default tenant's list (a global admin acts for `default` without X-GardenOS-Tenant).
    const lead = { ...sampleLead, id: "nats-dnc-1", contact: { ...sampleLead.contact, email: "stop.mailing@dnc.example" } };
    expect((await call(stack.url, ADMIN, "DELETE", "/ai/leads/nats-dnc-1?do_not_contact=true", { email: "stop.mailing@dnc.example" })).status).toBe(200);
    const nc = await connect({ servers: stack.nats.url });
    const failed: unknown[] = [];
    const written: unknown[] = [];
    nc.subscribe("task.failed", { callback: (_e, m) => failed.push(m.json()) });
    nc.subscribe("followup.generated", { callback: (_e, m) => written.push(m.json()) });
    await nc.flush();
    // Matched by e-mail alone as well as by id.
    await jetstream(nc).publish("followup.generate", JSON.stringify({ task_id: "nats-dnc-task", lead: { contact: { name: "S", email: "Stop.Mailing@dnc.example" } }, context: "Follow up" }));
    const deadline = Date.now() + 15_000;
    while (!failed.some((e: any) => e.task_id === "nats-dnc-task") && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
    const e = TaskFailedEvent.parse(failed.find((x: any) => x.task_id === "nats-dnc-task"));
    expect(e.error.code).toBe("ERR_DO_NOT_CONTACT");
    expect(written.some((x: any) => x.task_id === "nats-dnc-task")).toBe(false);
    // acme's list does not stop the default tenant's follow-ups for acme's lead id.
    await jetstream(nc).publish("followup.generate", JSON.stringify({ task_id: "nats-ok-task", lead: { ...sampleLead, id: "shared-lead-1" }, context: "Follow up" }));
    const until = Date.now() + 15_000;
    while (!written.some((x: any) => x.task_id === "nats-ok-task") && Date.now() < until) await new Promise((r) => setTimeout(r, 25));
    expect(written.some((x: any) => x.task_id === "nats-ok-task")).toBe(true);
    await nc.close();
  });

  it("TENANT_RETENTION_DAYS sweeps one tenant's old rows and keeps the others' (RETENTION_DAYS=0)", async () => {
    const a = await call(stack.url, ACME, "POST", "/ai/analyze-lead", { lead: { ...sampleLead, id: "ret-a" } });
    const g = await call(stack.url, GLOBEX, "POST", "/ai/analyze-lead", { lead: { ...sampleLead, id: "ret-g" } });
    await finished(stack.url, ACME, a.json.task_id);
    await finished(stack.url, GLOBEX, g.json.task_id);
    await stack.gateway.database.db.execute(`update ai_interactions set created_at = now() - interval '2 days' where task_id in ('${a.json.task_id}', '${g.json.task_id}')`);
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline && (await call(stack.url, ACME, "GET", `/ai/tasks/${a.json.task_id}`)).status !== 404) await new Promise((r) => setTimeout(r, 200));
    expect((await call(stack.url, ACME, "GET", `/ai/tasks/${a.json.task_id}`)).status).toBe(404);
    expect((await call(stack.url, GLOBEX, "GET", `/ai/tasks/${g.json.task_id}`)).status).toBe(200);
  });
});

import { connect } from "@nats-io/transport-node";
import { jetstream } from "@nats-io/jetstream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Streams } from "@gardenos/contracts";
import { isFollowUpRequest, messagesOf, providersEnv, startFakeLlm, type FakeLlm } from "./helpers/fake-llm.js";
import { postJson, sampleLead, startStack, waitForTask, type TestStack } from "./helpers/stack.js";

/**
 * PII stays in: task.started without contact data, the provider without e-mail or phone
 * (LLM_SEND_CONTACT=false, the default), erasure of a lead with a do-not-contact record, the
 * retention sweep, the DNS-rebinding Host check and the cached public health check.
 */
describe("PII stays in", () => {
  let provider: FakeLlm;
  let stack: TestStack;
  const admin = { authorization: "Bearer admin-key-0123456789abcdef" };

  beforeAll(async () => {
    provider = await startFakeLlm();
    stack = await startStack({
      env: { LLM_PROVIDERS: providersEnv([{ name: "p", fake: provider }]), FOLLOW_UP_TIMEOUT: "5", LEAD_ANALYSIS_TIMEOUT: "5", GARDENOS_ADMIN_KEYS: "admin-key-0123456789abcdef", RETENTION_DAYS: "30", RETENTION_INTERVAL_SECONDS: "1" },
    });
  });
  afterAll(async () => {
    await stack?.stop();
    await provider?.close();
  });

  it("task.started carries ids and lead_id, never the lead's contact data", async () => {
    const nc = await connect({ servers: stack.nats.url });
    const seen: string[] = [];
    const sub = nc.subscribe("task.started", { callback: (_e, m) => seen.push(m.string()) });
    const lead = { ...sampleLead, id: "pii-started-1", contact: { ...sampleLead.contact, email: "started.person@acme-robotics.example" } };
    const r = await postJson(`${stack.url}/ai/analyze-lead`, { lead });
    await waitForTask(stack.url, r.json.task_id);
    await nc.flush();
    sub.unsubscribe();
    await nc.close();
    const mine = seen.map((s) => JSON.parse(s)).filter((e) => e.task_id === r.json.task_id);
    expect(mine.length).toBeGreaterThan(0);
    expect(mine[0]).toMatchObject({ lead_id: "pii-started-1", type: "lead_analysis" });
    expect(mine[0]).not.toHaveProperty("lead");
    const text = seen.join("\n");
    expect(text).not.toContain("started.person");
    expect(text).not.toContain(sampleLead.contact.phone);
    expect(text).not.toContain(sampleLead.contact.name);
  });

  it("the provider gets the e-mail's domain, no address, phone number or full name (LLM_SEND_CONTACT=false)", async () => {
    const lead = { ...sampleLead, id: "pii-llm-1", contact: { ...sampleLead.contact, email: "prompt.person@acme-robotics.example" } };
    for (const path of ["/ai/analyze-lead", "/ai/generate-follow-up"]) {
      const r = await postJson(`${stack.url}${path}`, { lead });
      expect((await waitForTask(stack.url, r.json.task_id)).status).toBe("completed");
    }
    const chats = provider.chats().filter((c) => JSON.stringify(c.body).includes("pii-llm-1"));
    expect(chats.length).toBeGreaterThanOrEqual(2);
    for (const c of chats) {
      const user = messagesOf(c, "user").join("\n");
      expect(user).not.toContain("prompt.person");
      expect(user).not.toContain(sampleLead.contact.phone);
      expect(user).not.toContain("Jane Doe");
      expect(user).not.toContain("Doe");
    }
    // Scoring gets the e-mail's domain and whether a phone is known; writing gets the first name.
    const [analysis, followUp] = [chats.find((c) => !isFollowUpRequest(c.body)), chats.find((c) => isFollowUpRequest(c.body))];
    expect(messagesOf(analysis!, "user").join("\n")).toContain('"email_domain":"acme-robotics.example","has_phone":true');
    expect(messagesOf(followUp!, "user").join("\n")).toContain('"first_name":"Jane"');
  });

  it("DELETE /ai/leads/:id erases the rows and dead letters and keeps a do-not-contact record; a follow-up is then refused", async () => {
    const lead = { id: "pii-erase-1", contact: { name: "Erin Erase", email: "Erin@Erase.example" }, company: { name: "Erase Co" } };
    const r = await postJson(`${stack.url}/ai/analyze-lead`, { lead });
    await waitForTask(stack.url, r.json.task_id);
    // A dead letter of the lead (a task that failed for good), put there as the agents would.
    const nc = await connect({ servers: stack.nats.url });
    const js = jetstream(nc);
    await js.publish("dlq.lead.analyze", JSON.stringify({ task_id: "analysis-dead-erase", lead }));
    await js.publish("dlq.lead.analyze", JSON.stringify({ task_id: "analysis-dead-other", lead: { id: "someone-else", contact: { email: "x@other.example" } } }));
    const anyOther = await postJson(`${stack.url}/ai/analyze-lead`, { lead: { id: "pii-keep-1", company: { name: "Keep Co" } } });
    await waitForTask(stack.url, anyOther.json.task_id);

    // The analysed lead is kept for training, with an outcome: erasure must take both.
    const kept = async (id: string) => ((await stack.gateway.database.db.execute(`select count(*)::int as n from lead_profiles where lead_id = '${id}'`)) as any).rows[0].n as number;
    await postJson(`${stack.url}/ai/outcomes`, { outcomes: [{ lead_id: "pii-erase-1", outcome: "converted", at: "2026-11-20T10:00:00Z" }] });
    for (let i = 0; i < 100 && (await kept("pii-erase-1")) === 0; i++) await new Promise((res) => setTimeout(res, 50));
    expect(await kept("pii-erase-1")).toBe(1);

    const noKey = await fetch(`${stack.url}/ai/leads/pii-erase-1`, { method: "DELETE" });
    expect(noKey.status).toBe(401);
    const del = await fetch(`${stack.url}/ai/leads/pii-erase-1?do_not_contact=true`, {
      method: "DELETE",
      headers: { ...admin, "content-type": "application/json" },
      body: JSON.stringify({ email: "erin@erase.example" }),
    });
    const body = (await del.json()) as any;
    expect(del.status).toBe(200);
    expect(body).toMatchObject({ lead_id: "pii-erase-1", erased_rows: 1, do_not_contact: true });
    expect(body.streams.find((s: any) => s.stream === Streams.deadLetters)).toMatchObject({ deleted: 1, complete: true });
    expect(body.streams.find((s: any) => s.stream === Streams.results).deleted).toBeGreaterThanOrEqual(1);

    expect((await fetch(`${stack.url}/ai/tasks/${r.json.task_id}`)).status).toBe(404);
    expect((await fetch(`${stack.url}/ai/tasks/${anyOther.json.task_id}`)).status).toBe(200);
    expect(await kept("pii-erase-1")).toBe(0);
    expect((await fetch(`${stack.url}/ai/outcomes?lead_id=pii-erase-1`)).status).toBe(404);
    expect(await kept("pii-keep-1")).toBe(1);
    const jsm = await js.jetstreamManager();
    const info = await jsm.streams.info(Streams.deadLetters);
    expect(info.state.messages).toBe(1); // the other lead's letter stays
    await nc.close();

    const refused = await postJson(`${stack.url}/ai/generate-follow-up`, { lead: { contact: { email: "ERIN@erase.example" } } });
    expect(refused.status).toBe(409);
    expect(refused.json.error.code).toBe("ERR_DO_NOT_CONTACT");
    const byId = await postJson(`${stack.url}/ai/generate-follow-up`, { lead: { id: "pii-erase-1" } });
    expect(byId.status).toBe(409);
    // An analysis is not a contact: still accepted.
    expect((await postJson(`${stack.url}/ai/analyze-lead`, { lead: { id: "pii-erase-1" } })).status).toBe(202);
  });

  it("the retention sweep deletes finished rows older than RETENTION_DAYS", async () => {
    const r = await postJson(`${stack.url}/ai/analyze-lead`, { lead: { id: "pii-old-1", company: { name: "Old Co" } } });
    await waitForTask(stack.url, r.json.task_id);
    const fresh = await postJson(`${stack.url}/ai/analyze-lead`, { lead: { id: "pii-new-1", company: { name: "New Co" } } });
    await waitForTask(stack.url, fresh.json.task_id);
    await stack.gateway.database.db.execute(`update ai_interactions set created_at = now() - interval '31 days' where task_id = '${r.json.task_id}'`);
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline && (await fetch(`${stack.url}/ai/tasks/${r.json.task_id}`)).status !== 404) await new Promise((res) => setTimeout(res, 200));
    expect((await fetch(`${stack.url}/ai/tasks/${r.json.task_id}`)).status).toBe(404);
    expect((await fetch(`${stack.url}/ai/tasks/${fresh.json.task_id}`)).status).toBe(200);
  });

  it("refuses a DNS-rebinding Host on loopback with open task endpoints (421), accepts localhost and 127.0.0.1", async () => {
    const rebinding = await stack.gateway.app.inject({ method: "GET", url: "/ai/types", headers: { host: "attacker.example:8000" } });
    expect(rebinding.statusCode).toBe(421);
    expect(rebinding.json().error.code).toBe("ERR_HOST_NOT_ALLOWED");
    for (const host of ["localhost:8000", "127.0.0.1:1234", "[::1]:80", "localhost"]) {
      expect((await stack.gateway.app.inject({ method: "GET", url: "/ai/types", headers: { host } })).statusCode).toBe(200);
    }
  });

  it("two /ai/health calls within a second make one round of JetStream API calls", async () => {
    const nc = await connect({ servers: stack.nats.url });
    let calls = 0;
    const sub = nc.subscribe("$JS.API.>", { callback: (_e, m) => (m.subject.includes(".INFO.") ? calls++ : undefined) });
    await nc.flush();
    await new Promise((r) => setTimeout(r, 1100)); // past any earlier cached answer
    const before = calls;
    await fetch(`${stack.url}/ai/health`);
    await nc.flush();
    const one = calls - before;
    await Promise.all([fetch(`${stack.url}/ai/health`), fetch(`${stack.url}/ai/health`)]);
    await nc.flush();
    await new Promise((r) => setTimeout(r, 50));
    sub.unsubscribe();
    await nc.close();
    expect(one).toBeGreaterThan(0);
    expect(calls - before).toBe(one);
  });
});

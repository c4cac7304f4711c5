import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { connect, type NatsConnection } from "@nats-io/transport-node";
import { verifySignature } from "@gardenos/gateway";
import { jetstream } from "@nats-io/jetstream";
import { followUp, followUpMessageId, type EmailReactionEvent } from "@gardenos/contracts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { waitUntil } from "./helpers/processes.js";
import { postJson, startStack, waitForTask, type TestStack } from "./helpers/stack.js";

/**
 * Replies routed and answered (issue 16), on a real nats-server, gateway, follow-up agents and the
 * e-mail classification agent (its built-in classifier): one example of each reaction end to end.
 * Each reply goes in through POST /ai/classify-email; the test checks the category and what the
 * classifier found, then the gateway's reaction (`email.reaction.<kind>`) and its effects.
 */

const RECEIVED = "2026-11-27T09:30:00Z";
const day = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);
/** The same date as an out-of-office writes it: "Monday, November 30, 2026". */
const spelled = (offsetDays: number) => new Date(`${day(offsetDays)}T12:00:00Z`).toLocaleDateString("en-US", { weekday: "long", month: "long", day: "numeric", year: "numeric", timeZone: "UTC" });

function lead(id: string, email: string, name: string) {
  return {
    id,
    company: { name: `${name} GmbH`, industry: "Manufacturing", employees: 300 },
    contact: { name, title: "Head of Operations", email },
    engagement: { source: "Referral", created_at: "2026-11-01T09:00:00Z" },
    behavior: { site_visits: 6, last_activity: "Requested a demo" },
  };
}

describe("email reactions", () => {
  let stack: TestStack;
  let nc: NatsConnection;
  const reactions: EmailReactionEvent[] = [];
  const failed: { task_id: string; error: { code: string } }[] = [];

  beforeAll(async () => {
    stack = await startStack({ env: { EMAIL_OOO_DELAY_HOURS: "0", FOLLOW_UP_AGENTS: "2", WEBHOOK_ALLOWED_TARGETS: "127.0.0.1" } });
    nc = await connect({ servers: stack.nats.url });
    nc.subscribe("email.reaction.>", { callback: (_e, m) => reactions.push(m.json()) });
    nc.subscribe("task.failed", { callback: (_e, m) => failed.push(m.json()) });
  }, 120_000);

  afterAll(async () => {
    await nc?.close();
    await stack?.stop();
  });

  /** Analyses the lead (so the gateway keeps it) and waits until it is kept. */
  async function knownLead(l: ReturnType<typeof lead>) {
    const r = await postJson(`${stack.url}/ai/analyze-lead?wait=20`, { lead: l });
    expect(r.status).toBe(200);
  }

  /** Classifies a reply through the gateway and the real agent; returns its task id and result. */
  async function classify(email: Record<string, unknown>, leadId?: string): Promise<{ taskId: string; category: string; found: Record<string, any> }> {
    const r = await postJson(`${stack.url}/ai/classify-email?wait=20`, { email: { to: "sales@gardenos.example", subject: "Re: our call", received_at: RECEIVED, ...email }, ...(leadId ? { lead_id: leadId } : {}) });
    expect(r.status, r.text).toBe(200);
    expect(r.json.status).toBe("completed");
    return { taskId: r.json.task_id, category: r.json.result.category, found: r.json.result.found };
  }

  async function reactionOf(taskId: string): Promise<EmailReactionEvent> {
    await waitUntil(`reaction to ${taskId}`, () => reactions.some((r) => r.task_id === taskId) || "none yet", { timeoutMs: 20_000 });
    return reactions.find((r) => r.task_id === taskId)!;
  }

  const get = async (path: string) => {
    const r = await fetch(`${stack.url}${path}`);
    return { status: r.status, json: (await r.json()) as any };
  };

  it("meeting_request: a high-priority follow-up with the reply and the proposed time as context; a `replied` outcome for the follow-up it answers", async () => {
    const l = lead("re-meet-1", "ines.meyer@meet.example", "Ines Meyer");
    await knownLead(l);
    const first = await postJson(`${stack.url}/ai/generate-follow-up?wait=20`, { lead: l, context: "Demo completed" });
    expect(first.status).toBe(200);
    const answered = first.json.task_id as string;
    const c = await classify({ from: "Ines Meyer <ines.meyer@meet.example>", body: "Thanks for the demo! Could we schedule a call on Tuesday at 10am to go through the rollout?\n\nBest,\nInes\n\nOn Mon, Nov 23, 2026 at 9:00 AM Sales <sales@gardenos.example> wrote:\n> Shall we set up a call?", in_reply_to: followUpMessageId(answered) }, l.id);
    expect(c.category).toBe("meeting_request");
    expect(c.found.meeting_times?.length).toBeGreaterThan(0);
    const r = await reactionOf(c.taskId);
    expect(r).toMatchObject({ kind: "follow_up_queued", action: "follow_up", category: "meeting_request", lead_id: l.id, lead_known: true, outcome: "replied", in_reply_to_task_id: answered, tenant: "default" });
    const task = await waitForTask(stack.url, r.follow_up_task_id!);
    expect(task.status).toBe("completed");
    expect(task.priority).toBe(9);
    const detail = await get(`/ai/tasks/${r.follow_up_task_id}/detail`);
    expect(detail.json.input.context).toContain("Could we schedule a call on Tuesday at 10am");
    expect(detail.json.input.context).toContain(c.found.meeting_times[0]);
    expect(detail.json.input.context).not.toContain("Shall we set up a call?");
    const outcomes = await get(`/ai/outcomes?lead_id=${l.id}`);
    expect(outcomes.json.outcomes).toEqual(expect.arrayContaining([expect.objectContaining({ outcome: "replied", task_id: answered })]));
  });

  it("unsubscribe: lead and address suppressed, its scheduled follow-up dropped, no e-mail written for it again over HTTP or NATS", async () => {
    const l = lead("re-unsub-1", "tom.berg@unsub.example", "Tom Berg");
    await knownLead(l);
    const later = await postJson(`${stack.url}/ai/scheduled`, { type: "follow_up", due_at: new Date(Date.now() + 3_600_000).toISOString(), input: { lead: l, context: "Check in next quarter" } });
    expect(later.status, later.text).toBe(201);
    const c = await classify({ from: "Tom Berg <tom.berg@unsub.example>", body: "Please remove me from your mailing list and do not email me again." });
    expect(c.category).toBe("unsubscribe");
    const r = await reactionOf(c.taskId);
    expect(r).toMatchObject({ kind: "unsubscribed", lead_id: l.id, lead_known: true, outcome: "unsubscribed", cancelled_scheduled_ids: [later.json.id] });
    expect(r.suppressed).toEqual(expect.arrayContaining([{ kind: "lead", value: l.id, reason: "unsubscribed" }, { kind: "email", value: "tom.berg@unsub.example", reason: "unsubscribed" }]));
    expect(r.follow_up_task_id).toBeUndefined();
    const scheduled = await get("/ai/scheduled");
    expect(scheduled.json.items.map((s: { id: string }) => s.id)).not.toContain(later.json.id);
    const list = await get("/ai/suppressions?reason=unsubscribed");
    expect(list.json.items).toEqual(expect.arrayContaining([expect.objectContaining({ kind: "lead", value: l.id, task_id: c.taskId })]));
    // Over HTTP: refused at intake. Over NATS (no gateway intake): the agent's contact check refuses it.
    const http = await postJson(`${stack.url}/ai/generate-follow-up`, { lead: l });
    expect(http.status).toBe(409);
    expect(http.json.error.code).toBe("ERR_DO_NOT_CONTACT");
    const byAddress = await postJson(`${stack.url}/ai/generate-follow-up`, { lead: { contact: { name: "Tom", email: "TOM.BERG@unsub.example" } } });
    expect(byAddress.status).toBe(409);
    await jetstream(nc).publish(followUp.subject, JSON.stringify({ task_id: "re-unsub-nats-1", lead: { contact: { email: "tom.berg@unsub.example" } } }), { msgID: "re-unsub-nats-1" });
    await waitUntil("task.failed for the suppressed address", () => failed.some((f) => f.task_id === "re-unsub-nats-1") || "not yet");
    expect(failed.find((f) => f.task_id === "re-unsub-nats-1")!.error.code).toBe("ERR_DO_NOT_CONTACT");
    const outcomes = await get(`/ai/outcomes?lead_id=${l.id}`);
    expect(outcomes.json.outcomes.map((o: { outcome: string }) => o.outcome)).toContain("unsubscribed");
  });

  it("out_of_office: the follow-up is scheduled after the return date (and released at once when that has passed)", async () => {
    const l = lead("re-ooo-1", "ana.ruiz@ooo.example", "Ana Ruiz");
    await knownLead(l);
    const now = new Date().toISOString();
    const c = await classify({ from: "Ana Ruiz <ana.ruiz@ooo.example>", subject: "Automatic reply: Re: our call", body: `Thank you for your email. I am out of the office until ${spelled(3)} with limited access to email and will respond when I return.`, received_at: now }, l.id);
    expect(c.category).toBe("out_of_office");
    expect(c.found.return_date).toBe(day(3));
    const r = await reactionOf(c.taskId);
    expect(r).toMatchObject({ kind: "follow_up_scheduled", action: "schedule_follow_up", lead_id: l.id, due_at: `${day(3)}T00:00:00.000Z` });
    expect(r.outcome).toBeUndefined();
    const scheduled = await get("/ai/scheduled");
    expect(scheduled.json.items).toEqual(expect.arrayContaining([expect.objectContaining({ id: r.follow_up_task_id, type: "follow_up", lead_id: l.id, due_at: `${day(3)}T00:00:00.000Z`, priority: 9, status: "scheduled" })]));
    expect((await get(`/ai/tasks/${r.follow_up_task_id}`)).status).toBe(404);

    const back = lead("re-ooo-2", "ben.ruiz@ooo.example", "Ben Ruiz");
    await knownLead(back);
    const past = await classify({ from: "Ben Ruiz <ben.ruiz@ooo.example>", subject: "Out of office", body: `I am out of the office until ${spelled(0)}. For urgent matters please call the front desk.`, received_at: new Date(Date.now() - 3 * 86_400_000).toISOString() }, back.id);
    expect(past.category).toBe("out_of_office");
    const r2 = await reactionOf(past.taskId);
    expect(r2.kind).toBe("follow_up_scheduled");
    expect(Date.parse(r2.due_at!)).toBeLessThanOrEqual(Date.now());
    const task = await waitForTask(stack.url, r2.follow_up_task_id!);
    expect(task.status).toBe("completed");
  });

  it("bounce: the bounced address is suppressed (bounced) and a `bounced` outcome is recorded for the follow-up's lead", async () => {
    const l = lead("re-bounce-1", "gone@bounce.example", "Gone Person");
    await knownLead(l);
    const sent = await postJson(`${stack.url}/ai/generate-follow-up?wait=20`, { lead: l });
    expect(sent.status).toBe(200);
    const c = await classify({
      from: "Mail Delivery Subsystem <mailer-daemon@mx.bounce.example>",
      subject: "Delivery Status Notification (Failure)",
      body: "Delivery to the following recipient failed permanently:\n\n     gone@bounce.example\n\nTechnical details of permanent failure:\n550 5.1.1 The email account that you tried to reach does not exist.",
      in_reply_to: followUpMessageId(sent.json.task_id),
    });
    expect(c.category).toBe("bounce");
    expect(c.found.bounced_address).toBe("gone@bounce.example");
    const r = await reactionOf(c.taskId);
    expect(r).toMatchObject({ kind: "bounced", lead_id: l.id, outcome: "bounced", in_reply_to_task_id: sent.json.task_id, suppressed: [{ kind: "email", value: "gone@bounce.example", reason: "bounced" }] });
    const list = await get("/ai/suppressions?kind=email&reason=bounced");
    expect(list.json.items.map((s: { value: string }) => s.value)).toContain("gone@bounce.example");
    const again = await postJson(`${stack.url}/ai/generate-follow-up`, { lead: l });
    expect(again.status).toBe(409);
  });

  it("wrong_person: a follow-up to the colleague the reply names, at the lead's company", async () => {
    const l = lead("re-wrong-1", "max.klein@wrong.example", "Max Klein");
    await knownLead(l);
    const c = await classify({ from: "Max Klein <max.klein@wrong.example>", body: "I'm not the right person for this. Please contact my colleague Petra Lang (petra.lang@wrong.example), she runs procurement." }, l.id);
    expect(c.category).toBe("wrong_person");
    expect(c.found.colleague?.email).toBe("petra.lang@wrong.example");
    const r = await reactionOf(c.taskId);
    expect(r).toMatchObject({ kind: "colleague_follow_up_queued", lead_id: l.id, outcome: "replied" });
    const task = await waitForTask(stack.url, r.follow_up_task_id!);
    expect(task.status).toBe("completed");
    const detail = await get(`/ai/tasks/${r.follow_up_task_id}/detail`);
    expect(detail.json.input.lead.contact.email).toBe("petra.lang@wrong.example");
    expect(detail.json.input.lead.company.name).toBe("Max Klein GmbH");
    expect(detail.json.input.context).toContain("Max Klein replied that");

    // A "colleague" at another organisation's domain is not written to (a reply must not be able to point the e-mails anywhere).
    const elsewhere = await classify({ from: "Max Klein <max.klein@wrong.example>", body: "I'm not the right person for this. Please contact my colleague Olga Brandt (olga.brandt@other-company.example)." }, l.id);
    expect(elsewhere.category).toBe("wrong_person");
    expect(await reactionOf(elsewhere.taskId)).toMatchObject({ kind: "skipped", reason: expect.stringContaining("other_domain") });

    // Without an address there is nobody to write to: the reaction says so.
    const noAddress = await classify({ from: "Max Klein <max.klein@wrong.example>", body: "I'm not the right person for this, sorry. Someone in our procurement team handles vendors." }, l.id);
    expect(noAddress.category).toBe("wrong_person");
    expect(await reactionOf(noAddress.taskId)).toMatchObject({ kind: "skipped", reason: expect.stringContaining("no_address") });
  });

  it("interested from an unknown sender: no lead known, the reaction event says so and nothing is queued", async () => {
    const c = await classify({ from: "stranger@unknown.example", body: "This sounds great, we are definitely interested." });
    expect(c.category).toBe("interested");
    const r = await reactionOf(c.taskId);
    expect(r).toMatchObject({ kind: "skipped", action: "follow_up", lead_known: false, outcome: "replied" });
    expect(r.reason).toContain("no_lead");
    expect(r.follow_up_task_id).toBeUndefined();
  });

  it("a classification published straight on email.classify is answered as well: the reply travels in the result", async () => {
    const l = lead("re-nats-1", "noa.berg@nats.example", "Noa Berg");
    await knownLead(l);
    const email = { from: "Noa Berg <noa.berg@nats.example>", to: "sales@gardenos.example", subject: "Re: our call", received_at: RECEIVED, body: "Does it support SSO with Azure AD?\n\n-- \nNoa Berg\nIT Lead" };
    await jetstream(nc).publish("email.classify", JSON.stringify({ task_id: "email-nats-1", email }));
    const r = await reactionOf("email-nats-1");
    expect(r).toMatchObject({ kind: "follow_up_queued", category: "question", lead_id: l.id, outcome: "replied" });
    const detail = await get(`/ai/tasks/${r.follow_up_task_id}/detail`);
    expect(detail.json.input.context).toContain("Does it support SSO with Azure AD?");
    expect(detail.json.input.context).not.toContain("IT Lead");
  });

  it("a reply to an experiment's follow-up counts as that variant's success (In-Reply-To <task_id@gardenos>)", async () => {
    const created = await postJson(`${stack.url}/ai/experiments`, { id: "reply-test", variants: [{ id: "a", subject: "Quick question, {first_name}" }, { id: "b", subject: "An idea for {company}" }] });
    expect(created.status, created.text).toBe(201);
    const l = lead("re-exp-1", "eva.stone@exp.example", "Eva Stone");
    await knownLead(l);
    const mail = await postJson(`${stack.url}/ai/generate-follow-up?wait=20`, { lead: l, context: "Demo completed" });
    expect(mail.status).toBe(200);
    const variant = mail.json.result.variant as string;
    expect(["a", "b"]).toContain(variant);
    // The result says which Message-ID to send the e-mail with.
    expect(mail.json.result.message_id).toBe(followUpMessageId(mail.json.task_id));
    expect((await postJson(`${stack.url}/ai/tasks/${mail.json.task_id}/sent`, {})).status).toBe(200);
    const c = await classify({ from: "Eva Stone <eva.stone@exp.example>", body: "How much does the plan for 50 users cost per year, and does it include onboarding?\n\nOn Mon, Nov 23, 2026 at 9:00 AM Sales <s@x.example> wrote:\n> Shall we meet?", in_reply_to: `<x@mail.example> ${mail.json.result.message_id}` });
    expect(c.category).toBe("question");
    const r = await reactionOf(c.taskId);
    expect(r).toMatchObject({ kind: "follow_up_queued", category: "question", lead_id: l.id, outcome: "replied", in_reply_to_task_id: mail.json.task_id });
    const view = await get("/ai/experiments/reply-test");
    expect(view.json.variants.find((v: { id: string }) => v.id === variant)).toMatchObject({ sends: 1, successes: 1, outcomes: { replied: 1 } });
    expect((await postJson(`${stack.url}/ai/experiments/reply-test/stop`, {})).status).toBe(200);
    const answer = await waitForTask(stack.url, r.follow_up_task_id!);
    expect(answer.status).toBe("completed");
    const detail = await get(`/ai/tasks/${r.follow_up_task_id}/detail`);
    expect(detail.json.input.context).toContain("How much does the plan for 50 users cost per year");
    // The reply's own text only (the classifier's reading): not the quoted message.
    expect(detail.json.input.context).not.toContain("Shall we meet?");
  });

  it("a CRM is told by a signed webhook: `email.reaction` deliveries carry the reaction event (and only those when that is all it asked for)", async () => {
    const secret = "reaction-webhook-secret-0123";
    const got: { event: string; signed: boolean; data: any }[] = [];
    const server: Server = createServer((req, res) => {
      let body = "";
      req.on("data", (c) => (body += c));
      req.on("end", () => {
        const parsed = JSON.parse(body);
        got.push({ event: parsed.event, data: parsed.data, signed: verifySignature(secret, req.headers["gardenos-signature"] as string, req.headers["gardenos-timestamp"] as string, body) });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
      const hook = await postJson(`${stack.url}/ai/webhooks`, { url, events: ["email.reaction"], secret });
      expect(hook.status, hook.text).toBe(201);
      const l = lead("re-hook-1", "lia.kern@hook.example", "Lia Kern");
      await knownLead(l);
      const c = await classify({ from: "Lia Kern <lia.kern@hook.example>", body: "Please take me off your mailing list.\n\nLia" }, l.id);
      expect(c.category).toBe("unsubscribe");
      await waitUntil("the reaction's webhook delivery", () => got.some((g) => g.data.task_id === c.taskId) || `${got.length} deliveries`, { timeoutMs: 20_000 });
      const d = got.find((g) => g.data.task_id === c.taskId)!;
      expect(d.signed).toBe(true);
      expect(d.event).toBe("email.reaction");
      expect(d.data).toMatchObject({ event: "email.reaction", status: "completed", type: "email_classification", lead_id: l.id });
      expect(d.data.data).toMatchObject({ kind: "unsubscribed", action: "suppress", category: "unsubscribe", task_id: c.taskId });
      // Only what it subscribed to: no task lifecycle events of the classification or the lead's analysis.
      expect(got.every((g) => g.event === "email.reaction")).toBe(true);
    } finally {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
  });
});

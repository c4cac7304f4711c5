import { connect, type NatsConnection } from "@nats-io/transport-node";
import { jetstream } from "@nats-io/jetstream";
import { followUp, followUpMessageId, type EmailReactionEvent } from "@gardenos/contracts";
import { startEmailClassification } from "@gardenos/email-classification";
import type { ServiceHandle } from "@gardenos/runtime";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { waitUntil } from "./helpers/processes.js";
import { postJson, startStack, waitForTask, type TestStack } from "./helpers/stack.js";

/**
 * Replies routed and answered (issue 16), on a real nats-server, gateway and follow-up agents: one
 * example of each reaction end to end. The e-mails go in through POST /ai/classify-email (the
 * gateway records each with its tenant and e-mail); for all but the last the classifier's answer is
 * published by the test as the `email.classified` result (its category chosen), the last is
 * classified by the real e-mail classification agent.
 */

const RECEIVED = "2026-11-27T09:30:00Z";
const day = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);

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
  let classifier: ServiceHandle | undefined;
  const reactions: EmailReactionEvent[] = [];
  const failed: { task_id: string; error: { code: string } }[] = [];

  beforeAll(async () => {
    stack = await startStack({ env: { EMAIL_OOO_DELAY_HOURS: "0", FOLLOW_UP_AGENTS: "2" } });
    nc = await connect({ servers: stack.nats.url });
    nc.subscribe("email.reaction.>", { callback: (_e, m) => reactions.push(m.json()) });
    nc.subscribe("task.failed", { callback: (_e, m) => failed.push(m.json()) });
  }, 120_000);

  afterAll(async () => {
    await classifier?.stop();
    await nc?.close();
    await stack?.stop();
  });

  /** Analyses the lead (so the gateway keeps it) and waits until it is kept. */
  async function knownLead(l: ReturnType<typeof lead>) {
    const r = await postJson(`${stack.url}/ai/analyze-lead?wait=20`, { lead: l });
    expect(r.status).toBe(200);
  }

  async function classify(email: Record<string, unknown>, leadId?: string): Promise<string> {
    const r = await postJson(`${stack.url}/ai/classify-email`, { email: { to: "sales@gardenos.example", subject: "Re: our call", received_at: RECEIVED, ...email }, ...(leadId ? { lead_id: leadId } : {}) });
    expect(r.status, r.text).toBe(202);
    return r.json.task_id as string;
  }

  /** The classifier's answer for a queued classification task, as the agent would publish it. */
  async function classified(taskId: string, category: string, found: Record<string, unknown> = {}) {
    const now = new Date().toISOString();
    const event = {
      schema_version: 1,
      task_id: taskId,
      type: "email_classification",
      status: "completed",
      result: { category, confidence: 0.9, sentiment: "neutral", urgency: 7, route: "sales", suggested_action: "Answer the reply.", found },
      agent_id: "test-classifier",
      model: "test",
      provider: "test",
      degraded: false,
      usage: { prompt_tokens: 0, completion_tokens: 0 },
      cost_usd: 0,
      latency_ms: 1,
      attempts: 1,
      started_at: now,
      completed_at: now,
    };
    await jetstream(nc).publish("email.classified", JSON.stringify(event), { msgID: `${taskId}:result` });
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
    const taskId = await classify({ from: "Ines Meyer <ines.meyer@meet.example>", body: "Thanks! Could we meet on Tuesday at 10:00?\n\nOn Mon, Nov 23, 2026 at 9:00 AM Sales <sales@gardenos.example> wrote:\n> Shall we set up a call?", in_reply_to: followUpMessageId(answered) }, l.id);
    await classified(taskId, "meeting_request", { meeting_times: ["2026-12-01T10:00:00+01:00"] });
    const r = await reactionOf(taskId);
    expect(r).toMatchObject({ kind: "follow_up_queued", action: "follow_up", category: "meeting_request", lead_id: l.id, lead_known: true, outcome: "replied", in_reply_to_task_id: answered, tenant: "default" });
    const task = await waitForTask(stack.url, r.follow_up_task_id!);
    expect(task.status).toBe("completed");
    expect(task.priority).toBe(9);
    const detail = await get(`/ai/tasks/${r.follow_up_task_id}/detail`);
    expect(detail.json.input.context).toContain("Could we meet on Tuesday at 10:00?");
    expect(detail.json.input.context).toContain("2026-12-01T10:00:00+01:00");
    expect(detail.json.input.context).not.toContain("Shall we set up a call?");
    const outcomes = await get(`/ai/outcomes?lead_id=${l.id}`);
    expect(outcomes.json.outcomes).toEqual(expect.arrayContaining([expect.objectContaining({ outcome: "replied", task_id: answered })]));
  });

  it("unsubscribe: lead and address suppressed, its scheduled follow-up dropped, no e-mail written for it again over HTTP or NATS", async () => {
    const l = lead("re-unsub-1", "tom.berg@unsub.example", "Tom Berg");
    await knownLead(l);
    const later = await postJson(`${stack.url}/ai/scheduled`, { type: "follow_up", due_at: new Date(Date.now() + 3_600_000).toISOString(), input: { lead: l, context: "Check in next quarter" } });
    expect(later.status, later.text).toBe(201);
    const taskId = await classify({ from: "tom.berg@unsub.example", body: "Please remove me from your list. Do not e-mail me again." });
    await classified(taskId, "unsubscribe");
    const r = await reactionOf(taskId);
    expect(r).toMatchObject({ kind: "unsubscribed", lead_id: l.id, lead_known: true, outcome: "unsubscribed", cancelled_scheduled_ids: [later.json.id] });
    expect(r.suppressed).toEqual(expect.arrayContaining([{ kind: "lead", value: l.id, reason: "unsubscribed" }, { kind: "email", value: "tom.berg@unsub.example", reason: "unsubscribed" }]));
    expect(r.follow_up_task_id).toBeUndefined();
    const scheduled = await get("/ai/scheduled");
    expect(scheduled.json.items.map((s: { id: string }) => s.id)).not.toContain(later.json.id);
    const list = await get("/ai/suppressions?reason=unsubscribed");
    expect(list.json.items).toEqual(expect.arrayContaining([expect.objectContaining({ kind: "lead", value: l.id, task_id: taskId })]));
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
    expect(JSON.stringify(outcomes.json)).toContain('"unsubscribed"');
  });

  it("out_of_office: the follow-up is scheduled after the return date (and released at once when that has passed)", async () => {
    const l = lead("re-ooo-1", "ana.ruiz@ooo.example", "Ana Ruiz");
    await knownLead(l);
    const returnDate = day(3);
    const taskId = await classify({ from: "ana.ruiz@ooo.example", subject: "Automatic reply: Re: our call", body: `I am out of the office until ${returnDate} with limited access to e-mail.` }, l.id);
    await classified(taskId, "out_of_office", { return_date: returnDate });
    const r = await reactionOf(taskId);
    expect(r).toMatchObject({ kind: "follow_up_scheduled", action: "schedule_follow_up", lead_id: l.id, due_at: `${returnDate}T00:00:00.000Z` });
    expect(r.outcome).toBeUndefined();
    const scheduled = await get("/ai/scheduled");
    expect(scheduled.json.items).toEqual(expect.arrayContaining([expect.objectContaining({ id: r.follow_up_task_id, type: "follow_up", lead_id: l.id, due_at: `${returnDate}T00:00:00.000Z`, priority: 9, status: "scheduled" })]));
    expect((await get(`/ai/tasks/${r.follow_up_task_id}`)).status).toBe(404);

    const back = lead("re-ooo-2", "ben.ruiz@ooo.example", "Ben Ruiz");
    await knownLead(back);
    const past = await classify({ from: "ben.ruiz@ooo.example", body: `Out of office until ${day(-1)}.` }, back.id);
    await classified(past, "out_of_office", { return_date: day(-1) });
    const r2 = await reactionOf(past);
    expect(r2.kind).toBe("follow_up_scheduled");
    const task = await waitForTask(stack.url, r2.follow_up_task_id!);
    expect(task.status).toBe("completed");
  });

  it("bounce: the bounced address is suppressed (bounced) and a `bounced` outcome is recorded for the follow-up's lead", async () => {
    const l = lead("re-bounce-1", "gone@bounce.example", "Gone Person");
    await knownLead(l);
    const sent = await postJson(`${stack.url}/ai/generate-follow-up?wait=20`, { lead: l });
    expect(sent.status).toBe(200);
    const taskId = await classify({ from: "MAILER-DAEMON@mx.bounce.example", subject: "Undelivered Mail Returned to Sender", body: "550 5.1.1 <gone@bounce.example>: Recipient address rejected: User unknown", in_reply_to: followUpMessageId(sent.json.task_id) });
    await classified(taskId, "bounce", { bounced_address: "gone@bounce.example" });
    const r = await reactionOf(taskId);
    expect(r).toMatchObject({ kind: "bounced", lead_id: l.id, outcome: "bounced", in_reply_to_task_id: sent.json.task_id, suppressed: [{ kind: "email", value: "gone@bounce.example", reason: "bounced" }] });
    const list = await get("/ai/suppressions?kind=email&reason=bounced");
    expect(list.json.items.map((s: { value: string }) => s.value)).toContain("gone@bounce.example");
    const again = await postJson(`${stack.url}/ai/generate-follow-up`, { lead: l });
    expect(again.status).toBe(409);
  });

  it("wrong_person: a follow-up to the colleague the reply names, at the lead's company", async () => {
    const l = lead("re-wrong-1", "max.klein@wrong.example", "Max Klein");
    await knownLead(l);
    const taskId = await classify({ from: "max.klein@wrong.example", body: "I'm not the right person for this. Please contact my colleague Petra Lang (petra.lang@wrong.example), she runs procurement." }, l.id);
    await classified(taskId, "wrong_person", { colleague: { name: "Petra Lang", email: "petra.lang@wrong.example" } });
    const r = await reactionOf(taskId);
    expect(r).toMatchObject({ kind: "colleague_follow_up_queued", lead_id: l.id, outcome: "replied" });
    const task = await waitForTask(stack.url, r.follow_up_task_id!);
    expect(task.status).toBe("completed");
    const detail = await get(`/ai/tasks/${r.follow_up_task_id}/detail`);
    expect(detail.json.input.lead.contact).toEqual({ name: "Petra Lang", email: "petra.lang@wrong.example" });
    expect(detail.json.input.lead.company.name).toBe("Max Klein GmbH");
    expect(detail.json.input.context).toContain("Max Klein replied that Petra Lang is the right person");

    // Without an address there is nobody to write to: the reaction says so.
    const noAddress = await classify({ from: "max.klein@wrong.example", body: "Ask someone in procurement." }, l.id);
    await classified(noAddress, "wrong_person", { colleague: { name: "someone in procurement" } });
    expect(await reactionOf(noAddress)).toMatchObject({ kind: "skipped", reason: expect.stringContaining("no_address") });
  });

  it("interested from an unknown sender: no lead known, the reaction event says so and nothing is queued", async () => {
    const taskId = await classify({ from: "stranger@unknown.example", body: "Sounds interesting, tell me more." });
    await classified(taskId, "interested");
    const r = await reactionOf(taskId);
    expect(r).toMatchObject({ kind: "skipped", action: "follow_up", lead_known: false, outcome: "replied" });
    expect(r.reason).toContain("no_lead");
    expect(r.follow_up_task_id).toBeUndefined();
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
    expect((await postJson(`${stack.url}/ai/tasks/${mail.json.task_id}/sent`, {})).status).toBe(200);
    const taskId = await classify({ from: "eva.stone@exp.example", body: "Yes, interested. What are the next steps?", in_reply_to: `Some Client <x@y>, ${followUpMessageId(mail.json.task_id)}` });
    await classified(taskId, "interested");
    const r = await reactionOf(taskId);
    expect(r).toMatchObject({ kind: "follow_up_queued", lead_id: l.id, outcome: "replied", in_reply_to_task_id: mail.json.task_id });
    const view = await get("/ai/experiments/reply-test");
    expect(view.json.variants.find((v: { id: string }) => v.id === variant)).toMatchObject({ sends: 1, successes: 1, outcomes: { replied: 1 } });
    expect((await postJson(`${stack.url}/ai/experiments/reply-test/stop`, {})).status).toBe(200);
  });

  it("a reply classified by the real e-mail classification agent: question → a follow-up answering it", async () => {
    const l = lead("re-question-1", "lena.fox@question.example", "Lena Fox");
    await knownLead(l);
    classifier = await startEmailClassification({ ...stack.env });
    const r0 = await postJson(`${stack.url}/ai/classify-email?wait=20`, {
      email: { from: "Lena Fox <lena.fox@question.example>", to: "sales@gardenos.example", subject: "Re: pricing", body: "Hi, how much does the plan for 50 users cost per year, and does it include onboarding?\n\nBest,\nLena", received_at: RECEIVED },
      lead_id: l.id,
    });
    expect(r0.status, r0.text).toBe(200);
    expect(r0.json.result.category).toBe("question");
    const r = await reactionOf(r0.json.task_id);
    expect(r).toMatchObject({ kind: "follow_up_queued", category: "question", lead_id: l.id, outcome: "replied" });
    const task = await waitForTask(stack.url, r.follow_up_task_id!);
    expect(task.status).toBe("completed");
    const detail = await get(`/ai/tasks/${r.follow_up_task_id}/detail`);
    expect(detail.json.input.context).toContain("how much does the plan for 50 users cost");
  });
});

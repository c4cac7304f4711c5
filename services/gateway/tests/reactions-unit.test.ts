import { describe, expect, it } from "vitest";
import { DEFAULT_EMAIL_REACTIONS, type Lead, type ScheduledTaskRecord } from "@gardenos/contracts";
import { HttpError } from "../src/http/errors.js";
import { Reactions, type ReactionsDeps } from "../src/reactions/react.js";

/** The reactions on fakes: the same reply handled twice acts once; errors a retry cannot fix are announced. */
describe("reactions on fakes", () => {
  const lead: Lead = { id: "L1", company: { name: "Acme" }, contact: { name: "Jane Doe", email: "jane@acme.example" } };

  function deps(submit: ReactionsDeps["intake"]["submit"]) {
    const submitted: { key: unknown; priority: unknown; context: unknown }[] = [];
    const outcomes: { id: unknown; outcome: unknown; lead: unknown }[] = [];
    const scheduled = new Map<string, ScheduledTaskRecord>();
    const d: ReactionsDeps = {
      intake: {
        submit: async (def, body, tp, tenant, o) => {
          submitted.push({ key: body.idempotency_key, priority: body.priority, context: body.context });
          return submit(def, body, tp, tenant, o);
        },
      },
      suppressions: { add: async (_t, e) => [...e], isSuppressed: async () => false },
      doNotContact: { isDoNotContact: async () => false },
      scheduler: {
        schedule: async (r) => (scheduled.has(r.id) ? false : (scheduled.set(r.id, r), true)),
        list: async () => [...scheduled.values()],
        cancel: async (_t, id) => scheduled.get(id),
      },
      resolveLead: async (_t, q) => (q.leadId === "L1" || q.email === "jane@acme.example" ? lead : undefined),
      outcomes: {
        record: async (_t, items) => {
          for (const i of items) outcomes.push({ id: i.outcome_id, outcome: i.outcome, lead: i.lead_id });
          return { stored: 1, duplicates: 0, leads_updated: 0, outcome_ids: [] };
        },
      },
      followUps: { answered: async () => undefined, cancelQueued: async () => [] } as unknown as ReactionsDeps["followUps"],
      config: { reactions: DEFAULT_EMAIL_REACTIONS, priority: 9, oooDelayHours: 24, oooDefaultDays: 7 },
    };
    return { d, submitted, outcomes, scheduled };
  }

  const reply = { tenant: "default", taskId: "email-1", category: "question", found: {}, leadId: "L1", email: { from: "Jane <jane@acme.example>", received_at: "2026-11-27T10:00:00Z" }, text: "Does it do SSO?" };

  it("the same reply twice: the same follow-up id, idempotency key and outcome id (the intake and the store keep one)", async () => {
    const f = deps(async () => ({ duplicate: false, taskId: "followup-x", status: "queued" }));
    const r = new Reactions(f.d);
    const a = await r.react(reply);
    const b = await r.react(reply);
    expect(a).toMatchObject({ kind: "follow_up_queued", follow_up_task_id: "followup-x", reaction_id: "email-1:reaction", outcome: "replied" });
    expect(b.reaction_id).toBe(a.reaction_id);
    expect(f.submitted.map((s) => s.key)).toEqual(["reply:email-1", "reply:email-1"]);
    expect(f.submitted[0]!.priority).toBe(9);
    expect(String(f.submitted[0]!.context)).toContain("Does it do SSO?");
    expect(f.outcomes.map((o) => o.id)).toEqual(["reply-email-1", "reply-email-1"]);
  });

  it("a reply that may ask us to stop (possible_unsubscribe) e-mails nobody by itself: skipped for a person, the reply still recorded", async () => {
    const f = deps(async () => ({ duplicate: false, taskId: "followup-y", status: "queued" }));
    const e = await new Reactions(f.d).react({ ...reply, taskId: "email-9", category: "interested", signals: ["model", "possible_unsubscribe"] });
    expect(e).toMatchObject({ kind: "skipped", outcome: "replied" });
    expect(e.reason).toContain("possible_unsubscribe");
    expect(f.submitted).toEqual([]);
    expect(f.scheduled.size).toBe(0);
  });

  it("out of office: scheduled once at 00:00 UTC of the return date + EMAIL_OOO_DELAY_HOURS; no date → EMAIL_OOO_DEFAULT_DAYS", async () => {
    const f = deps(async () => ({ duplicate: false, taskId: "unused", status: "queued" }));
    const r = new Reactions(f.d);
    const e = await r.react({ ...reply, taskId: "email-2", category: "out_of_office", found: { return_date: "2026-12-07" } });
    expect(e).toMatchObject({ kind: "follow_up_scheduled", due_at: "2026-12-08T00:00:00.000Z" });
    expect(e.outcome).toBeUndefined();
    await r.react({ ...reply, taskId: "email-2", category: "out_of_office", found: { return_date: "2026-12-07" } });
    expect(f.scheduled.size).toBe(1);
    const before = Date.now();
    const nodate = await r.react({ ...reply, taskId: "email-3", category: "out_of_office", found: {} });
    expect(Date.parse(nodate.due_at!) - before).toBeGreaterThanOrEqual(7 * 86_400_000 - 1000);
  });

  it("an error a retry cannot fix is announced as skipped; one it can fix is thrown (the event comes back)", async () => {
    const taken = new Reactions(deps(async () => Promise.reject(new HttpError("ERR_TASK_ID_TAKEN"))).d);
    expect(await taken.react(reply)).toMatchObject({ kind: "skipped", reason: "error: ERR_TASK_ID_TAKEN", outcome: "replied" });
    const down = new Reactions(deps(async () => Promise.reject(new HttpError("ERR_BROKER_UNAVAILABLE"))).d);
    await expect(down.react(reply)).rejects.toThrow(HttpError);
  });

  it("bounce without a bounced address and no follow-up answered: skipped, no_address; the outcome is keyed by nothing it cannot know", async () => {
    const f = deps(async () => ({ duplicate: false, taskId: "x", status: "queued" }));
    const e = await new Reactions(f.d).react({ tenant: "default", taskId: "email-4", category: "bounce", found: {}, email: { from: "mailer-daemon@mx.example" }, text: "failed" });
    expect(e).toMatchObject({ kind: "skipped", lead_known: false });
    expect(e.reason).toContain("no_address");
    expect(f.outcomes).toEqual([]);
  });
});
